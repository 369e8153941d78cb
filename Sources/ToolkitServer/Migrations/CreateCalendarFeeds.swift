import SQLKit

/// A client's private reminder feed: when they want a nudge to practise, and the hash of the
/// secret address their phone's calendar subscribes to (the address itself is shown once and
/// never kept). Times of day only; nothing the client wrote.
struct CreateCalendarFeeds: Migration {
    let name = "CreateCalendarFeeds"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "calendar_feeds")
            .column("user_id", type: .text, .primaryKey(autoIncrement: false), .references("users", "id", onDelete: .cascade))
            .column("token_hash", type: .text, .notNull, .unique)
            .column("time_of_day", type: .text, .notNull)
            .column("weekdays", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .run()
    }
}
