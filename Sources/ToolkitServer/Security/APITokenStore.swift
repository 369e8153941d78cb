import Foundation
import SQLKit

/// Bearer tokens for the JSON API: random, stored hashed, expiring and revocable.
struct APITokenStore: Sendable {
    let database: Database
    let lifetime: TimeInterval

    func issue(for userID: String) async throws -> (token: String, expiresAt: Date) {
        let token = Randomness.token()
        let now = Date()
        let expires = now.addingTimeInterval(lifetime)
        try await database.sql.insert(into: "api_tokens")
            .columns("token_hash", "created_at", "expires_at", "user_id", "revoked")
            .values(SQLBind(Randomness.sha256Hex(token)), SQLBind(Int64(now.timeIntervalSince1970)),
                    SQLBind(Int64(expires.timeIntervalSince1970)), SQLBind(userID), SQLBind(0))
            .run()
        return (token, expires)
    }

    /// A token that isn't revoked, with its account and when it expires (the caller checks that),
    /// in one query.
    func holder(tokenHash: String) async throws -> TokenHolder? {
        guard let row = try await database.sql.select()
            .column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("users")))
            .column(SQLColumn("expires_at", table: "api_tokens"), as: "token_expires_at")
            .from("api_tokens")
            .join(SQLIdentifier("users"), on: SQLColumn("id", table: "users"), .equal, SQLColumn("user_id", table: "api_tokens"))
            .where(SQLColumn("token_hash", table: "api_tokens"), .equal, SQLBind(tokenHash))
            .where(SQLColumn("revoked", table: "api_tokens"), .equal, SQLBind(0))
            .first() else { return nil }
        return TokenHolder(user: try row.decode(model: User.self, keyDecodingStrategy: .convertFromSnakeCase),
                           expiresAt: try row.decode(column: "token_expires_at", as: Int64.self))
    }

    func revoke(token: String) async throws {
        try await database.sql.update("api_tokens").set("revoked", to: 1)
            .where("token_hash", .equal, Randomness.sha256Hex(token)).run()
    }
}

/// An API token's account and expiry, as read once and kept until the next write (revoking a
/// token, disabling or changing the account is a write). Its expiry is checked on every use.
struct TokenHolder: Sendable {
    var user: User
    /// Seconds since 1970.
    var expiresAt: Int64

    func isLive(at now: Date) -> Bool { expiresAt > Int64(now.timeIntervalSince1970) }
}
