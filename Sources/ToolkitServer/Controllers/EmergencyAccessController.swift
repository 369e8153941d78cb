import Foundation
import Hummingbird
import ToolkitCore

/// Break-glass access for administrators to a client's safety plan: a reason, a time limit, an
/// audit record for the opening and for every read, the client told, the therapist flagged.
struct EmergencyAccessController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/admin/users/:id/emergency", use: show)
        router.post("/admin/users/:id/emergency", use: open)
        router.post("/admin/users/:id/emergency/end", use: end)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }

    /// Only a client's account can be opened this way.
    private func client(_ context: AppRequestContext) async throws -> User {
        guard let id = context.parameters.get("id"), let user = try await services.accounts.find(id: id), user.userRole == .client else {
            throw HTTPError(.notFound, message: "Emergency access is only for a client's account.")
        }
        return user
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, session) = try context.requireRole(.admin)
        let client = try await client(context)
        guard let window = try await services.emergencyAccess.active(admin: admin, clientID: client.id) else {
            return Responses.html(EmergencyAccessPage(admin: admin, csrfToken: session.csrfToken, client: client).render())
        }
        let plan = try await services.safetyPlans.loadInEmergency(clientID: client.id, admin: admin, windowID: window.id,
                                                                  address: address(request, context))
        var response = Responses.html(EmergencyAccessPage(admin: admin, csrfToken: session.csrfToken, client: client, window: window, plan: plan).render())
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func open(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, session) = try context.requireRole(.admin)
        let client = try await client(context)
        let (reason, minutes, problems) = EmergencyAccess.validated(reason: context.form["reason"], minutes: context.form["minutes"])
        guard problems.isEmpty else {
            return Responses.html(EmergencyAccessPage(admin: admin, csrfToken: session.csrfToken, client: client, reason: context.form["reason"],
                                                      minutes: context.form["minutes"], problems: problems).render(),
                                  status: .unprocessableContent)
        }
        if try await services.emergencyAccess.active(admin: admin, clientID: client.id) == nil {
            _ = try await services.emergencyAccess.open(admin: admin, client: client, reason: reason, minutes: minutes,
                                                        address: address(request, context))
        }
        return Responses.redirect(to: SiteURL.adminEmergency(client.id).path)
    }

    @Sendable func end(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, _) = try context.requireRole(.admin)
        let client = try await client(context)
        _ = try await services.emergencyAccess.end(admin: admin, clientID: client.id, address: address(request, context))
        return Responses.redirect(to: SiteURL.adminUserEdit(client.id).path)
    }
}
