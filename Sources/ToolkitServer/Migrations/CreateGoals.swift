import SQLKit

/// Goals: the client's own, sealed with their key, private until shared one at a time.
struct CreateGoals: Migration {
    let name = "CreateGoals"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await ClientEntryTable.create("goals", on: database)
    }
}
