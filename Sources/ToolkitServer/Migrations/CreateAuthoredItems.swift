import SQLKit

/// Items therapists write in the app, kept in the library's own file format. `source` is the
/// version the library serves (it passed the content check); `draft` is a working copy that does
/// not pass yet, kept so nothing typed is lost. Not client content, so not sealed.
struct CreateAuthoredItems: Migration {
    let name = "CreateAuthoredItems"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "authored_items")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("author_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("published", type: .int, .notNull)
            .column("source", type: .text)
            .column("draft", type: .text)
            .run()
        try await database.create(index: "authored_items_author_idx").on("authored_items").column("author_id").run()
    }
}
