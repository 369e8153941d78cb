import SQLKit

/// "Who saw my data" asks for the newest records about one person made by someone else. Most
/// records about a person are their own doings, so the index holds only the others' (a partial
/// index both SQLite and PostgreSQL take), newest last by sequence.
struct AddSubjectIndexToAuditEvents: Migration {
    let name = "AddSubjectIndexToAuditEvents"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.raw("""
            CREATE INDEX audit_events_others_idx ON audit_events (subject_user_id, seq) \
            WHERE actor_id <> subject_user_id
            """).run()
    }
}
