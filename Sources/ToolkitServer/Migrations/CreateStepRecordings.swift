import SQLKit

/// A therapist's recorded voice for the steps of their own guided practices. The audio is kept
/// in the database, so every app process serves it; one recording per step.
struct CreateStepRecordings: Migration {
    let name = "CreateStepRecordings"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "step_recordings")
            .column("item_id", type: .text, .notNull, .references("authored_items", "id", onDelete: .cascade))
            .column("step", type: .int, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("content_type", type: .text, .notNull)
            .column("byte_count", type: .int, .notNull)
            .column("audio", type: .blob, .notNull)
            .primaryKey("item_id", "step")
            .run()
    }
}
