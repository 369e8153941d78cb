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

    /// The user id a live token belongs to.
    func userID(for token: String) async throws -> String? {
        struct Row: Decodable { var userId: String; var expiresAt: Int64; var revoked: Int }
        guard let row = try await database.sql.select().columns("user_id", "expires_at", "revoked").from("api_tokens")
            .where("token_hash", .equal, Randomness.sha256Hex(token))
            .first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase) else { return nil }
        guard row.revoked == 0, row.expiresAt > Int64(Date().timeIntervalSince1970) else { return nil }
        return row.userId
    }

    func revoke(token: String) async throws {
        try await database.sql.update("api_tokens").set("revoked", to: 1)
            .where("token_hash", .equal, Randomness.sha256Hex(token)).run()
    }
}
