import Foundation
import Hummingbird
import ToolkitCore

/// Account settings: password change and the second factor, both confirmed with the current password.
struct AccountController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.account.path), use: show)
        router.post(RouterPath(SiteURL.accountPassword.path), use: changePassword)
        router.get(RouterPath(SiteURL.accountSecondFactor.path), use: showSecondFactorSetup)
        router.post(RouterPath(SiteURL.accountSecondFactor.path), use: enableSecondFactor)
        router.post(RouterPath(SiteURL.accountSecondFactorDisable.path), use: disableSecondFactor)
        router.post(RouterPath(SiteURL.accountSignOutEverywhere.path), use: signOutEverywhere)
        router.post(RouterPath(SiteURL.accountPracticeContact.path), use: savePracticeContact)
        router.post(RouterPath(SiteURL.accountTimeZone.path), use: saveTimeZone)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, session) = try context.requireSession()
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(AccountPage.notices.self)
        let contact = user.userRole == .therapist ? try await services.practiceContacts.contact(for: user.id) : nil
        return Responses.html(AccountPage(user: user, csrfToken: session.csrfToken, notice: notice,
                                          secondFactorRequired: services.configuration.requireTOTP, practiceContact: contact).render())
    }

    /// A therapist's number and hours, offered to their clients in the professionals step of a plan.
    @Sendable func savePracticeContact(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, session) = try context.requireRole(.therapist)
        let contact = PracticeContact(phone: context.form["phone"], hours: context.form["hours"])
        let problems = contact.problems()
        guard problems.isEmpty else {
            return Responses.html(AccountPage(user: user, csrfToken: session.csrfToken, secondFactorRequired: services.configuration.requireTOTP,
                                              practiceContact: contact, practiceContactErrors: problems).render(),
                                  status: .unprocessableContent)
        }
        try await services.practiceContacts.save(contact, for: user, by: user, address: services.clientAddress(request, context: context))
        return Responses.redirect(to: SiteURL.account.path + "?done=practice-contact")
    }

    /// The zone every date is shown in; the list offers only zones the system knows.
    @Sendable func saveTimeZone(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, session) = try context.requireSession()
        guard let zone = DisplayTime.zone(named: context.form["timeZone"]) else {
            return Responses.html(AccountPage(user: user, csrfToken: session.csrfToken, secondFactorRequired: services.configuration.requireTOTP,
                                              timeZoneErrors: ["Please choose a time zone from the list, such as Europe/London or America/New_York."]).render(),
                                  status: .unprocessableContent)
        }
        try await services.accounts.setTimeZone(zone.identifier, for: user)
        return Responses.redirect(to: SiteURL.account.path + "?done=time-zone")
    }

    @Sendable func changePassword(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, session) = try context.requireSession()
        let form = context.form
        var errors: [String] = []
        if try await services.accounts.authenticate(email: user.email, password: form["currentPassword"]) == nil {
            errors.append("Your current password wasn't right. Please enter it again.")
        } else if form["newPassword"] != form["confirmPassword"] {
            errors.append("The two new passwords don't match. Please type the new one twice.")
        } else if let problem = PasswordPolicy().problem(with: form["newPassword"], email: user.email) {
            errors.append(problem.description)
        }
        guard errors.isEmpty else {
            return Responses.html(AccountPage(user: user, csrfToken: session.csrfToken, passwordErrors: errors,
                                              secondFactorRequired: services.configuration.requireTOTP).render(),
                                  status: .unprocessableContent)
        }
        try await services.accounts.changePassword(of: user, to: form["newPassword"], actor: user)
        // Every session ended, this one included; start a fresh one so the person stays signed in here.
        let started = try await services.sessions.start(userID: user.id, secondFactorPending: false)
        var response = Responses.redirect(to: SiteURL.account.path + "?done=password")
        response.setCookie(services.cookies.session(started.token))
        return response
    }

    @Sendable func showSecondFactorSetup(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, session) = try context.requireSession()
        guard user.userRole.canUseSecondFactor else { throw HTTPError(.notFound) }
        let secret = SecondFactor.newSecret()
        return Responses.html(SecondFactorSetupPage(user: user, csrfToken: session.csrfToken, secret: secret).render())
    }

    @Sendable func enableSecondFactor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, session) = try context.requireSession()
        guard user.userRole.canUseSecondFactor else { throw HTTPError(.notFound) }
        let form = context.form
        // The secret comes back from the page's hidden field; one we could not have made is replaced.
        let secret = SecondFactor.isPlausibleSecret(form["secret"]) ? form["secret"] : SecondFactor.newSecret()
        var errors: [String] = []
        var step: Int64?
        if try await services.accounts.authenticate(email: user.email, password: form["currentPassword"]) == nil {
            errors.append("Your current password wasn't right. Please enter it again.")
        } else if let matched = SecondFactor.matchingStep(code: form["code"], secret: secret, at: services.configuration.clock()) {
            step = matched
        } else {
            errors.append("That code didn't match. Check the key was typed correctly and enter the newest code.")
        }
        guard errors.isEmpty, let step else {
            return Responses.html(SecondFactorSetupPage(user: user, csrfToken: session.csrfToken, secret: secret,
                                                        errors: errors).render(), status: .unprocessableContent)
        }
        let sealed = try services.keys.sealWithDeploymentKey(secret, context: "totp:\(user.id)")
        try await services.accounts.setSecondFactor(secretSealed: sealed, enabled: true, confirmedStep: step, for: user)
        return Responses.redirect(to: SiteURL.account.path + "?done=second-factor-on")
    }

    @Sendable func disableSecondFactor(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, session) = try context.requireSession()
        let form = context.form
        let passwordOK = try await services.accounts.authenticate(email: user.email, password: form["currentPassword"]) != nil
        let step = try passwordOK ? SecondFactor.matchingStep(code: form["code"], user: user, keys: services.keys, at: services.configuration.clock()) : nil
        let fresh = if let step { try await services.accounts.claimSecondFactorStep(step, for: user) } else { false }
        guard fresh else {
            return Responses.html(AccountPage(user: user, csrfToken: session.csrfToken,
                                              secondFactorErrors: ["Please enter your current password and a current code to turn this off."],
                                              secondFactorRequired: services.configuration.requireTOTP).render(),
                                  status: .unprocessableContent)
        }
        if services.configuration.requireTOTP {
            throw HTTPError(.forbidden, message: "This practice requires a second factor, so it can't be turned off.")
        }
        try await services.accounts.setSecondFactor(secretSealed: nil, enabled: false, for: user)
        return Responses.redirect(to: SiteURL.account.path + "?done=second-factor-off")
    }

    /// Ends every session and API token of the account, this browser's included, as after
    /// losing a phone or signing in on a shared computer.
    @Sendable func signOutEverywhere(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, _) = try context.requireSession()
        try await services.accounts.signOutEverywhere(user, address: services.clientAddress(request, context: context))
        // As after signing out: the sign-in page, with any copy of the plan on this device cleared.
        var response = Responses.redirect(to: SiteURL.login.path + "?signed-out=1")
        response.setCookie(services.cookies.expiredSession())
        response.headers[.init("Clear-Site-Data")!] = "\"cache\", \"storage\""
        return response
    }
}

extension AppRequestContext {
    /// The signed-in browser user and session, or 401 (which sends people to sign in).
    func requireSession() throws -> (User, Session) {
        guard let user, let session else { throw HTTPError(.unauthorized) }
        return (user, session)
    }

    func requireRole(_ role: Role) throws -> (User, Session) {
        let (user, session) = try requireSession()
        guard user.userRole == role else { throw HTTPError(.forbidden) }
        return (user, session)
    }

    /// The signed-in user for an API call (bearer token), or 401.
    func requireAPIUser() throws -> User {
        guard let user, authenticatedByToken else {
            throw HTTPError(.unauthorized, message: "Send a valid token as 'Authorization: Bearer TOKEN'. Get one from POST /api/v1/auth/token.")
        }
        return user
    }
}
