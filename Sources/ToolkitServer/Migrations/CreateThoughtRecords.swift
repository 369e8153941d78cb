import SQLKit

/// Thought records from the thought coach: the client's own writing, sealed, private until shared.
/// Same shape as the journal (see `ClientEntryStore`); times in milliseconds.
struct CreateThoughtRecords: Migration {
    let name = "CreateThoughtRecords"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "thought_records")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("user_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("shared", type: .int, .notNull)
            .column("content", type: .text, .notNull)
            .run()
        try await database.create(index: "thought_records_user_created_idx").on("thought_records")
            .column("user_id").column("created_at").column("id").run()
    }
}
