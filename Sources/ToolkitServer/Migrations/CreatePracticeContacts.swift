import SQLKit

/// How each therapist can be reached by their clients: offered, pre-filled, in the professionals
/// step of a client's safety plan. Professional contact details, not client content.
struct CreatePracticeContacts: Migration {
    let name = "CreatePracticeContacts"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "practice_contacts")
            .column("therapist_id", type: .text, .primaryKey(autoIncrement: false), .references("users", "id", onDelete: .cascade))
            .column("phone", type: .text, .notNull)
            .column("hours", type: .text, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .run()
    }
}
