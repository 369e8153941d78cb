import SQLKit

/// A client's safety plan: one row for sharing and the current version, and every saved version.
struct CreateSafetyPlans: Migration {
    let name = "CreateSafetyPlans"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "safety_plans")
            .column("user_id", type: .text, .primaryKey(autoIncrement: false), .references("users", "id", onDelete: .cascade))
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .column("shared", type: .int, .notNull, .default(0))
            .column("current_version", type: .int, .notNull)
            .run()
        try await database.create(table: "safety_plan_versions")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("user_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("version", type: .int, .notNull)
            .column("content", type: .text, .notNull)
            .run()
        try await database.create(index: "safety_plan_versions_user_idx").on("safety_plan_versions")
            .column("user_id").column("version").unique().run()
    }
}
