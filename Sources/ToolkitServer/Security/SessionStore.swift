import Foundation
import SQLKit

/// A signed-in browser session as stored. The cookie holds a random token; only its hash is kept.
struct Session: Codable, Sendable {
    var idHash: String
    var createdAt: Int64
    var lastSeenAt: Int64
    var expiresAt: Int64
    var userId: String
    var csrfToken: String
    /// Password accepted, second factor still to come: the session grants nothing yet.
    var secondFactorPending: Int

    var isSecondFactorPending: Bool { secondFactorPending != 0 }
}

/// Database-backed sessions with an idle timeout and an absolute lifetime.
struct SessionStore: Sendable {
    let database: Database
    let idleTimeout: TimeInterval
    let absoluteLifetime: TimeInterval
    let clock: @Sendable () -> Date

    private var now: Int64 { Int64(clock().timeIntervalSince1970) }

    /// Starts a new session (a fresh id every sign-in) and returns the cookie token.
    func start(userID: String, secondFactorPending: Bool) async throws -> (token: String, session: Session) {
        let token = Randomness.token()
        let now = self.now
        let session = Session(idHash: Randomness.sha256Hex(token), createdAt: now, lastSeenAt: now,
                              expiresAt: now + Int64(absoluteLifetime), userId: userID,
                              csrfToken: Randomness.token(), secondFactorPending: secondFactorPending ? 1 : 0)
        try await database.sql.insert(into: "sessions").model(session, keyEncodingStrategy: .convertToSnakeCase).run()
        return (token, session)
    }

    /// The live session for a cookie token; expired or idle sessions are removed and answer nil.
    func find(token: String) async throws -> Session? {
        let idHash = Randomness.sha256Hex(token)
        guard var session = try await database.sql.select().column("*").from("sessions")
            .where("id_hash", .equal, idHash)
            .first(decoding: Session.self, keyDecodingStrategy: .convertFromSnakeCase) else { return nil }
        let now = self.now
        if now >= session.expiresAt || now - session.lastSeenAt >= Int64(idleTimeout) {
            try await database.sql.delete(from: "sessions").where("id_hash", .equal, idHash).run()
            return nil
        }
        // Touch at most once a minute: enough for the idle timeout, far fewer writes. No page
        // shows when a session was last seen, so a touch leaves kept pages kept (a write that
        // changed content would have every kept page rendered again, once a minute per session).
        if now - session.lastSeenAt >= Self.touchInterval {
            try await database.transaction(changesContent: false) { db in
                try await db.update("sessions").set("last_seen_at", to: now).where("id_hash", .equal, idHash).run()
            }
            session.lastSeenAt = now
        }
        return session
    }

    /// Seconds between two touches of a session in use.
    static let touchInterval: Int64 = 60

    /// Whether `session`, as read earlier, may be used now without asking the database: neither
    /// ended by time nor due a touch. (Ended by a write is the caller's to know: see `KeptUntilWrite`.)
    func isCurrentWithoutTouch(_ session: Session) -> Bool {
        let now = self.now
        return now < session.expiresAt && now >= session.lastSeenAt
            && now - session.lastSeenAt < min(Self.touchInterval, Int64(idleTimeout))
    }

    /// Restarts the idle timeout now (an ordinary request does it at most once a minute).
    func touch(idHash: String) async throws {
        try await database.sql.update("sessions").set("last_seen_at", to: now).where("id_hash", .equal, idHash).run()
    }

    func end(idHash: String) async throws {
        try await database.sql.delete(from: "sessions").where("id_hash", .equal, idHash).run()
    }

    /// Ends every browser session and API token of a user (password change, disable, erase).
    static func endAll(for userID: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "sessions").where("user_id", .equal, userID).run()
        try await db.update("api_tokens").set("revoked", to: 1).where("user_id", .equal, userID).run()
    }
}
