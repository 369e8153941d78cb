import SQLKit

/// The self-care plan (one sealed document per client) and weekly check-ins (one sealed entry each).
struct CreateSelfCare: Migration {
    let name = "CreateSelfCare"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await ClientDocumentTable.create("self_care_plans", on: database)
        try await ClientEntryTable.create("self_care_check_ins", on: database)
    }
}
