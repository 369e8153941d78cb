import Hummingbird
import ToolkitCore

/// The one-time setup page: creates the first administrator, only while none exists and only
/// with the code printed to the server console.
struct SetupController {
    let services: AppServices
    let auth: AuthController

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.setup.path), use: show)
        router.post(RouterPath(SiteURL.setup.path), use: create)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard try await !services.accounts.adminExists() else { throw HTTPError(.notFound) }
        return auth.anonymousPage(request) { SetupPage(csrfToken: $0).render() }
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard try await !services.accounts.adminExists() else { throw HTTPError(.notFound) }
        let form = context.form
        let values = ["setupCode": form["setupCode"], "name": form["name"], "email": form["email"]]
        let address = services.clientAddress(request, context: context)
        if try await services.throttle.isBlocked(email: "setup", address: address) {
            throw HTTPError(.tooManyRequests)
        }
        guard constantTimeEquals(form["setupCode"].trimmingCharacters(in: .whitespaces), services.setupCode.value) else {
            try await services.throttle.recordFailure(email: "setup", address: address)
            try await services.audit.append(AuditEvent(action: "setup", outcome: .failure, address: address))
            let page = SetupPage(csrfToken: form[CSRFMiddleware.fieldName], values: values,
                                 errors: ["The setup code doesn't match the one the server printed. Please copy it again from the console."])
            return Responses.html(page.render(), status: .unprocessableContent)
        }
        do {
            _ = try await services.accounts.create(email: form["email"], name: form["name"], role: .admin, password: form["password"])
        } catch let error as AccountService.AccountError {
            let page = SetupPage(csrfToken: form[CSRFMiddleware.fieldName], values: values, errors: [error.description])
            return Responses.html(page.render(), status: .unprocessableContent)
        }
        return Responses.redirect(to: SiteURL.login.path + "?created=1")
    }
}
