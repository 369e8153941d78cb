import SQLKit

/// Thought records from the thought coach: the client's own writing, sealed, private until shared.
struct CreateThoughtRecords: Migration {
    let name = "CreateThoughtRecords"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await ClientEntryTable.create("thought_records", on: database)
    }
}
