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

    /// The account a live token belongs to, in one query (every API request asks).
    func user(for token: String) async throws -> User? {
        try await database.sql.select()
            .column(SQLColumn(SQLLiteral.all, table: SQLIdentifier("users")))
            .from("api_tokens")
            .join(SQLIdentifier("users"), on: SQLColumn("id", table: "users"), .equal, SQLColumn("user_id", table: "api_tokens"))
            .where(SQLColumn("token_hash", table: "api_tokens"), .equal, SQLBind(Randomness.sha256Hex(token)))
            .where(SQLColumn("revoked", table: "api_tokens"), .equal, SQLBind(0))
            .where(SQLColumn("expires_at", table: "api_tokens"), .greaterThan, SQLBind(Int64(Date().timeIntervalSince1970)))
            .first(decoding: User.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    func revoke(token: String) async throws {
        try await database.sql.update("api_tokens").set("revoked", to: 1)
            .where("token_hash", .equal, Randomness.sha256Hex(token)).run()
    }
}
