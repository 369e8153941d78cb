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
        router.post("/admin/users/:id/unlock", use: unlock)
        router.get("/admin/users/:id/edit", use: showEdit)
        router.post("/admin/users/:id/edit", use: saveEdit)
        router.post("/admin/users/:id/therapist", use: moveClient)
    }

    /// Any account but the administrator's own (which they manage under Account).
    private func otherAccount(_ context: AppRequestContext, admin: User) async throws -> User {
        guard let id = context.parameters.get("id"), let user = try await services.accounts.find(id: id), user.id != admin.id else {
            throw HTTPError(.notFound, message: "There is no other account with that address. Your own is under Account.")
        }
        return user
    }

    @Sendable func unlock(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, _) = try context.requireRole(.admin)
        let user = try await otherAccount(context, admin: admin)
        try await services.accounts.unlock(user, actor: admin)
        return Responses.redirect(to: SiteURL.adminUsers.path + "?unlocked=1")
    }

    private func editPage(_ user: User, admin: User, csrfToken: String, values: [String: String] = [:], errors: [String] = []) async throws -> AdminEditAccountPage {
        let therapists = try await services.accounts.all().filter { $0.userRole == .therapist }
        return AdminEditAccountPage(admin: admin, csrfToken: csrfToken, user: user, therapists: therapists, values: values, errors: errors)
    }

    @Sendable func showEdit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, session) = try context.requireRole(.admin)
        let user = try await otherAccount(context, admin: admin)
        return Responses.html(try await editPage(user, admin: admin, csrfToken: session.csrfToken).render())
    }

    @Sendable func saveEdit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, session) = try context.requireRole(.admin)
        let user = try await otherAccount(context, admin: admin)
        do {
            _ = try await services.accounts.updateDetails(of: user, name: context.form["name"], email: context.form["email"], actor: admin)
        } catch let error as AccountService.AccountError {
            let values = ["name": context.form["name"], "email": context.form["email"]]
            return Responses.html(try await editPage(user, admin: admin, csrfToken: session.csrfToken, values: values,
                                                     errors: [error.description]).render(), status: .unprocessableContent)
        }
        return Responses.redirect(to: SiteURL.adminUsers.path + "?updated=1")
    }

    /// Hands a client to another therapist: audited, and the client is told at their next sign-in.
    @Sendable func moveClient(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, session) = try context.requireRole(.admin)
        let client = try await otherAccount(context, admin: admin)
        guard client.userRole == .client else { throw HTTPError(.notFound, message: "Only client accounts have a therapist.") }
        guard let therapist = try await services.accounts.find(id: context.form["therapistID"]), therapist.userRole == .therapist else {
            return Responses.html(try await editPage(client, admin: admin, csrfToken: session.csrfToken,
                                                     errors: ["Please choose one of the therapists listed."]).render(),
                                  status: .unprocessableContent)
        }
        try await services.accounts.moveClient(client, to: therapist, actor: admin, notices: services.notices)
        return Responses.redirect(to: SiteURL.adminUsers.path + "?moved=1")
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
            : query["contact"] != nil ? "The therapist's contact details are saved."
            : query["unlocked"] != nil ? "Signing in is open again for that account."
            : query["updated"] != nil ? "The account's details are saved."
            : query["moved"] != nil ? "The client now belongs to their new therapist, who sees only what the client shares. The client will be told when they next sign in." : nil
        return Responses.html(AdminUsersPage(admin: admin, csrfToken: session.csrfToken, users: try await services.accounts.all(),
                                             notice: notice, lockedKeys: try await lockedKeys()).render())
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
                                                 values: values, errors: [error.description], lockedKeys: try await lockedKeys()).render(),
                                  status: .unprocessableContent)
        }
        return Responses.redirect(to: SiteURL.adminUsers.path + "?created=1")
    }

    /// Accounts with failed sign-ins in the throttle's window, which an administrator may unlock.
    private func lockedKeys() async throws -> Set<String> {
        let since = Int64(services.configuration.clock().timeIntervalSince1970 - services.configuration.loginThrottleWindow)
        return try await services.accounts.accountKeysWithFailures(since: since)
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
