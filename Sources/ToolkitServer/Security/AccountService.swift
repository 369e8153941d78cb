import Foundation
import SQLKit
import ToolkitCore

/// Creating, finding, changing and removing accounts.
struct AccountService: Sendable {
    let database: Database
    let keys: KeyStore
    let hasher: PasswordHasher
    let audit: AuditLog

    enum AccountError: Error, Equatable, CustomStringConvertible {
        case invalidEmail
        case emailTaken
        case missingName
        case nameTooLong
        case nameCharacters(DisplayName.Problem)
        case weakPassword(PasswordPolicy.Problem)
        case therapistRequired
        case therapistNotFound
        case notFound

        var description: String {
            switch self {
            case .invalidEmail: "Please enter an email address, such as name@example.org."
            case .emailTaken: "An account with that email address already exists."
            case .missingName: "Please enter a name."
            case .nameTooLong: "Please keep the name under \(AccountService.maximumNameLength) characters."
            case .nameCharacters(let problem): problem.description
            case .weakPassword(let problem): problem.description
            case .therapistRequired: "A client account needs a therapist. Name one with --therapist EMAIL."
            case .therapistNotFound: "No therapist account has that email address."
            case .notFound: "No account has that email address."
            }
        }
    }

    static let maximumNameLength = 200

    static func normalizedEmail(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    static func isPlausibleEmail(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && email.count <= 254
            && !email.contains(where: { $0.isWhitespace })
            && !email.unicodeScalars.contains(where: DisplayName.isRefused)
    }

    /// Creates an account with its own data key, recording who created it.
    func create(email rawEmail: String, name rawName: String, role: Role, password: String,
                therapistEmail: String? = nil, createdBy actor: User? = nil) async throws -> User {
        let (email, name) = try Self.validated(email: rawEmail, name: rawName)
        if let problem = PasswordPolicy().problem(with: password, email: email) { throw AccountError.weakPassword(problem) }
        var therapistID: String?
        if role == .client {
            guard let therapistEmail else { throw AccountError.therapistRequired }
            guard let therapist = try await find(email: therapistEmail), therapist.userRole == .therapist else {
                throw AccountError.therapistNotFound
            }
            therapistID = therapist.id
        }
        let user = try await newAccount(email: email, name: name, role: role, password: password, therapistID: therapistID)
        try await database.transaction { db in
            try await self.insert(user, createdBy: actor, on: db)
        }
        return user
    }

    /// The email (normalised) and name (trimmed) when both may be used for an account.
    static func validated(email rawEmail: String, name rawName: String) throws -> (email: String, name: String) {
        let email = normalizedEmail(rawEmail)
        let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard isPlausibleEmail(email) else { throw AccountError.invalidEmail }
        guard !name.isEmpty else { throw AccountError.missingName }
        guard name.count <= maximumNameLength else { throw AccountError.nameTooLong }
        if let problem = DisplayName.problem(with: name) { throw AccountError.nameCharacters(problem) }
        return (email, name)
    }

    /// A new account, checked and with its password hashed, not yet stored (see `insert`).
    /// The email and name must already have passed `validated`.
    func newAccount(email: String, name: String, role: Role, password: String, therapistID: String?) async throws -> User {
        if let problem = PasswordPolicy().problem(with: password, email: email) { throw AccountError.weakPassword(problem) }
        if try await find(email: email) != nil { throw AccountError.emailTaken }
        let now = Int64(Date().timeIntervalSince1970)
        return User(id: Randomness.identifier(), createdAt: now, updatedAt: now, therapistId: therapistID,
                    email: email, name: name, role: role.rawValue, passwordHash: try await hasher.hash(password),
                    disabled: 0, totpSecret: nil, totpEnabled: 0)
    }

    /// Stores a new account with its own data key and the audit record, inside the caller's transaction.
    func insert(_ user: User, createdBy actor: User?, detail: String? = nil, on db: any SQLDatabase) async throws {
        try await db.insert(into: "users").model(user, keyEncodingStrategy: .convertToSnakeCase).run()
        try await keys.createDataKey(for: user.id, on: db)
        try await audit.append(AuditEvent(
            actorID: actor?.id, actorRole: actor?.role, action: "account.create", targetType: "user",
            targetID: user.id, subjectUserID: user.id, detail: ["role=\(user.role)", detail].compactMap { $0 }.joined(separator: " ")), on: db)
    }

    func find(email: String) async throws -> User? {
        try await database.sql.select().column("*").from("users")
            .where("email", .equal, Self.normalizedEmail(email))
            .first(decoding: User.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func find(id: String) async throws -> User? {
        try await database.sql.select().column("*").from("users").where("id", .equal, id)
            .first(decoding: User.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Sets the person's time zone; `onlyIfUnset` keeps a choice already made (for the browser's
    /// guess at sign-in).
    func setTimeZone(_ identifier: String, for user: User, onlyIfUnset: Bool = false) async throws {
        var update = database.sql.update("users").set("time_zone", to: identifier).where("id", .equal, user.id)
        if onlyIfUnset { update = update.where("time_zone", .is, SQLLiteral.null) }
        try await update.run()
    }

    func adminExists() async throws -> Bool {
        try await database.sql.select().column("id").from("users").where("role", .equal, Role.admin.rawValue)
            .limit(1).first() != nil
    }

    func clients(ofTherapist therapistID: String) async throws -> [User] {
        try await database.sql.select().column("*").from("users")
            .where("therapist_id", .equal, therapistID).where("role", .equal, Role.client.rawValue)
            .orderBy("name")
            .all(decoding: User.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func all() async throws -> [User] {
        try await database.sql.select().column("*").from("users").orderBy("role").orderBy("name")
            .all(decoding: User.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// Checks a password; nil when the account is unknown, disabled or the password is wrong.
    /// Unknown accounts still cost one bcrypt verification so timing doesn't reveal them.
    /// Passwords over bcrypt's 72 bytes never match: bcrypt would compare only their start.
    func authenticate(email: String, password: String) async throws -> User? {
        guard password.utf8.count <= PasswordPolicy.maximumBytes, let user = try await find(email: email) else {
            try await hasher.verifyAgainstDecoy(password)
            return nil
        }
        guard try await hasher.verify(password, against: user.passwordHash), !user.isDisabled else { return nil }
        return user
    }

    /// Sets a new password and ends every session and API token of the user.
    func changePassword(of user: User, to newPassword: String, actor: User) async throws {
        if let problem = PasswordPolicy().problem(with: newPassword, email: user.email) {
            throw AccountError.weakPassword(problem)
        }
        let hash = try await hasher.hash(newPassword)
        try await database.transaction { db in
            try await db.update("users").set("password_hash", to: hash)
                .set("updated_at", to: Int64(Date().timeIntervalSince1970))
                .where("id", .equal, user.id).run()
            try await SessionStore.endAll(for: user.id, on: db)
            try await self.audit.append(AuditEvent(
                actorID: actor.id, actorRole: actor.role, action: "account.password-change",
                targetType: "user", targetID: user.id, subjectUserID: user.id), on: db)
        }
    }

    /// Ends every browser session and API token of the user ("Sign out everywhere"), recorded
    /// in the audit trail in the same transaction.
    func signOutEverywhere(_ user: User, address: String?) async throws {
        try await database.transaction { db in
            try await SessionStore.endAll(for: user.id, on: db)
            try await self.audit.append(AuditEvent(
                actorID: user.id, actorRole: user.role, action: "logout.everywhere",
                targetType: "user", targetID: user.id, subjectUserID: user.id, address: address), on: db)
        }
    }

    /// Disables or re-enables an account; disabling ends all its sessions and tokens at once.
    func setDisabled(_ disabled: Bool, user: User, actor: User?) async throws {
        try await database.transaction { db in
            try await db.update("users").set("disabled", to: disabled ? 1 : 0)
                .set("updated_at", to: Int64(Date().timeIntervalSince1970))
                .where("id", .equal, user.id).run()
            if disabled { try await SessionStore.endAll(for: user.id, on: db) }
            try await self.audit.append(AuditEvent(
                actorID: actor?.id, actorRole: actor?.role, action: disabled ? "account.disable" : "account.enable",
                targetType: "user", targetID: user.id, subjectUserID: user.id), on: db)
        }
    }

    /// Erases the account: its data key first (so any copy of its data is unreadable), then its rows.
    func erase(_ user: User, actor: User) async throws {
        try await database.transaction { db in
            try await self.keys.destroyDataKey(for: user.id, on: db)
            try await SessionStore.endAll(for: user.id, on: db)
            try await db.delete(from: "users").where("id", .equal, user.id).run()
            try await self.audit.append(AuditEvent(
                actorID: actor.id == user.id ? nil : actor.id, actorRole: actor.role, action: "account.erase",
                targetType: "user", targetID: user.id, subjectUserID: user.id), on: db)
        }
    }

    /// Turns the second factor on (with the step of the code that confirmed it, so that code
    /// can't be used again to sign in) or off.
    func setSecondFactor(secretSealed: String?, enabled: Bool, confirmedStep: Int64? = nil, for user: User) async throws {
        try await database.transaction { db in
            try await db.update("users").set("totp_secret", to: secretSealed).set("totp_enabled", to: enabled ? 1 : 0)
                .set("totp_last_step", to: confirmedStep)
                .set("updated_at", to: Int64(Date().timeIntervalSince1970))
                .where("id", .equal, user.id).run()
            try await self.audit.append(AuditEvent(
                actorID: user.id, actorRole: user.role, action: enabled ? "account.second-factor-on" : "account.second-factor-off",
                targetType: "user", targetID: user.id, subjectUserID: user.id), on: db)
        }
    }

    /// Records a second-factor code's time step as used. True only for a step later than any
    /// used before: a code seen over someone's shoulder, or sent twice at once, works only once.
    /// The check and the write are one conditional UPDATE, so two requests racing with the same
    /// code can't both win, on SQLite or PostgreSQL.
    func claimSecondFactorStep(_ step: Int64, for user: User) async throws -> Bool {
        let claimed = try await database.sql.update("users").set("totp_last_step", to: step)
            .where("id", .equal, user.id)
            .where { group in
                group.where("totp_last_step", .is, SQLLiteral.null).orWhere("totp_last_step", .lessThan, step)
            }
            .returning("id").first()
        return claimed != nil
    }
}
