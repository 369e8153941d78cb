import SQLKit

/// The practice log: what a client practised and how it felt, sealed, private until shared.
struct CreatePracticeLogEntries: Migration {
    let name = "CreatePracticeLogEntries"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await ClientEntryTable.create("practice_log_entries", on: database)
    }
}
