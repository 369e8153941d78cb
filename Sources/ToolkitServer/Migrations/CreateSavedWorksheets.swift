import SQLKit

/// Library worksheets a client fills in and keeps: one row per filled sheet (its owner, sharing
/// and current version, nothing the client wrote), and every saved version, sealed. Which
/// worksheet a sheet is stays inside the sealed versions too.
struct CreateSavedWorksheets: Migration {
    let name = "CreateSavedWorksheets"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "saved_worksheets")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("user_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("shared", type: .int, .notNull, .default(0))
            .column("current_version", type: .int, .notNull)
            .run()
        try await database.create(index: "saved_worksheets_user_updated_idx").on("saved_worksheets")
            .column("user_id").column("updated_at").run()
        try await database.create(table: "saved_worksheet_versions")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("worksheet_id", type: .text, .notNull, .references("saved_worksheets", "id", onDelete: .cascade))
            .column("user_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("version", type: .int, .notNull)
            .column("content", type: .text, .notNull)
            .run()
        // One number per version of a sheet: a second writer can never take the same one.
        try await database.create(index: "saved_worksheet_versions_sheet_idx").on("saved_worksheet_versions")
            .column("worksheet_id").column("version").unique().run()
    }
}
