import SQLKit

/// Small daily rituals: one sealed document per client with the rituals and the days done.
struct CreateRitualPlans: Migration {
    let name = "CreateRitualPlans"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await ClientDocumentTable.create("ritual_plans", on: database)
    }
}
