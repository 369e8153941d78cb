import SQLKit

/// Summaries a client sends their therapist before a session: one sealed entry each, shared from
/// the moment it is sent, indexed like every other shared kind for the roster.
struct CreateSessionSummaries: Migration {
    let name = "CreateSessionSummaries"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await ClientEntryTable.create("session_summaries", on: database)
        try await database.create(index: "session_summaries_shared_idx").on("session_summaries")
            .column("user_id").column("shared").column("updated_at").column("id").run()
    }
}
