import Foundation
import SQLKit

/// Slows password guessing. Attempts are stored in the database, so the limits hold across
/// restarts and across every app process.
///
/// Two limits, each proportionate to what it stops:
/// - **One account from one address**: after `perAccountAndAddress` failures in the window, that
///   account is refused from that address until the window has passed. An attacker elsewhere
///   can't lock the real person out.
/// - **One address, all accounts** (spraying, or many people behind one office address): after
///   `perAddress` failures in the window, each further attempt from the address must wait a
///   little longer since the last failure (5 s, doubling, at most 5 minutes). Nobody at that
///   address is locked out for long by someone else's typing.
///
/// An attempt is reserved (and counted as a failure) in the same transaction that checks the
/// limits, before any password is hashed, so parallel guesses can't all slip under the limit.
/// A correct password then removes the reservation.
struct LoginThrottle: Sendable {
    let database: Database
    let perAccountAndAddress: Int
    let perAddress: Int
    let window: TimeInterval
    var clock: @Sendable () -> Date = { Date() }

    static let firstAddressDelay: Int64 = 5
    static let longestAddressDelay: Int64 = 300

    /// An attempt allowed to go ahead, already counted as a failure until `succeeded` is called.
    struct Attempt: Sendable {
        let id: String
        let accountKey: String
        let address: String
    }

    enum Decision: Sendable {
        case proceed(Attempt)
        /// Refused; the person may try again after this many seconds.
        case refused(retryAfter: Int)
    }

    static func accountKey(_ email: String) -> String {
        Randomness.sha256Hex(AccountService.normalizedEmail(email))
    }

    private var now: Int64 { Int64(clock().timeIntervalSince1970) }

    /// Checks both limits and, when the attempt may proceed, records it, in one transaction.
    func reserve(email: String, address: String) async throws -> Decision {
        let accountKey = Self.accountKey(email)
        let now = self.now
        return try await database.transaction { db in
            if database.kind == .postgresql {
                // Attempts from one address take turns, across every process (of this schema).
                try await db.raw("SELECT pg_advisory_xact_lock(7311003, hashtext(coalesce(current_schema(), '') || ' ' || \(bind: address)))").run()
            }
            if let wait = try await self.waitBeforeNextAttempt(accountKey: accountKey, address: address, now: now, on: db) {
                return .refused(retryAfter: wait)
            }
            let attempt = Attempt(id: Randomness.identifier(), accountKey: accountKey, address: address)
            try await db.insert(into: "login_failures")
                .columns("id", "created_at", "account_key", "address")
                .values(SQLBind(attempt.id), SQLBind(now), SQLBind(accountKey), SQLBind(address))
                .run()
            return .proceed(attempt)
        }
    }

    /// The password (or code) was right: that account's failures from that address are cleared,
    /// the reservation with them, and rows older than the window go.
    func succeeded(_ attempt: Attempt) async throws {
        let cutoff = now - Int64(window)
        try await database.transaction { db in
            try await db.delete(from: "login_failures")
                .where("account_key", .equal, attempt.accountKey).where("address", .equal, attempt.address).run()
            try await db.delete(from: "login_failures").where("created_at", .lessThan, cutoff).run()
        }
    }

    /// Takes back one reservation that turned out right, leaving earlier failures where they are
    /// (for checks where one right answer must not buy more guesses, such as invitation codes).
    func release(_ attempt: Attempt) async throws {
        try await database.transaction { db in
            try await db.delete(from: "login_failures").where("id", .equal, attempt.id).run()
        }
    }

    /// Whether an attempt would be refused now, without reserving one.
    func isBlocked(email: String, address: String) async throws -> Bool {
        let accountKey = Self.accountKey(email)
        let now = self.now
        return try await database.read { db in
            try await self.waitBeforeNextAttempt(accountKey: accountKey, address: address, now: now, on: db) != nil
        }
    }

    /// Seconds to wait before the next attempt, or nil when it may go ahead now.
    private func waitBeforeNextAttempt(accountKey: String, address: String, now: Int64, on db: any SQLDatabase) async throws -> Int? {
        let windowStart = now - Int64(window)
        let forAccount = try await failures(address: address, accountKey: accountKey, since: windowStart, on: db)
        if forAccount.count >= perAccountAndAddress {
            return Int(max(1, forAccount.oldest + Int64(window) - now))
        }
        let fromAddress = try await failures(address: address, accountKey: nil, since: windowStart, on: db)
        guard fromAddress.count >= perAddress else { return nil }
        let doublings = min(fromAddress.count - perAddress, 16)
        let delay = min(Self.firstAddressDelay << Int64(doublings), Self.longestAddressDelay)
        let waited = now - fromAddress.newest
        return waited >= delay ? nil : Int(delay - waited)
    }

    private struct Failures: Decodable { var count: Int; var oldest: Int64; var newest: Int64 }

    private func failures(address: String, accountKey: String?, since: Int64, on db: any SQLDatabase) async throws -> Failures {
        var query = db.select()
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "count")
            .column(SQLFunction("MIN", args: SQLColumn("created_at")), as: "oldest")
            .column(SQLFunction("MAX", args: SQLColumn("created_at")), as: "newest")
            .from("login_failures").where("address", .equal, address).where("created_at", .greaterThan, since)
        if let accountKey { query = query.where("account_key", .equal, accountKey) }
        struct Row: Decodable { var count: Int; var oldest: Int64?; var newest: Int64? }
        let row = try await query.first(decoding: Row.self)
        return Failures(count: row?.count ?? 0, oldest: row?.oldest ?? since, newest: row?.newest ?? since)
    }

    /// "about 3 minutes", for a person told to wait.
    static func describeWait(seconds: Int) -> String {
        if seconds < 60 { return seconds == 1 ? "a second" : "\(seconds) seconds" }
        let minutes = (seconds + 59) / 60
        return minutes == 1 ? "a minute" : "about \(minutes) minutes"
    }
}
