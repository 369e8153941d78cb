import SQLKit

/// Each person's time zone, so dates and times read as their own clock shows them. Empty until
/// the browser's guess at first sign-in or the person's choice on the account page.
struct AddTimeZoneToUsers: Migration {
    let name = "AddTimeZoneToUsers"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.alter(table: "users").column("time_zone", type: .text).run()
    }
}
