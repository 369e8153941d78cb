import SQLKit

/// Things a person is told once, the next time they sign in: their password was reset, or their
/// care moved to another therapist. The text is made when shown; rows hold only what it names.
struct CreateAccountNotices: Migration {
    let name = "CreateAccountNotices"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "account_notices")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("user_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("kind", type: .text, .notNull)
            // Who did it, as the person knows them ("Dr Rivera", "the practice's administrator").
            .column("by_name", type: .text, .notNull)
            .run()
        try await database.create(index: "account_notices_user_idx").on("account_notices").column("user_id").run()
    }
}
