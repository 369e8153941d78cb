import SQLKit

/// Break-glass windows: which administrator opened which client's safety plan, why, and until
/// when. Kept after they close, so the therapist's flag and the record outlive the window.
struct CreateEmergencyAccess: Migration {
    let name = "CreateEmergencyAccess"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "emergency_access")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("admin_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("client_id", type: .text, .notNull, .references("users", "id", onDelete: .cascade))
            .column("reason", type: .text, .notNull)
            .column("opened_at", type: .bigint, .notNull)
            .column("ends_at", type: .bigint, .notNull)
            .run()
        try await database.create(index: "emergency_access_client_idx").on("emergency_access").column("client_id").column("ends_at").run()
    }
}
