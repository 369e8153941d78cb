import Foundation
import Hummingbird
import ToolkitCore

/// One-time password reset links: issued by an administrator (any other account) or by a
/// client's own therapist, used once by the person to choose a new password.
struct PasswordResetController {
    let services: AppServices
    let auth: AuthController

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/clients/:id/reset-link", use: issueForClient)
        router.post("/admin/users/:id/reset-link", use: issueAsAdmin)
        router.get(RouterPath(SiteURL.passwordReset.path), use: show)
        router.post(RouterPath(SiteURL.passwordReset.path), use: use)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }

    /// Who may be given a reset link by `actor`: a therapist, only their own clients; an
    /// administrator, anyone but themselves. Anyone else's account answers as a missing one.
    static func resettable(_ target: User?, by actor: User) -> User? {
        guard let target, target.id != actor.id else { return nil }
        switch actor.userRole {
        case .admin: return target
        case .therapist: return target.userRole == .client && target.therapistId == actor.id ? target : nil
        case .client: return nil
        }
    }

    @Sendable func issueForClient(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, session) = try context.requireRole(.therapist)
        return try await issue(by: therapist, csrfToken: session.csrfToken, request, context,
                               backPath: SiteURL.clientInvitations.path, backLabel: "Invitations and reset links")
    }

    @Sendable func issueAsAdmin(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (admin, session) = try context.requireRole(.admin)
        return try await issue(by: admin, csrfToken: session.csrfToken, request, context,
                               backPath: SiteURL.adminUsers.path, backLabel: "Accounts")
    }

    private func issue(by actor: User, csrfToken: String, _ request: Request, _ context: AppRequestContext,
                       backPath: String, backLabel: String) async throws -> Response {
        let found = try await context.parameters.get("id").asyncMap { try await services.accounts.find(id: $0) } ?? nil
        guard let target = Self.resettable(found, by: actor) else {
            throw HTTPError(.notFound, message: "There is no account here that you can make a reset link for.")
        }
        let issued = try await services.accountLinks.issueReset(for: target, by: actor, address: address(request, context))
        return Responses.html(IssuedLinkPage(
            user: actor, csrfToken: csrfToken, heading: "A password reset link for \(target.name)",
            explanation: "Give this link to \(target.name) privately, for example in person or by your practice's secure messages. With it they choose a new password; every device signed in to their account is signed out, and all they have written stays as it was. Any earlier reset link for them no longer works.",
            link: services.siteOrigin(request) + SiteURL.passwordResetLink(token: issued.token).path, code: nil,
            expires: issued.link.expires, lifetimeWords: OneTimeLinkLifetime.passwordResetWords,
            backPath: backPath, backLabel: backLabel).render())
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let token = request.uri.queryParameters["t"].map(String.init) ?? ""
        switch try await services.accountLinks.usable(token: token, purpose: .passwordReset) {
        case .failure(let reason):
            return InvitationController.unusable(reason, .passwordReset)
        case .success(let link):
            guard let user = try await link.userId.asyncMap({ try await services.accounts.find(id: $0) }) ?? nil else {
                return InvitationController.unusable(.notFound, .passwordReset)
            }
            return auth.anonymousPage(request) { PasswordResetPage(csrfToken: $0, token: token, name: user.name).render() }
        }
    }

    @Sendable func use(_ request: Request, context: AppRequestContext) async throws -> Response {
        let form = context.form
        let token = form["token"]
        let link: AccountLinkStore.Link
        switch try await services.accountLinks.usable(token: token, purpose: .passwordReset) {
        case .failure(let reason): return InvitationController.unusable(reason, .passwordReset)
        case .success(let found): link = found
        }
        guard let user = try await link.userId.asyncMap({ try await services.accounts.find(id: $0) }) ?? nil else {
            return InvitationController.unusable(.notFound, .passwordReset)
        }
        let password = form["password"]
        if let problem = PasswordPolicy().problem(with: password, email: user.email) {
            return Responses.html(PasswordResetPage(csrfToken: form[CSRFMiddleware.fieldName], token: token, name: user.name,
                                                    errors: [problem.description]).render(), status: .unprocessableContent)
        }
        let hash = try await services.accounts.hasher.hash(password)
        let issuer = try await link.createdBy.asyncMap { try await services.accounts.find(id: $0) } ?? nil
        let issuerName = issuer.map { $0.userRole == .admin ? "\($0.name), the practice's administrator" : $0.name } ?? "the practice"
        guard try await services.accountLinks.useReset(link, user: user, passwordHash: hash, issuerName: issuerName,
                                                       address: address(request, context)) else {
            return InvitationController.unusable(.used, .passwordReset)
        }
        // Whoever was signed in on this browser is signed out too: the next sign-in is with the new password.
        var response = Responses.redirect(to: SiteURL.login.path + "?reset=1")
        response.setCookie(services.cookies.expiredSession())
        return response
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
