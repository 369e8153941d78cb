import SQLKit

/// Journal entries: the client's own writing, sealed with their key, private until shared.
/// Times are in milliseconds, so entries written in the same second keep their order.
struct CreateJournalEntries: Migration {
    let name = "CreateJournalEntries"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "journal_entries")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("user_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("shared", type: .int, .notNull)
            .column("content", type: .text, .notNull)
            .run()
        // The list is newest first, a page at a time, for one person.
        try await database.create(index: "journal_entries_user_created_idx").on("journal_entries")
            .column("user_id").column("created_at").column("id").run()
    }
}
