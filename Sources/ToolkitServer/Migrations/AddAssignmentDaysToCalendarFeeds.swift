import SQLKit

/// Whether a client's reminder feed also carries the days their assignments plan a practice.
/// Feeds made before this keep exactly the days their client chose.
struct AddAssignmentDaysToCalendarFeeds: Migration {
    let name = "AddAssignmentDaysToCalendarFeeds"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.alter(table: "calendar_feeds").column("assignment_days", type: .int, .notNull, .default(0)).run()
    }
}
