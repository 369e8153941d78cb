import SQLKit

/// The table shape of a document each client has at most one of (see `ClientDocumentStore`):
/// one row per client, a version counted up by every change, `content` sealed with their key.
enum ClientDocumentTable {
    static func create(_ table: String, on database: any SQLDatabase) async throws {
        try await database.create(table: table)
            .column("user_id", type: .text, .primaryKey(autoIncrement: false), .references("users", "id", onDelete: .cascade))
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("version", type: .int, .notNull)
            .column("shared", type: .int, .notNull)
            .column("content", type: .text, .notNull)
            .run()
    }
}
