import Hummingbird
import ToolkitCore

/// Account management for administrators. Admins see accounts, never client writing.
struct AdminController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.adminUsers.path), use: list)
        router.post(RouterPath(SiteURL.adminUsers.path), use: create)
        router.post("/admin/users/:id/disable") { request, context in try await self.setDisabled(true, request, context) }
        router.post("/admin/users/:id/enable") { request, context in try await self.setDisabled(false, request, context) }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, session) = try context.requireRole(.admin)
        let notice = request.uri.queryParameters["created"] != nil ? "The account has been created." : nil
        return Responses.html(AdminUsersPage(admin: admin, csrfToken: session.csrfToken, users: try await services.accounts.all(),
                                             notice: notice).render())
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, session) = try context.requireRole(.admin)
        let form = context.form
        let role = Role(rawValue: form["role"]) ?? .client
        do {
            _ = try await services.accounts.create(
                email: form["email"], name: form["name"], role: role, password: form["password"],
                therapistEmail: role == .client ? form["therapistEmail"] : nil, createdBy: admin)
        } catch let error as AccountService.AccountError {
            let values = ["email": form["email"], "name": form["name"], "role": form["role"], "therapistEmail": form["therapistEmail"]]
            return Responses.html(AdminUsersPage(admin: admin, csrfToken: session.csrfToken, users: try await services.accounts.all(),
                                                 values: values, errors: [error.description]).render(),
                                  status: .unprocessableContent)
        }
        return Responses.redirect(to: SiteURL.adminUsers.path + "?created=1")
    }

    func setDisabled(_ disabled: Bool, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (admin, _) = try context.requireRole(.admin)
        guard let id = context.parameters.get("id"), let user = try await services.accounts.find(id: id) else {
            throw HTTPError(.notFound)
        }
        guard user.id != admin.id else {
            throw HTTPError(.badRequest, message: "You can't disable your own account while signed in with it.")
        }
        try await services.accounts.setDisabled(disabled, user: user, actor: admin)
        return Responses.redirect(to: SiteURL.adminUsers.path)
    }
}
