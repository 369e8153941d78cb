import SQLKit

/// The time step of the last second-factor code each account used, so a code works only once.
struct AddTOTPLastStepToUsers: Migration {
    let name = "AddTOTPLastStepToUsers"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.alter(table: "users").column("totp_last_step", type: .bigint).run()
    }
}
