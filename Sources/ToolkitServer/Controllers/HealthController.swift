import Foundation
import Hummingbird
import NIOConcurrencyHelpers

/// `GET /healthz`: is the app up and does the database answer? Nothing more is revealed.
///
/// Every request runs a one-row query on connections kept for monitoring (a reader for SQLite),
/// so neither a queue of writers nor a busy PostgreSQL pool slows a monitor. SQLite's integrity check reads the whole file, so it runs in the
/// background at most every few minutes and the route reports its latest result.
struct HealthController {
    let services: AppServices
    let integrity: IntegrityMonitor

    init(services: AppServices) {
        self.services = services
        self.integrity = IntegrityMonitor(database: services.database)
    }

    struct Health: Encodable {
        var status: String
        var database: String
        var databaseQuery: String
        var integrity: String?
        var sqliteVersion: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.healthz.path)) { _, _ in try await self.check() }
    }

    func check() async throws -> Response {
        let database = services.database
        do {
            let one = try await database.monitorSQL.raw("SELECT 1 AS ok").first(decodingColumn: "ok", as: Int.self)
            var health = Health(status: one == 1 ? "ok" : "degraded", database: database.kind.rawValue,
                                databaseQuery: one == 1 ? "ok" : "failed")
            if database.kind == .sqlite {
                let latest = try await integrity.latest()
                health.integrity = latest.integrity
                health.sqliteVersion = latest.version
                if latest.integrity != "ok" { health.status = "degraded" }
            }
            return try Responses.json(health, status: health.status == "ok" ? .ok : .serviceUnavailable)
        } catch {
            return try Responses.json(Health(status: "unavailable", database: database.kind.rawValue, databaseQuery: "failed"),
                                      status: .serviceUnavailable)
        }
    }
}

/// SQLite's integrity check, run once at the first health request and then again in the
/// background whenever the last result is older than `interval`.
final class IntegrityMonitor: Sendable {
    struct Result: Sendable {
        var integrity: String
        var version: String
        var checkedAt: Date
    }

    static let interval: TimeInterval = 300

    private let database: Database
    private let state = NIOLockedValueBox<(result: Result?, refreshing: Bool)>((nil, false))

    init(database: Database) { self.database = database }

    func latest() async throws -> Result {
        let (known, startRefresh) = state.withLockedValue { state -> (Result?, Bool) in
            let stale = state.result.map { Date().timeIntervalSince($0.checkedAt) > Self.interval } ?? false
            let start = stale && !state.refreshing
            if start { state.refreshing = true }
            return (state.result, start)
        }
        guard let known else {
            let first = try await run()
            state.withLockedValue { $0.result = first }
            return first
        }
        if startRefresh {
            Task.detached {
                let fresh = try? await self.run()
                self.state.withLockedValue { state in
                    if let fresh { state.result = fresh }
                    state.refreshing = false
                }
            }
        }
        return known
    }

    private func run() async throws -> Result {
        Result(integrity: try await database.integrityCheck(), version: try await database.serverVersion(), checkedAt: Date())
    }
}
