import SQLKit

/// Distress ratings from the "I'm struggling" flow: private to the client, encrypted.
struct CreateDistressCheckIns: Migration {
    let name = "CreateDistressCheckIns"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "distress_check_ins")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("user_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("content", type: .text, .notNull)
            .run()
        try await database.create(index: "distress_check_ins_user_idx").on("distress_check_ins").column("user_id").run()
    }
}
