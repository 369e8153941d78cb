import Foundation
import SQLKit

/// Slows password guessing. Failures are stored in the database, so the limit holds across
/// restarts and across every app process. Counting per account *and address* means an attacker
/// elsewhere can't lock the real person out; a looser per-address limit stops spraying many accounts.
struct LoginThrottle: Sendable {
    let database: Database
    let perAccountAndAddress: Int
    let perAddress: Int
    let window: TimeInterval

    static func accountKey(_ email: String) -> String {
        Randomness.sha256Hex(AccountService.normalizedEmail(email))
    }

    func isBlocked(email: String, address: String) async throws -> Bool {
        let since = Int64(Date().timeIntervalSince1970 - window)
        let forAccount = try await count(address: address, accountKey: Self.accountKey(email), since: since)
        if forAccount >= perAccountAndAddress { return true }
        return try await count(address: address, accountKey: nil, since: since) >= perAddress
    }

    func recordFailure(email: String, address: String) async throws {
        try await database.sql.insert(into: "login_failures")
            .columns("id", "created_at", "account_key", "address")
            .values(SQLBind(Randomness.identifier()), SQLBind(Int64(Date().timeIntervalSince1970)),
                    SQLBind(Self.accountKey(email)), SQLBind(address))
            .run()
    }

    /// A successful sign-in clears that account's failures from that address, and old rows go.
    func recordSuccess(email: String, address: String) async throws {
        try await database.sql.delete(from: "login_failures")
            .where("account_key", .equal, Self.accountKey(email)).where("address", .equal, address).run()
        try await database.sql.delete(from: "login_failures")
            .where("created_at", .lessThan, Int64(Date().timeIntervalSince1970 - window)).run()
    }

    private func count(address: String, accountKey: String?, since: Int64) async throws -> Int {
        var query = database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("login_failures").where("address", .equal, address).where("created_at", .greaterThan, since)
        if let accountKey { query = query.where("account_key", .equal, accountKey) }
        return try await query.first(decodingColumn: "n", as: Int.self) ?? 0
    }
}
