import SQLKit

/// Assignments a therapist gives a client, the days the client completed them and the weeks the
/// client set aside. The therapist's note and the client's reason for setting a week aside are
/// sealed with the client's key; schedules, days and minutes are plain (the therapist sees them
/// by design, and Today and the roster count them without opening anything).
struct CreateAssignments: Migration {
    let name = "CreateAssignments"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "assignments")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("therapist_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("client_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("item_id", type: .text, .notNull)
            .column("schedule", type: .text, .notNull)
            .column("note", type: .text, .notNull)
            .column("ended_on", type: .text)
            .run()
        try await database.create(index: "assignments_client_idx").on("assignments").column("client_id").column("created_at").run()
        try await database.create(index: "assignments_therapist_idx").on("assignments").column("therapist_id").run()

        try await database.create(table: "assignment_completions")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("assignment_id", type: .text, .notNull, .references("assignments", "id", onDelete: .cascade))
            .column("client_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("day", type: .text, .notNull)
            .column("slot", type: .text, .notNull)
            .column("minutes", type: .int, .notNull)
            .column("source_kind", type: .text, .notNull)
            .column("source_id", type: .text, .notNull)
            .run()
        // One completion per assignment and day (or one in all for a once-only assignment), however
        // many requests race to record it.
        try await database.create(index: "assignment_completions_slot_idx").on("assignment_completions")
            .column("assignment_id").column("slot").unique().run()
        try await database.create(index: "assignment_completions_client_idx").on("assignment_completions")
            .column("client_id").column("day").run()

        try await database.create(table: "assignment_skips")
            .column("assignment_id", type: .text, .notNull, .references("assignments", "id", onDelete: .cascade))
            .column("week", type: .text, .notNull)
            .column("client_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("created_at", type: .bigint, .notNull)
            .column("reason", type: .text)
            .primaryKey("assignment_id", "week")
            .run()
        try await database.create(index: "assignment_skips_client_idx").on("assignment_skips").column("client_id").column("week").run()
    }
}
