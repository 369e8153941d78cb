import SQLKit

/// A client's choice to share everything of one kind (all journal entries, say) with their
/// therapist: existing entries are shared at once and new ones start shared. No content here.
struct CreateSharingPreferences: Migration {
    let name = "CreateSharingPreferences"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "sharing_preferences")
            .column("user_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("entry_kind", type: .text, .notNull)
            .column("shares_all", type: .int, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .primaryKey("user_id", "entry_kind")
            .run()
    }
}
