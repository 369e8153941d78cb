import SQLKit

/// The table shape every kind of the client's own entries shares (see `ClientEntryStore`): times in
/// milliseconds, so entries written in the same second keep their order; `content` sealed with the
/// client's key; an index for one person's entries, newest first, a page at a time.
enum ClientEntryTable {
    static func create(_ table: String, on database: any SQLDatabase) async throws {
        try await database.create(table: table)
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("user_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("shared", type: .int, .notNull)
            .column("content", type: .text, .notNull)
            .run()
        try await database.create(index: "\(table)_user_created_idx").on(table)
            .column("user_id").column("created_at").column("id").run()
    }
}
