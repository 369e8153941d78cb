import SQLKit

/// Browser sessions live in the database so every app process shares them.
struct CreateSessions: Migration {
    let name = "CreateSessions"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "sessions")
            .column("id_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("last_seen_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .column("user_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("csrf_token", type: .text, .notNull)
            .column("second_factor_pending", type: .int, .notNull, .default(0))
            .run()
        try await database.create(index: "sessions_user_idx").on("sessions").column("user_id").run()
    }
}
