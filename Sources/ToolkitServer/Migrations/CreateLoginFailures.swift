import SQLKit

/// Failed sign-ins, kept in the database so throttling survives restarts and spans processes.
struct CreateLoginFailures: Migration {
    let name = "CreateLoginFailures"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "login_failures")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("account_key", type: .text, .notNull)
            .column("address", type: .text, .notNull)
            .run()
        try await database.create(index: "login_failures_lookup_idx").on("login_failures")
            .column("address").column("created_at").run()
    }
}
