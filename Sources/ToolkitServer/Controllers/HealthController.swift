import Foundation
import Hummingbird

/// `GET /healthz`: is the app up and does the database answer? Nothing more is revealed.
struct HealthController {
    let services: AppServices

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
            let one = try await database.sql.raw("SELECT 1 AS ok").first(decodingColumn: "ok", as: Int.self)
            var health = Health(status: one == 1 ? "ok" : "degraded", database: database.kind.rawValue,
                                databaseQuery: one == 1 ? "ok" : "failed")
            if database.kind == .sqlite {
                health.integrity = try await database.integrityCheck()
                health.sqliteVersion = try await database.serverVersion()
                if health.integrity != "ok" { health.status = "degraded" }
            }
            return try Responses.json(health, status: health.status == "ok" ? .ok : .serviceUnavailable)
        } catch {
            return try Responses.json(Health(status: "unavailable", database: database.kind.rawValue, databaseQuery: "failed"),
                                      status: .serviceUnavailable)
        }
    }
}
