import SQLKit

struct CreateUsers: Migration {
    let name = "CreateUsers"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "users")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("therapist_id", type: .text, .references("users", "id"))
            .column("email", type: .text, .notNull, .unique)
            .column("name", type: .text, .notNull)
            .column("role", type: .text, .notNull)
            .column("password_hash", type: .text, .notNull)
            .column("disabled", type: .int, .notNull, .default(0))
            .column("totp_secret", type: .text)
            .column("totp_enabled", type: .int, .notNull, .default(0))
            .run()
        try await database.create(index: "users_therapist_idx").on("users").column("therapist_id").run()
    }
}
