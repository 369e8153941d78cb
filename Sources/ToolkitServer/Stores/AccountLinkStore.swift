@preconcurrency import Crypto
import Foundation
import SQLKit
import ToolkitCore

/// One-time links: a therapist's invitation to a new client, and a password reset issued by an
/// administrator or a client's own therapist.
///
/// A link carries a 256-bit random token; an invitation also has a short code to type. Only a
/// SHA-256 of the token and a keyed hash (HMAC-SHA-256 with the deployment key) of the code are
/// stored, so a copy of the database opens no account. Using a link is one conditional UPDATE
/// inside the transaction that acts on it: of any number of simultaneous uses, exactly one wins.
struct AccountLinkStore: Sendable {
    let database: Database
    let keys: KeyStore
    let audit: AuditLog
    let notices: AccountNoticeStore
    let clock: @Sendable () -> Date

    enum Purpose: String, Sendable {
        case invitation
        case passwordReset = "password-reset"
    }

    struct Link: Codable, Sendable, Equatable {
        var id: String
        var createdAt: Int64
        var expiresAt: Int64
        var therapistId: String?
        var userId: String?
        var createdBy: String?
        var purpose: String
        var tokenHash: String
        var codeHash: String?
        var label: String
        var usedAt: Int64?
        var revokedAt: Int64?

        var expires: Date { Date(timeIntervalSince1970: TimeInterval(expiresAt)) }
        var created: Date { Date(timeIntervalSince1970: TimeInterval(createdAt)) }
        func isLive(at now: Int64) -> Bool { usedAt == nil && revokedAt == nil && now < expiresAt }
    }

    /// A link just made: the only moment its token and code exist outside the person's hands.
    struct Issued: Sendable {
        var link: Link
        var token: String
        var code: String?
    }

    /// Why a link can't be used, for a kind page that says what to do next.
    enum Unusable: Error, Sendable {
        case notFound
        case used
        case revoked
        case expired
    }

    static let maximumLabelLength = 100
    private var now: Int64 { Int64(clock().timeIntervalSince1970) }

    static func tokenHash(_ token: String) -> String { Randomness.sha256Hex(token) }

    /// The code's keyed hash: 36 bits are too few to store as a plain hash, which anyone with a
    /// copy of the database could reverse; without the deployment key this can't be tried offline.
    func codeHash(_ normalizedCode: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("invitation-code:\(normalizedCode)".utf8), using: keys.deploymentKey)
        return Randomness.hex(mac)
    }

    private static func newCode() -> String {
        while true {
            let bytes = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            if let code = OneTimeCode.make(fromRandomBytes: bytes) { return code }
        }
    }

    private func fresh() -> (token: String, code: String) { (Randomness.token(), Self.newCode()) }

    // MARK: Invitations

    /// A new invitation from the therapist, valid for seven days.
    func invite(by therapist: User, label: String, address: String?) async throws -> Issued {
        let (token, code) = fresh()
        let now = self.now
        let link = Link(id: Randomness.identifier(), createdAt: now, expiresAt: now + Int64(OneTimeLinkLifetime.invitationSeconds),
                        therapistId: therapist.id, userId: nil, createdBy: therapist.id, purpose: Purpose.invitation.rawValue,
                        tokenHash: Self.tokenHash(token), codeHash: codeHash(code), label: label, usedAt: nil, revokedAt: nil)
        try await database.transaction { db in
            try await db.insert(into: "account_links").model(link, keyEncodingStrategy: .convertToSnakeCase).run()
            try await self.audit.append(AuditEvent(actorID: therapist.id, actorRole: therapist.role, action: "invitation.create",
                                                   targetType: "account_link", targetID: link.id, address: address), on: db)
        }
        return Issued(link: link, token: token, code: code)
    }

    /// The therapist's invitations not yet used or withdrawn (expired ones too, so they can be renewed).
    func openInvitations(of therapist: User) async throws -> [Link] {
        try await database.sql.select().column("*").from("account_links")
            .where("therapist_id", .equal, therapist.id).where("purpose", .equal, Purpose.invitation.rawValue)
            .where("used_at", .is, SQLLiteral.null).where("revoked_at", .is, SQLLiteral.null)
            .orderBy("created_at", .descending)
            .all(decoding: Link.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    /// One of the therapist's own open invitations; nil for anyone else's, or a used or withdrawn one.
    func openInvitation(id: String, of therapist: User) async throws -> Link? {
        try await openInvitations(of: therapist).first { $0.id == id }
    }

    /// Withdraws an invitation: its link and code stop working at once.
    func revoke(_ link: Link, by actor: User, address: String?) async throws -> Bool {
        let now = self.now
        return try await database.transaction { db in
            let changed = try await db.update("account_links").set("revoked_at", to: now).set("code_hash", to: SQLLiteral.null)
                .where("id", .equal, link.id).where("used_at", .is, SQLLiteral.null).where("revoked_at", .is, SQLLiteral.null)
                .returning("id").first()
            guard changed != nil else { return false }
            try await self.audit.append(AuditEvent(actorID: actor.id, actorRole: actor.role, action: "\(link.purpose).revoke",
                                                   targetType: "account_link", targetID: link.id, address: address), on: db)
            return true
        }
    }

    /// A new link and code for an open invitation, valid for another seven days; the old ones stop working.
    func renew(_ link: Link, by actor: User, address: String?) async throws -> Issued? {
        let (token, code) = fresh()
        let now = self.now
        let expires = now + Int64(OneTimeLinkLifetime.invitationSeconds)
        let renewed = try await database.transaction { db -> Bool in
            let changed = try await db.update("account_links")
                .set("token_hash", to: Self.tokenHash(token)).set("code_hash", to: self.codeHash(code)).set("expires_at", to: expires)
                .where("id", .equal, link.id).where("used_at", .is, SQLLiteral.null).where("revoked_at", .is, SQLLiteral.null)
                .returning("id").first()
            guard changed != nil else { return false }
            try await self.audit.append(AuditEvent(actorID: actor.id, actorRole: actor.role, action: "invitation.renew",
                                                   targetType: "account_link", targetID: link.id, address: address), on: db)
            return true
        }
        guard renewed else { return nil }
        var updated = link
        updated.tokenHash = Self.tokenHash(token)
        updated.codeHash = codeHash(code)
        updated.expiresAt = expires
        return Issued(link: updated, token: token, code: code)
    }

    // MARK: Finding a link

    /// The link a token opens, if it can still be used; otherwise why not.
    func usable(token: String, purpose: Purpose) async throws -> Result<Link, Unusable> {
        guard !token.isEmpty, token.count <= 100 else { return .failure(.notFound) }
        let link = try await database.sql.select().column("*").from("account_links")
            .where("token_hash", .equal, Self.tokenHash(token)).where("purpose", .equal, purpose.rawValue)
            .first(decoding: Link.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Self.check(link, now: now)
    }

    /// The open invitation a typed code names, if any (used and withdrawn invitations have no code).
    func usable(code normalizedCode: String) async throws -> Link? {
        let link = try await database.sql.select().column("*").from("account_links")
            .where("code_hash", .equal, codeHash(normalizedCode)).where("purpose", .equal, Purpose.invitation.rawValue)
            .first(decoding: Link.self, keyDecodingStrategy: .convertFromSnakeCase)
        guard let link, link.isLive(at: now) else { return nil }
        return link
    }

    static func check(_ link: Link?, now: Int64) -> Result<Link, Unusable> {
        guard let link else { return .failure(.notFound) }
        if link.usedAt != nil { return .failure(.used) }
        if link.revokedAt != nil { return .failure(.revoked) }
        if now >= link.expiresAt { return .failure(.expired) }
        return .success(link)
    }

    /// Marks the link used if it still can be, inside the caller's transaction. The one
    /// conditional UPDATE is what makes a link work once, whoever else is trying at the same moment.
    private func claim(_ link: Link, userID: String, on db: any SQLDatabase) async throws -> Bool {
        try await db.update("account_links").set("used_at", to: now).set("user_id", to: userID).set("code_hash", to: SQLLiteral.null)
            .where("id", .equal, link.id).where("used_at", .is, SQLLiteral.null).where("revoked_at", .is, SQLLiteral.null)
            .where("expires_at", .greaterThan, now)
            .returning("id").first() != nil
    }

    /// Uses an invitation: the account is made, and the invitation spent, together or not at all.
    func accept(_ link: Link, creating user: User, accounts: AccountService, address: String?) async throws -> Bool {
        do {
            try await database.transaction { db in
                // The account first (the link will point at it), then the claim; a lost claim
                // rolls the account back with it.
                try await accounts.insert(user, createdBy: nil, detail: "invitation", on: db)
                guard try await self.claim(link, userID: user.id, on: db) else { throw Unusable.used }
                try await self.audit.append(AuditEvent(actorID: user.id, actorRole: user.role, action: "invitation.accept",
                                                       targetType: "account_link", targetID: link.id, subjectUserID: user.id,
                                                       address: address), on: db)
            }
            return true
        } catch Unusable.used {
            return false
        }
    }

    // MARK: Password resets

    /// A reset link for `user`, valid for 24 hours; any earlier unused one stops working.
    func issueReset(for user: User, by actor: User, address: String?) async throws -> Issued {
        let token = Randomness.token()
        let now = self.now
        let link = Link(id: Randomness.identifier(), createdAt: now, expiresAt: now + Int64(OneTimeLinkLifetime.passwordResetSeconds),
                        therapistId: nil, userId: user.id, createdBy: actor.id, purpose: Purpose.passwordReset.rawValue,
                        tokenHash: Self.tokenHash(token), codeHash: nil, label: "", usedAt: nil, revokedAt: nil)
        try await database.transaction { db in
            try await db.update("account_links").set("revoked_at", to: now)
                .where("user_id", .equal, user.id).where("purpose", .equal, Purpose.passwordReset.rawValue)
                .where("used_at", .is, SQLLiteral.null).where("revoked_at", .is, SQLLiteral.null).run()
            try await db.insert(into: "account_links").model(link, keyEncodingStrategy: .convertToSnakeCase).run()
            try await self.audit.append(AuditEvent(actorID: actor.id, actorRole: actor.role, action: "password-reset.issue",
                                                   targetType: "account_link", targetID: link.id, subjectUserID: user.id,
                                                   address: address), on: db)
        }
        return Issued(link: link, token: token, code: nil)
    }

    /// Uses a reset link: the new password, the end of every session and API token, the notice for
    /// the next sign-in and the audit record, all in one transaction. The person's data key is
    /// wrapped by the deployment key, not by the password, so everything they wrote stays readable.
    func useReset(_ link: Link, user: User, passwordHash: String, issuerName: String, address: String?) async throws -> Bool {
        try await database.transaction { db in
            guard try await self.claim(link, userID: user.id, on: db) else { return false }
            try await db.update("users").set("password_hash", to: passwordHash)
                .set("updated_at", to: Int64(Date().timeIntervalSince1970))
                .where("id", .equal, user.id).run()
            try await SessionStore.endAll(for: user.id, on: db)
            try await self.notices.add(.passwordReset, byName: issuerName, for: user.id, on: db)
            try await self.audit.append(AuditEvent(actorID: user.id, actorRole: user.role, action: "password-reset.use",
                                                   targetType: "account_link", targetID: link.id, subjectUserID: user.id,
                                                   address: address, detail: link.createdBy.map { "issued-by=\($0)" }), on: db)
            return true
        }
    }
}
