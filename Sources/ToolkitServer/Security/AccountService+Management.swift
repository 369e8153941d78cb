import Foundation
import SQLKit
import ToolkitCore

/// What an administrator changes on someone else's account.
extension AccountService {
    /// Sets a new name and email, checked as when the account was made.
    func updateDetails(of user: User, name rawName: String, email rawEmail: String, actor: User) async throws -> User {
        let (email, name) = try Self.validated(email: rawEmail, name: rawName)
        if email != user.email, try await find(email: email) != nil { throw AccountError.emailTaken }
        let changed = [email != user.email ? "email" : nil, name != user.name ? "name" : nil].compactMap { $0 }
        try await database.transaction { db in
            try await db.update("users").set("name", to: name).set("email", to: email)
                .set("updated_at", to: Int64(Date().timeIntervalSince1970))
                .where("id", .equal, user.id).run()
            try await self.audit.append(AuditEvent(
                actorID: actor.id, actorRole: actor.role, action: "account.update", targetType: "user",
                targetID: user.id, subjectUserID: user.id, detail: changed.isEmpty ? "unchanged" : changed.joined(separator: ",")), on: db)
        }
        var updated = user
        updated.name = name
        updated.email = email
        return updated
    }

    /// Hands a client over to another therapist. What the client shares goes with them: the old
    /// therapist loses sight of it on their next request. The client is told at their next sign-in.
    func moveClient(_ client: User, to therapist: User, actor: User, notices: AccountNoticeStore) async throws {
        guard client.userRole == .client, therapist.userRole == .therapist else { throw AccountError.therapistNotFound }
        guard client.therapistId != therapist.id else { return }
        try await database.transaction { db in
            try await db.update("users").set("therapist_id", to: therapist.id)
                .set("updated_at", to: Int64(Date().timeIntervalSince1970))
                .where("id", .equal, client.id).run()
            try await notices.add(.handover, byName: therapist.name, for: client.id, on: db)
            try await self.audit.append(AuditEvent(
                actorID: actor.id, actorRole: actor.role, action: "account.handover", targetType: "user",
                targetID: client.id, subjectUserID: client.id,
                detail: "from=\(client.therapistId ?? "none") to=\(therapist.id)"), on: db)
        }
    }

    /// Clears the sign-in throttle's record for the account, from every address, so the person can
    /// try again now. The per-address limit (for spraying many accounts) is left alone.
    func unlock(_ user: User, actor: User) async throws {
        try await database.transaction { db in
            try await db.delete(from: "login_failures").where("account_key", .equal, LoginThrottle.accountKey(user.email)).run()
            try await self.audit.append(AuditEvent(
                actorID: actor.id, actorRole: actor.role, action: "account.unlock", targetType: "user",
                targetID: user.id, subjectUserID: user.id), on: db)
        }
    }

    /// The throttle keys of accounts with failed sign-ins since `since` (see `LoginThrottle.accountKey`).
    func accountKeysWithFailures(since: Int64) async throws -> Set<String> {
        let rows = try await database.sql.select().distinct().column("account_key").from("login_failures")
            .where("created_at", .greaterThan, since)
            .all(decodingColumn: "account_key", as: String.self)
        return Set(rows)
    }

    /// Everyone's therapist, by client id, for the accounts page.
    static func therapistNames(_ users: [User]) -> [String: String] {
        let therapists = Dictionary(uniqueKeysWithValues: users.filter { $0.userRole == .therapist }.map { ($0.id, $0.name) })
        var names: [String: String] = [:]
        for user in users where user.userRole == .client {
            if let id = user.therapistId, let name = therapists[id] { names[user.id] = name }
        }
        return names
    }
}
