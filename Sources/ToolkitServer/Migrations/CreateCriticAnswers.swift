import SQLKit

/// "My critic and my answers": one row per line of the client's calming script, sealed.
struct CreateCriticAnswers: Migration {
    let name = "CreateCriticAnswers"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await ClientEntryTable.create("critic_answers", on: database)
    }
}
