import SQLKit

/// Which shared items a therapist has opened, and when: ids and times only, never anything the
/// client wrote. Marks go with either account (cascade). Also indexes each shared kind by
/// (user_id, shared, updated_at, id), so the roster finds every client's shared items and their
/// times from the indexes alone, without reading the sealed rows.
struct CreateTherapistReadMarks: Migration {
    let name = "CreateTherapistReadMarks"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "therapist_read_marks")
            .column("therapist_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("client_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("kind", type: .text, .notNull)
            .column("entry_id", type: .text, .notNull)
            .column("read_at", type: .bigint, .notNull)
            .run()
        try await database.create(index: "therapist_read_marks_entry_idx").on("therapist_read_marks")
            .column("therapist_id").column("kind").column("entry_id").unique().run()
        try await database.create(index: "therapist_read_marks_client_idx").on("therapist_read_marks")
            .column("client_id").run()
        for table in ["journal_entries", "thought_records", "critic_answers", "practice_log_entries", "saved_worksheets", "goals",
                      "self_care_check_ins"] {
            try await database.create(index: "\(table)_shared_idx").on(table)
                .column("user_id").column("shared").column("updated_at").column("id").run()
        }
    }
}
