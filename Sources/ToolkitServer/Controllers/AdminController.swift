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
        router.get("/admin/users/:id/contact", use: showContact)
        router.post("/admin/users/:id/contact", use: saveContact)
    }

    private func therapist(_ context: AppRequestContext) async throws -> User {
        guard let id = context.parameters.get("id"), let user = try await services.accounts.find(id: id), user.userRole == .therapist else {
            throw HTTPError(.notFound, message: "There is no therapist with that account.")
        }
        return user
    }

    /// An administrator sets how a therapist's clients can reach them, as the therapist can.
    @Sendable func showContact(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, session) = try context.requireRole(.admin)
        let therapist = try await therapist(context)
        let contact = try await services.practiceContacts.contact(for: therapist.id)
        return Responses.html(AdminPracticeContactPage(admin: admin, csrfToken: session.csrfToken, therapist: therapist,
                                                       contact: contact ?? PracticeContact(phone: "", hours: "")).render())
    }

    @Sendable func saveContact(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, session) = try context.requireRole(.admin)
        let therapist = try await therapist(context)
        let contact = PracticeContact(phone: context.form["phone"], hours: context.form["hours"])
        let problems = contact.problems()
        guard problems.isEmpty else {
            return Responses.html(AdminPracticeContactPage(admin: admin, csrfToken: session.csrfToken, therapist: therapist,
                                                           contact: contact, errors: problems).render(),
                                  status: .unprocessableContent)
        }
        try await services.practiceContacts.save(contact, for: therapist, by: admin, address: services.clientAddress(request, context: context))
        return Responses.redirect(to: SiteURL.adminUsers.path + "?contact=1")
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, session) = try context.requireRole(.admin)
        let query = request.uri.queryParameters
        let notice = query["created"] != nil ? "The account has been created."
            : query["contact"] != nil ? "The therapist's contact details are saved." : nil
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
