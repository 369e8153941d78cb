import Foundation
import Hummingbird
import HummingbirdOTP
import ToolkitCore

/// Sign-in (password, then a second factor when the account has one) and sign-out.
struct AuthController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.login.path), use: showLogin)
        router.post(RouterPath(SiteURL.login.path), use: login)
        router.get(RouterPath(SiteURL.loginSecondFactor.path), use: showSecondFactor)
        router.post(RouterPath(SiteURL.loginSecondFactor.path), use: secondFactor)
        router.post(RouterPath(SiteURL.logout.path), use: logout)
    }

    @Sendable func showLogin(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.user != nil { return Responses.redirect(to: SiteURL.home.path) }
        let query = request.uri.queryParameters
        let notice: String? = query["signed-out"] != nil ? "You have signed out. Anything kept on this device has been cleared."
            : query["created"] != nil ? "The account is ready. Please sign in." : nil
        return anonymousPage(request) { token in LoginPage(csrfToken: token, notice: notice).render() }
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let email = context.form["email"]
        let password = context.form["password"]
        let address = services.clientAddress(request, context: context)
        if try await services.throttle.isBlocked(email: email, address: address) {
            try await services.audit.append(AuditEvent(action: "login", outcome: .denied, address: address, detail: "throttled"))
            let page = LoginPage(csrfToken: context.form[CSRFMiddleware.fieldName], email: email,
                                 error: "Too many attempts. Please wait 15 minutes and try again, or ask your administrator for help.")
            return Responses.html(page.render(), status: .tooManyRequests)
        }
        guard let user = try await services.accounts.authenticate(email: email, password: password) else {
            try await services.throttle.recordFailure(email: email, address: address)
            try await services.audit.append(AuditEvent(action: "login", outcome: .failure, address: address))
            let page = LoginPage(csrfToken: context.form[CSRFMiddleware.fieldName], email: email,
                                 error: "That email and password don't match an account. Please check them and try again.")
            return Responses.html(page.render(), status: .unauthorized)
        }
        try await services.throttle.recordSuccess(email: email, address: address)
        if let old = context.session { try await services.sessions.end(idHash: old.idHash) }
        let started = try await services.sessions.start(userID: user.id, secondFactorPending: user.hasSecondFactor)
        if !user.hasSecondFactor {
            try await services.audit.append(AuditEvent(actorID: user.id, actorRole: user.role, action: "login",
                                                       subjectUserID: user.id, address: address))
        }
        var response = Responses.redirect(to: user.hasSecondFactor ? SiteURL.loginSecondFactor.path : SiteURL.home.path)
        response.setCookie(services.cookies.session(started.token))
        return response
    }

    @Sendable func showSecondFactor(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let pending = context.pendingSecondFactorSession else { return Responses.redirect(to: SiteURL.login.path) }
        return Responses.html(SecondFactorPage(csrfToken: pending.csrfToken).render())
    }

    @Sendable func secondFactor(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let pending = context.pendingSecondFactorSession,
              let user = try await services.accounts.find(id: pending.userId), !user.isDisabled else {
            return Responses.redirect(to: SiteURL.login.path)
        }
        let address = services.clientAddress(request, context: context)
        if try await services.throttle.isBlocked(email: user.email, address: address) {
            return Responses.html(SecondFactorPage(csrfToken: pending.csrfToken,
                error: "Too many attempts. Please wait 15 minutes and try again.").render(), status: .tooManyRequests)
        }
        guard try SecondFactor.verify(code: context.form["code"], user: user, keys: services.keys) else {
            try await services.throttle.recordFailure(email: user.email, address: address)
            try await services.audit.append(AuditEvent(actorID: user.id, actorRole: user.role, action: "login.second-factor",
                                                       subjectUserID: user.id, outcome: .failure, address: address))
            return Responses.html(SecondFactorPage(csrfToken: pending.csrfToken,
                error: "That code didn't match. Codes change every 30 seconds; please try the newest one.").render(), status: .unauthorized)
        }
        // The password-only session is replaced by a fresh one: a new id for the new privilege.
        try await services.sessions.end(idHash: pending.idHash)
        let started = try await services.sessions.start(userID: user.id, secondFactorPending: false)
        try await services.audit.append(AuditEvent(actorID: user.id, actorRole: user.role, action: "login",
                                                   subjectUserID: user.id, address: address, detail: "second-factor"))
        var response = Responses.redirect(to: SiteURL.home.path)
        response.setCookie(services.cookies.session(started.token))
        return response
    }

    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let session = context.session ?? context.pendingSecondFactorSession {
            try await services.sessions.end(idHash: session.idHash)
            if let user = context.user {
                try await services.audit.append(AuditEvent(actorID: user.id, actorRole: user.role, action: "logout",
                                                           subjectUserID: user.id, address: services.clientAddress(request, context: context)))
            }
        }
        // The page after sign-out clears any copy of the safety plan kept on this device.
        var response = Responses.redirect(to: SiteURL.login.path + "?signed-out=1")
        response.setCookie(services.cookies.expiredSession())
        response.headers[.init("Clear-Site-Data")!] = "\"cache\", \"storage\""
        return response
    }

    /// A page with a form for someone not signed in: the form token lives in a cookie.
    func anonymousPage(_ request: Request, render: (String) -> String) -> Response {
        let existing = request.cookies[services.cookies.csrfName]?.value
        let token = existing ?? Randomness.token()
        var response = Responses.html(render(token))
        if existing == nil { response.setCookie(services.cookies.csrf(token)) }
        return response
    }
}

/// Time-based one-time codes (RFC 6238) for the second factor.
enum SecondFactor {
    static func newSecret() -> String { Randomness.token(bytes: 20) }

    /// Accepts the current code and the ones either side, for clocks that drift a little.
    static func verify(code: String, secret: String, at date: Date = Date()) -> Bool {
        let digits = code.filter(\.isNumber)
        guard digits.count == 6, let value = Int(digits) else { return false }
        let totp = TOTP(secret: secret)
        return [-30.0, 0, 30].contains { totp.compute(date: date.addingTimeInterval($0)) == value }
    }

    static func verify(code: String, user: User, keys: KeyStore) throws -> Bool {
        guard let sealed = user.totpSecret else { return false }
        let secret = try keys.openWithDeploymentKey(sealed, context: "totp:\(user.id)")
        return verify(code: code, secret: secret)
    }

    /// The secret as authenticator apps take it when typed in by hand.
    static func displayKey(_ secret: String) -> String { Base32.encode(Array(secret.utf8)) }

    static func authenticatorURL(secret: String, email: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: email, issuer: "Self-Compassion Toolkit")
    }
}
