import Foundation
import SQLKit

/// What a person is told once, at their next sign-in: someone reset their password, or their
/// care moved to another therapist. Shown on the first page after sign-in, then gone.
struct AccountNoticeStore: Sendable {
    let database: Database
    let clock: @Sendable () -> Date

    enum Kind: String, Sendable {
        case passwordReset = "password-reset"
        case handover
        case emergencyAccess = "emergency-access"
    }

    struct Notice: Decodable, Sendable {
        var id: String
        var createdAt: Int64
        var kind: String
        var byName: String

        /// The sentence the person reads.
        var text: String {
            let day = DisplayTime.dayText(Date(timeIntervalSince1970: TimeInterval(createdAt)))
            switch Kind(rawValue: kind) {
            case .passwordReset?:
                return "Your password was reset on \(day) with a one-time link from \(byName). If that wasn't you, please tell your therapist or the practice's administrator."
            case .handover?:
                return "From \(day), \(byName) is your therapist. Anything you chose to share is now shared with \(byName) only, and you can change that on What my therapist can see."
            case .emergencyAccess?:
                return "On \(day), \(byName), an administrator, opened your safety plan through emergency access, which is allowed only with a recorded reason and for a short time. It is listed on Who saw my data."
            case nil:
                return ""
            }
        }
    }

    /// Adds a notice inside the caller's transaction.
    func add(_ kind: Kind, byName: String, for userID: String, on db: any SQLDatabase) async throws {
        try await db.insert(into: "account_notices")
            .columns("id", "created_at", "user_id", "kind", "by_name")
            .values(SQLBind(Randomness.identifier()), SQLBind(Int64(clock().timeIntervalSince1970)), SQLBind(userID),
                    SQLBind(kind.rawValue), SQLBind(byName))
            .run()
    }

    /// The person's waiting notices, oldest first, removed as they are handed over so each is
    /// shown once. Most people have none: the common case is one indexed read and no write.
    func take(for user: User) async throws -> [Notice] {
        let waiting = try await database.sql.select().column("id").from("account_notices")
            .where("user_id", .equal, user.id).limit(1).first()
        guard waiting != nil else { return [] }
        return try await database.transaction { db in
            try await db.delete(from: "account_notices").where("user_id", .equal, user.id)
                .returning("id", "created_at", "kind", "by_name")
                .all(decoding: Notice.self, keyDecodingStrategy: .convertFromSnakeCase)
                .sorted { $0.createdAt < $1.createdAt }
        }
    }
}
