import SQLKit

/// Journal entries: the client's own writing, sealed with their key, private until shared.
struct CreateJournalEntries: Migration {
    let name = "CreateJournalEntries"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await ClientEntryTable.create("journal_entries", on: database)
    }
}
