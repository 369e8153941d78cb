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
        router.post(RouterPath(SiteURL.sessionKeepAlive.path), use: keepAlive)
    }

    @Sendable func showLogin(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.user != nil { return Responses.redirect(to: SiteURL.home.path) }
        let query = request.uri.queryParameters
        let notice: String? = query["signed-out"] != nil ? "You have signed out. Anything kept on this device has been cleared."
            : query["created"] != nil ? "The account is ready. Please sign in."
            : query["reset"] != nil ? "Your new password is set, and every device that was signed in has been signed out. Please sign in with it." : nil
        return anonymousPage(request) { token in LoginPage(csrfToken: token, notice: notice).render() }
    }

    @Sendable func login(_ request: Request, context: AppRequestContext) async throws -> Response {
        let email = context.form["email"]
        let password = context.form["password"]
        let address = services.clientAddress(request, context: context)
        let held = HeldForm(carriedIn: context.form)
        func page(_ error: String, _ status: HTTPResponse.Status) -> Response {
            Responses.html(LoginPage(csrfToken: context.form[CSRFMiddleware.fieldName], email: email, error: error, held: held).render(),
                           status: status)
        }
        let accounts = services.accounts
        switch await services.signInGate.attempt(email: email, address: address, logger: context.logger, check: {
            try await accounts.authenticate(email: email, password: password)
        }) {
        case .throttled(let wait):
            var response = page("Too many attempts. Please wait \(LoginThrottle.describeWait(seconds: wait)) and try again, or ask your administrator for help.",
                                .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        case .unavailable:
            return page(Self.unavailableMessage, .serviceUnavailable)
        case .rejected:
            return page("That email and password don't match an account. Please check them and try again.", .unauthorized)
        case .accepted(let user):
            // A failure from here on is the app's, not the person's: the error page says so and
            // the operator's log names it.
            if let old = context.session { try await services.sessions.end(idHash: old.idHash) }
            if user.timeZone == nil, let guess = DisplayTime.zone(named: context.form["timeZone"]) {
                try await services.accounts.setTimeZone(guess.identifier, for: user, onlyIfUnset: true)
            }
            let started = try await services.sessions.start(userID: user.id, secondFactorPending: user.hasSecondFactor)
            if !user.hasSecondFactor {
                try await services.audit.append(AuditEvent(actorID: user.id, actorRole: user.role, action: "login",
                                                           subjectUserID: user.id, address: address))
            }
            var response = Responses.redirect(to: user.hasSecondFactor ? SiteURL.loginSecondFactor.path : SiteURL.home.path)
            if let held {
                // What was typed before the session ended comes back, unsaved: on the page it came
                // from, or carried on through the second factor.
                if user.hasSecondFactor {
                    response = Responses.html(SecondFactorPage(csrfToken: started.session.csrfToken, held: held).render())
                } else if let resumed = try await held.resumedPage(for: user, csrfToken: started.session.csrfToken, services: services, address: address) {
                    response = resumed
                }
            }
            response.setCookie(services.cookies.session(started.token))
            return response
        }
    }

    static let unavailableMessage = "Signing in isn't possible for a moment. Please try again in a minute. If you need support now, Need help now works without signing in."

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
        let held = HeldForm(carriedIn: context.form)
        func page(_ error: String, _ status: HTTPResponse.Status) -> Response {
            Responses.html(SecondFactorPage(csrfToken: pending.csrfToken, error: error, held: held).render(), status: status)
        }
        // A code is good once: the time step it matched is claimed, so replaying it fails.
        let step = try SecondFactor.matchingStep(code: context.form["code"], user: user, keys: services.keys,
                                                  at: services.configuration.clock())
        let accounts = services.accounts
        switch await services.signInGate.attempt(email: user.email, address: address, action: "login.second-factor",
                                                 detail: step == nil ? nil : "code reused", subject: user, logger: context.logger, check: { () async throws -> User? in
            guard let step else { return nil }
            return try await accounts.claimSecondFactorStep(step, for: user) ? user : nil
        }) {
        case .throttled(let wait):
            var response = page("Too many attempts. Please wait \(LoginThrottle.describeWait(seconds: wait)) and try again.", .tooManyRequests)
            response.headers[.retryAfter] = String(wait)
            return response
        case .unavailable:
            return page(Self.unavailableMessage, .serviceUnavailable)
        case .rejected where step != nil:
            return page("That code has already been used. Please wait for the next code in your app and enter that one.", .unauthorized)
        case .rejected:
            return page("That code didn't match. Codes change every 30 seconds; please try the newest one.", .unauthorized)
        case .accepted:
            break
        }
        // The password-only session is replaced by a fresh one: a new id for the new privilege.
        try await services.sessions.end(idHash: pending.idHash)
        let started = try await services.sessions.start(userID: user.id, secondFactorPending: false)
        try await services.audit.append(AuditEvent(actorID: user.id, actorRole: user.role, action: "login",
                                                   subjectUserID: user.id, address: address, detail: "second-factor"))
        var response = try await held?.resumedPage(for: user, csrfToken: started.session.csrfToken, services: services, address: address)
            ?? Responses.redirect(to: SiteURL.home.path)
        response.setCookie(services.cookies.session(started.token))
        return response
    }

    /// "Stay signed in": the page warned that the session was about to end while a form held
    /// unsaved text, and the person chose to keep going.
    @Sendable func keepAlive(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, session) = try context.requireSession()
        try await services.sessions.touch(idHash: session.idHash)
        return Response(status: .noContent)
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

    /// Seconds each code lasts (RFC 6238's default, which authenticator apps use).
    static let stepSeconds: Int64 = 30

    /// The time step (30-second window counted from 1970) whose code this is, when it is the
    /// current one or one either side (for clocks that drift a little); nil when it matches none.
    /// Callers then claim the step (`AccountService.claimSecondFactorStep`) so a code works once.
    static func matchingStep(code: String, secret: String, at date: Date = Date()) -> Int64? {
        let digits = code.filter(\.isNumber)
        guard digits.count == 6, let value = Int(digits) else { return nil }
        let totp = TOTP(secret: secret)
        let current = Int64(date.timeIntervalSince1970) / stepSeconds
        return [current - 1, current, current + 1].first { step in
            totp.compute(date: Date(timeIntervalSince1970: TimeInterval(step * stepSeconds))) == value
        }
    }

    static func matchingStep(code: String, user: User, keys: KeyStore, at date: Date) throws -> Int64? {
        guard let sealed = user.totpSecret else { return nil }
        let secret = try keys.openWithDeploymentKey(sealed, context: "totp:\(user.id)")
        return matchingStep(code: code, secret: secret, at: date)
    }

    /// Whether a secret sent back by the setup form is one `newSecret()` could have made.
    static func isPlausibleSecret(_ secret: String) -> Bool {
        (20...64).contains(secret.count)
            && secret.unicodeScalars.allSatisfy { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" || $0 == "_" }
    }

    /// The secret as authenticator apps take it when typed in by hand.
    static func displayKey(_ secret: String) -> String { Base32.encode(Array(secret.utf8)) }

    static func authenticatorURL(secret: String, email: String) -> String {
        TOTP(secret: secret).createAuthenticatorURL(label: email, issuer: "Self-Compassion Toolkit")
    }
}
