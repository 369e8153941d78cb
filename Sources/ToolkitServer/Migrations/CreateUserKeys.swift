import SQLKit

/// Each user's data key, wrapped by the deployment key. Deleting the row shreds the user's data.
struct CreateUserKeys: Migration {
    let name = "CreateUserKeys"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "user_keys")
            .column("user_id", type: .text, .primaryKey(autoIncrement: false))
            .column("created_at", type: .bigint, .notNull)
            .column("wrapped_key", type: .text, .notNull)
            .run()
    }
}
