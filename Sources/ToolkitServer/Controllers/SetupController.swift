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
        let expected = services.setupCode.value
        let typed = form["setupCode"].trimmingCharacters(in: .whitespaces)
        // Whatever the answer, the form comes back with what was typed (never the password).
        func page(_ error: String, _ status: HTTPResponse.Status) -> Response {
            Responses.html(SetupPage(csrfToken: form[CSRFMiddleware.fieldName], values: values, errors: [error]).render(), status: status)
        }
        switch await services.signInGate.attempt(email: "setup", address: address, action: "setup", logger: context.logger, check: {
            constantTimeEquals(typed, expected) ? true : nil
        }) {
        case .throttled(let wait):
            var response = page("Too many attempts. Please wait \(LoginThrottle.describeWait(seconds: wait)) and try again.", .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        case .unavailable:
            return page("Setting up isn't possible for a moment. Please try again in a minute.", .serviceUnavailable)
        case .rejected:
            return page("The setup code doesn't match the one the server printed. Please copy it again from the console.", .unprocessableContent)
        case .accepted: break
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
