import Foundation
import Hummingbird
import ToolkitCore

/// Emergency access over the API, for administrators: open a window on a client's safety plan
/// with a reason and a time limit, read the plan while it is open (each read audited), close it.
/// The same rules as the page: the client is told, the therapist's roster flags it.
struct EmergencyAccessAPIController {
    let services: AppServices

    struct OpenBody: Decodable {
        var reason: String
        var minutes: Int

        private enum Keys: String, CodingKey, CaseIterable { case reason, minutes }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(Keys.allCases.map(\.rawValue)))
            let container = try decoder.container(keyedBy: Keys.self)
            reason = try container.decode(String.self, forKey: .reason)
            minutes = try container.decode(Int.self, forKey: .minutes)
        }
    }

    struct WindowResponse: Encodable {
        var id: String
        var reason: String
        var openedAt: Date
        var endsAt: Date
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/admin/clients/:id/emergency-access", use: show)
        router.post("/api/v1/admin/clients/:id/emergency-access", use: open)
        router.delete("/api/v1/admin/clients/:id/emergency-access", use: end)
        router.get("/api/v1/admin/clients/:id/emergency-access/safety-plan", use: plan)
    }

    private func admin(_ context: AppRequestContext) throws -> User {
        let user = try context.requireAPIUser()
        guard user.userRole == .admin else { throw HTTPError(.forbidden, message: "Only administrators have emergency access.") }
        return user
    }

    private func client(_ context: AppRequestContext) async throws -> User {
        guard let id = context.parameters.get("id"), let user = try await services.accounts.find(id: id), user.userRole == .client else {
            throw HTTPError(.notFound, message: "Emergency access is only for a client's account.")
        }
        return user
    }

    private static func response(_ window: EmergencyAccessStore.Window) -> WindowResponse {
        WindowResponse(id: window.id, reason: window.reason, openedAt: window.opened, endsAt: window.ends)
    }

    /// The window this administrator has open on the client, or 404.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try admin(context)
        let client = try await client(context)
        guard let window = try await services.emergencyAccess.active(admin: admin, clientID: client.id) else {
            throw HTTPError(.notFound, message: "No emergency access is open on this client. POST a reason and minutes to open it.")
        }
        return try Responses.json(Self.response(window))
    }

    /// Opens a window (201), or answers the one already open (200).
    @Sendable func open(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try admin(context)
        let client = try await client(context)
        let body = try await APIRequestBody.decode(OpenBody.self, from: request, context: context,
                                                   expected: "Send {\"reason\": \"why, in a sentence\", \"minutes\": 15, 30 or 60}.")
        let (reason, minutes, problems) = EmergencyAccess.validated(reason: body.reason, minutes: String(body.minutes))
        guard problems.isEmpty else { throw HTTPError(.unprocessableContent, message: problems.joined(separator: " ")) }
        if let window = try await services.emergencyAccess.active(admin: admin, clientID: client.id) {
            return try Responses.json(Self.response(window))
        }
        let window = try await services.emergencyAccess.open(admin: admin, client: client, reason: reason, minutes: minutes,
                                                             address: services.clientAddress(request, context: context))
        return try Responses.json(Self.response(window), status: .created)
    }

    @Sendable func end(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try admin(context)
        let client = try await client(context)
        _ = try await services.emergencyAccess.end(admin: admin, clientID: client.id, address: services.clientAddress(request, context: context))
        return Response(status: .noContent)
    }

    /// The client's latest safety plan, only while this administrator's window is open; audited.
    @Sendable func plan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let admin = try admin(context)
        let client = try await client(context)
        guard let window = try await services.emergencyAccess.active(admin: admin, clientID: client.id) else {
            throw HTTPError(.forbidden, message: "Open emergency access first, with a reason and a time limit.")
        }
        guard let loaded = try await services.safetyPlans.loadInEmergency(clientID: client.id, admin: admin, windowID: window.id,
                                                                          address: services.clientAddress(request, context: context)) else {
            throw HTTPError(.notFound, message: "This client has no safety plan.")
        }
        var response = try Responses.json(SafetyPlanAPIController.PlanResponse(version: loaded.version, updatedAt: loaded.updatedAt,
                                                                                shared: loaded.shared, plan: loaded.plan))
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
