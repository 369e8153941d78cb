import SQLKit

/// Bearer tokens for the JSON API, stored only as hashes.
struct CreateAPITokens: Migration {
    let name = "CreateAPITokens"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "api_tokens")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .column("user_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("revoked", type: .int, .notNull, .default(0))
            .run()
        try await database.create(index: "api_tokens_user_idx").on("api_tokens").column("user_id").run()
    }
}
