import Foundation
import Hummingbird
import ToolkitCore

/// Therapists invite clients with a one-time link (and a code to type); the invited person
/// chooses their own name and password and lands on Today, signed in.
struct InvitationController {
    let services: AppServices
    let auth: AuthController

    /// The throttle key every code guess counts against, from each address.
    static let codeThrottleKey = "invitation-code"

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.clientInvitations.path), use: list)
        router.post(RouterPath(SiteURL.clientInvitations.path), use: create)
        router.post("/clients/invitations/:id/revoke", use: revoke)
        router.post("/clients/invitations/:id/renew", use: renew)
        router.get(RouterPath(SiteURL.join.path), use: showJoin)
        router.post(RouterPath(SiteURL.join.path), use: enterCode)
        router.post(RouterPath(SiteURL.joinAccept.path), use: accept)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }

    // MARK: The therapist's side

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, session) = try context.requireRole(.therapist)
        let notice = request.uri.queryParameters["withdrawn"] != nil ? "The invitation is withdrawn; its link and code no longer work." : nil
        return Responses.html(InvitationsPage(therapist: therapist, csrfToken: session.csrfToken,
                                              invitations: try await services.accountLinks.openInvitations(of: therapist),
                                              clients: try await services.accounts.clients(ofTherapist: therapist.id),
                                              now: services.configuration.clock(), notice: notice).render())
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, session) = try context.requireRole(.therapist)
        let label = context.form["label"].trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = Self.labelProblem(label) {
            return Responses.html(InvitationsPage(therapist: therapist, csrfToken: session.csrfToken,
                                                  invitations: try await services.accountLinks.openInvitations(of: therapist),
                                                  clients: try await services.accounts.clients(ofTherapist: therapist.id),
                                                  now: services.configuration.clock(), label: label, errors: [problem]).render(),
                                  status: .unprocessableContent)
        }
        let issued = try await services.accountLinks.invite(by: therapist, label: label, address: address(request, context))
        return Responses.html(issuedPage(issued, therapist: therapist, csrfToken: session.csrfToken, request: request, renewed: false).render())
    }

    static func labelProblem(_ label: String) -> String? {
        if label.count > AccountLinkStore.maximumLabelLength {
            return "Please keep the note under \(AccountLinkStore.maximumLabelLength) characters."
        }
        return DisplayName.problem(with: label)?.description
    }

    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, _) = try context.requireRole(.therapist)
        let link = try await ownInvitation(context, therapist)
        _ = try await services.accountLinks.revoke(link, by: therapist, address: address(request, context))
        return Responses.redirect(to: SiteURL.clientInvitations.path + "?withdrawn=1")
    }

    @Sendable func renew(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, session) = try context.requireRole(.therapist)
        let link = try await ownInvitation(context, therapist)
        guard let issued = try await services.accountLinks.renew(link, by: therapist, address: address(request, context)) else {
            throw HTTPError(.notFound, message: "That invitation has just been used or withdrawn.")
        }
        return Responses.html(issuedPage(issued, therapist: therapist, csrfToken: session.csrfToken, request: request, renewed: true).render())
    }

    /// The therapist's own open invitation; anyone else's answers exactly as a missing one does.
    private func ownInvitation(_ context: AppRequestContext, _ therapist: User) async throws -> AccountLinkStore.Link {
        guard let id = context.parameters.get("id"), let link = try await services.accountLinks.openInvitation(id: id, of: therapist) else {
            throw HTTPError(.notFound, message: "There is no open invitation of yours with that address. It may have been used or withdrawn.")
        }
        return link
    }

    private func issuedPage(_ issued: AccountLinkStore.Issued, therapist: User, csrfToken: String, request: Request, renewed: Bool) -> IssuedLinkPage {
        IssuedLinkPage(user: therapist, csrfToken: csrfToken,
                       heading: renewed ? "A new invitation link" : "Your invitation link",
                       explanation: renewed ? "The earlier link and code no longer work. Send this link, or the code, to the person you're inviting."
                                            : "Send this link, or the code, to the person you're inviting. When they open it they choose their own name and password, and become your client.",
                       link: services.siteOrigin(request) + SiteURL.joinLink(token: issued.token).path, code: issued.code,
                       expires: issued.link.expires, lifetimeWords: OneTimeLinkLifetime.invitationWords,
                       backPath: SiteURL.clientInvitations.path, backLabel: "Invitations")
    }

    // MARK: The invited person's side

    /// `/join?t=TOKEN` (the link) shows the welcome; plain `/join` asks for the code.
    @Sendable func showJoin(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let signedIn = signedInPage(context) { return signedIn }
        guard let token = request.uri.queryParameters["t"].map(String.init) else {
            return auth.anonymousPage(request) { JoinCodePage(csrfToken: $0).render() }
        }
        switch try await services.accountLinks.usable(token: token, purpose: .invitation) {
        case .failure(let reason):
            return Self.unusable(reason, .invitation)
        case .success(let link):
            guard let therapistName = try await therapistName(of: link) else { return Self.unusable(.revoked, .invitation) }
            return auth.anonymousPage(request) { JoinWelcomePage(csrfToken: $0, therapistName: therapistName, token: token).render() }
        }
    }

    /// A person already signed in has an account; an invitation is for someone new.
    private func signedInPage(_ context: AppRequestContext) -> Response? {
        guard let user = context.user else { return nil }
        return Responses.html(SignedInJoinPage(user: user, csrfToken: context.session?.csrfToken).render())
    }

    static func unusable(_ reason: AccountLinkStore.Unusable, _ purpose: AccountLinkStore.Purpose) -> Response {
        Responses.html(LinkUnusablePage(reason: reason, purpose: purpose).render(), status: reason == .notFound ? .notFound : .gone)
    }

    /// The inviting therapist's name; nil when their account is disabled or gone, so their
    /// invitations no longer stand (a client must always have a therapist who can see them).
    private func therapistName(of link: AccountLinkStore.Link) async throws -> String? {
        guard let id = link.therapistId, let therapist = try await services.accounts.find(id: id),
              therapist.userRole == .therapist, !therapist.isDisabled else { return nil }
        return therapist.name
    }

    /// A typed code, checked under the throttle: every wrong code counts against the address, and a
    /// right one doesn't wipe the count, so having one real code doesn't buy more guesses.
    private enum CodeCheck { case found(AccountLinkStore.Link, String), wrong, throttled(Int) }

    private func check(code typed: String, request: Request, context: AppRequestContext) async throws -> CodeCheck {
        let address = address(request, context)
        let decision = try await services.throttle.reserve(email: Self.codeThrottleKey, address: address)
        guard case .proceed(let attempt) = decision else {
            if case .refused(let wait) = decision {
                try await services.audit.append(AuditEvent(action: "invitation.code", outcome: .denied, address: address, detail: "throttled"))
                return .throttled(wait)
            }
            return .wrong
        }
        if let code = OneTimeCode.normalized(typed), let link = try await services.accountLinks.usable(code: code) {
            try await services.throttle.release(attempt)
            return .found(link, code)
        }
        try await services.audit.append(AuditEvent(action: "invitation.code", outcome: .failure, address: address))
        return .wrong
    }

    private static let wrongCode = "That code doesn't match an invitation that is still open. Please check it with the person who gave it to you; codes last \(OneTimeLinkLifetime.invitationWords) and work once."

    private func tooMany(_ wait: Int, csrfToken: String, code: String) -> Response {
        var response = Responses.html(JoinCodePage(csrfToken: csrfToken, code: code,
                                                   error: "Too many codes were tried from here. Please wait \(LoginThrottle.describeWait(seconds: wait)) and try again.").render(),
                                      status: .tooManyRequests)
        response.headers[.retryAfter] = String(wait)
        return response
    }

    @Sendable func enterCode(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let signedIn = signedInPage(context) { return signedIn }
        let csrfToken = context.form[CSRFMiddleware.fieldName]
        let typed = context.form["code"]
        switch try await check(code: typed, request: request, context: context) {
        case .throttled(let wait):
            return tooMany(wait, csrfToken: csrfToken, code: typed)
        case .wrong:
            return Responses.html(JoinCodePage(csrfToken: csrfToken, code: typed, error: Self.wrongCode).render(), status: .unprocessableContent)
        case .found(let link, let code):
            guard let therapistName = try await therapistName(of: link) else { return Self.unusable(.revoked, .invitation) }
            return Responses.html(JoinWelcomePage(csrfToken: csrfToken, therapistName: therapistName, code: code).render())
        }
    }

    @Sendable func accept(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let signedIn = signedInPage(context) { return signedIn }
        let form = context.form
        let csrfToken = form[CSRFMiddleware.fieldName]
        let token = form.has("token") ? form["token"] : nil
        // The link, or a code checked again (under the throttle) since a page can be posted by hand.
        let link: AccountLinkStore.Link
        var code: String?
        if let token {
            switch try await services.accountLinks.usable(token: token, purpose: .invitation) {
            case .failure(let reason): return Self.unusable(reason, .invitation)
            case .success(let found): link = found
            }
        } else {
            switch try await check(code: form["code"], request: request, context: context) {
            case .throttled(let wait): return tooMany(wait, csrfToken: csrfToken, code: form["code"])
            case .wrong: return Responses.html(JoinCodePage(csrfToken: csrfToken, code: form["code"], error: Self.wrongCode).render(), status: .unprocessableContent)
            case .found(let found, let normalized): link = found; code = normalized
            }
        }
        guard let therapistName = try await therapistName(of: link) else { return Self.unusable(.revoked, .invitation) }
        func again(_ error: String) -> Response {
            Responses.html(JoinWelcomePage(csrfToken: csrfToken, therapistName: therapistName, token: token, code: code,
                                           values: ["name": form["name"], "email": form["email"]], errors: [error]).render(),
                           status: .unprocessableContent)
        }
        let user: User
        do {
            let (email, name) = try AccountService.validated(email: form["email"], name: form["name"])
            user = try await services.accounts.newAccount(email: email, name: name, role: .client, password: form["password"],
                                                          therapistID: link.therapistId)
        } catch let error as AccountService.AccountError {
            return again(error == .emailTaken ? "An account with that email address already exists. If it's yours, please sign in instead." : error.description)
        }
        guard try await services.accountLinks.accept(link, creating: user, accounts: services.accounts,
                                                     address: address(request, context)) else {
            // Someone else used it a moment ago (or it was withdrawn or ran out just now).
            let now = Int64(services.configuration.clock().timeIntervalSince1970)
            let reason: AccountLinkStore.Unusable = now >= link.expiresAt ? .expired : .used
            return Self.unusable(reason, .invitation)
        }
        if let zone = DisplayTime.zone(named: form["timeZone"]) {
            try await services.accounts.setTimeZone(zone.identifier, for: user, onlyIfUnset: true)
        }
        let started = try await services.sessions.start(userID: user.id, secondFactorPending: false)
        try await services.audit.append(AuditEvent(actorID: user.id, actorRole: user.role, action: "login", subjectUserID: user.id,
                                                   address: address(request, context), detail: "invitation"))
        var response = Responses.redirect(to: SiteURL.today.path + "?welcome=1")
        response.setCookie(services.cookies.session(started.token))
        return response
    }
}
