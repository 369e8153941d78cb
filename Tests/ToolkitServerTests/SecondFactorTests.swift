import Foundation
import HummingbirdOTP
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Checklist 8 (TOTP second factor, required by a deployment setting) and 10 (re-authentication).
@Suite struct SecondFactorTests {
    @Test func aSecondFactorIsRequiredOnceEnabled() async throws {
        try await withApp(configure: { $0.clock = TOTPCodes.frozenClock }) { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let secret = try await app.signedIn("t@example.org").enableSecondFactor()
            #expect(try await app.user("t@example.org").hasSecondFactor)
            // act: the password alone
            let browser = app.browser()
            let afterPassword = try await browser.submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": TestApp.password])
            let pendingCookie = app.sessionToken(of: browser)
            // check: nothing is reachable yet
            #expect(afterPassword.status == .seeOther)
            #expect(afterPassword.headers[.location] == SiteURL.loginSecondFactor.path)
            #expect(pendingCookie != nil)
            #expect(!(try await browser.get("/").bodyText.contains("Hello,")))
            #expect(try await browser.get(SiteURL.account.path).status == .unauthorized)
            #expect(try await browser.get(SiteURL.clients.path).status == .unauthorized)
            // act: a wrong code
            let wrong = try await browser.submit(SiteURL.loginSecondFactor.path, fields: ["code": TOTPCodes.wrong(for: secret)])
            #expect(wrong.status == .unauthorized)
            #expect(try await browser.get(SiteURL.account.path).status == .unauthorized)
            // act: the right code (the next one: the current one turned the second factor on)
            let right = try await browser.submit(SiteURL.loginSecondFactor.path, fields: ["code": TOTPCodes.next(for: secret)])
            // check: signed in, with a session id that differs from the password-only one
            #expect(right.status == .seeOther)
            #expect(right.headers[.location] == SiteURL.home.path)
            let fullCookie = try #require(app.sessionToken(of: browser))
            #expect(fullCookie != pendingCookie)
            #expect(try await browser.get(SiteURL.account.path).status == .ok)
            #expect(try await browser.get("/").bodyText.contains("Hello, t"))
            // The password-only session is gone: it can't be replayed to try more codes.
            let replay = app.browser()
            replay.setCookie(app.services.cookies.sessionName, try #require(pendingCookie))
            #expect(try await replay.get(SiteURL.loginSecondFactor.path).headers[.location] == SiteURL.login.path)
        }
    }

    @Test func aCodeSignsInOnlyOnce() async throws {
        try await withApp(configure: { $0.clock = TOTPCodes.frozenClock }) { app in
            // setup: two sign-ins waiting for a code, and one code (seen over a shoulder, say)
            try await app.createUser(.therapist, email: "t@example.org")
            let secret = try await app.signedIn("t@example.org").enableSecondFactor()
            let code = TOTPCodes.next(for: secret)
            let first = try await app.signedIn("t@example.org")
            let second = try await app.signedIn("t@example.org", address: "198.51.100.7")
            // act
            let accepted = try await first.submit(SiteURL.loginSecondFactor.path, fields: ["code": code])
            let replayed = try await second.submit(SiteURL.loginSecondFactor.path, fields: ["code": code])
            // check
            #expect(accepted.status == .seeOther)
            #expect(replayed.status == .unauthorized)
            #expect(replayed.bodyText.contains("That code has already been used."))
            #expect(try await second.get(SiteURL.account.path).status == .unauthorized)
            #expect(try await first.get(SiteURL.account.path).status == .ok)
        }
    }

    @Test func theCodesThatTurnItOnAndSignInCannotBeUsedAgain() async throws {
        try await withApp(configure: { $0.clock = TOTPCodes.frozenClock }) { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let settings = try await app.signedIn("t@example.org")
            let page = try await settings.get(SiteURL.accountSecondFactor.path)
            let secret = try #require(Browser.inputValue("secret", in: page.bodyText))
            let now = TOTPCodes.frozen
            let current = TOTPCodes.code(for: secret, at: now), next = TOTPCodes.code(for: secret, at: now.addingTimeInterval(30))
            let enabled = try await settings.submit(SiteURL.accountSecondFactor.path, fields: [
                "secret": secret, "code": current, "currentPassword": TestApp.password,
            ], formPage: SiteURL.accountSecondFactor.path)
            #expect(enabled.status == .seeOther)
            let browser = try await app.signedIn("t@example.org")
            // act + check: the code that turned it on doesn't sign in
            let reused = try await browser.submit(SiteURL.loginSecondFactor.path, fields: ["code": current])
            #expect(reused.status == .unauthorized)
            // the next one does, once
            let signedIn = try await browser.submit(SiteURL.loginSecondFactor.path, fields: ["code": next])
            #expect(signedIn.status == .seeOther)
            // and can't then turn the second factor off
            let disable = try await browser.submit(SiteURL.accountSecondFactorDisable.path, fields: [
                "currentPassword": TestApp.password, "code": next,
            ], formPage: SiteURL.account.path)
            #expect(disable.status == .unprocessableContent)
            #expect(try await app.user("t@example.org").hasSecondFactor)
        }
    }

    @Test func guessingCodesIsThrottled() async throws {
        try await withApp(configure: { $0.clock = TOTPCodes.frozenClock }) { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let secret = try await app.signedIn("t@example.org").enableSecondFactor()
            let browser = try await app.signedIn("t@example.org")
            for _ in 0..<5 {
                _ = try await browser.submit(SiteURL.loginSecondFactor.path, fields: ["code": TOTPCodes.wrong(for: secret)])
            }
            // act
            let right = try await browser.submit(SiteURL.loginSecondFactor.path, fields: ["code": TOTPCodes.current(for: secret)])
            // check
            #expect(right.status == .tooManyRequests)
            #expect(try await browser.get(SiteURL.account.path).status == .unauthorized)
        }
    }

    @Test func anAccountWithASecondFactorGetsNoAPIToken() async throws {
        try await withApp(configure: { $0.clock = TOTPCodes.frozenClock }) { app in
            try await app.createUser(.therapist, email: "t@example.org")
            _ = try await app.signedIn("t@example.org").enableSecondFactor()
            await #expect(throws: TestFailure.self) { try await app.apiToken("t@example.org") }
            #expect(try await app.count("api_tokens") == 0)
        }
    }

    @Test func enablingNeedsTheCurrentPassword() async throws {
        try await withApp(configure: { $0.clock = TOTPCodes.frozenClock }) { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            let page = try await browser.get(SiteURL.accountSecondFactor.path)
            let secret = try #require(Browser.inputValue("secret", in: page.bodyText))
            // act
            let response = try await browser.submit(SiteURL.accountSecondFactor.path, fields: [
                "secret": secret, "code": TOTPCodes.current(for: secret), "currentPassword": "not my password",
            ], formPage: SiteURL.accountSecondFactor.path)
            // check
            #expect(response.status == .unprocessableContent)
            #expect(try await app.user("t@example.org").hasSecondFactor == false)
        }
    }

    @Test func disablingNeedsThePasswordAndACode() async throws {
        try await withApp(configure: { $0.clock = TOTPCodes.frozenClock }) { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            let secret = try await browser.enableSecondFactor()
            // act
            let withoutCode = try await browser.submit(SiteURL.accountSecondFactorDisable.path, fields: [
                "currentPassword": TestApp.password, "code": TOTPCodes.wrong(for: secret),
            ], formPage: SiteURL.account.path)
            let withoutPassword = try await browser.submit(SiteURL.accountSecondFactorDisable.path, fields: [
                "currentPassword": "not my password", "code": TOTPCodes.current(for: secret),
            ], formPage: SiteURL.account.path)
            // check
            #expect(withoutCode.status == .unprocessableContent)
            #expect(withoutPassword.status == .unprocessableContent)
            #expect(try await app.user("t@example.org").hasSecondFactor)
        }
    }

    @Test func theSecretIsStoredSealedNotInTheClear() async throws {
        try await withApp(configure: { $0.clock = TOTPCodes.frozenClock }) { app in
            try await app.createUser(.therapist, email: "t@example.org")
            let secret = try await app.signedIn("t@example.org").enableSecondFactor()
            let stored = try #require(try await app.user("t@example.org").totpSecret)
            #expect(!stored.contains(secret))
            if app.usesSQLite { #expect(!(try app.rawDatabaseBytes()).contains(Data(secret.utf8))) }
        }
    }

    @Test func whenRequiredStaffWithoutASecondFactorAreSentToSetItUp() async throws {
        try await withApp(configure: { $0.requireTOTP = true; $0.clock = TOTPCodes.frozenClock }) { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            // act + check
            for email in ["t@example.org", "admin@example.org"] {
                let browser = try await app.signedIn(email)
                for path in ["/", SiteURL.clients.path, SiteURL.adminUsers.path] {
                    let response = try await browser.get(path)
                    #expect(response.status == .seeOther, "\(email) reached \(path)")
                    #expect(response.headers[.location] == SiteURL.accountSecondFactor.path)
                }
                #expect(try await browser.get(SiteURL.accountSecondFactor.path).status == .ok)
            }
            await #expect(throws: TestFailure.self) { try await app.apiToken("t@example.org") }
            // Clients are not asked for a second factor.
            #expect(try await app.signedIn("c@example.org").get("/").status == .ok)
            // Once set up, the therapist gets through.
            let therapist = try await app.signedIn("t@example.org")
            _ = try await therapist.enableSecondFactor()
            #expect(try await therapist.get("/").status == .ok)
        }
    }

    @Test func whenRequiredItCannotBeTurnedOff() async throws {
        try await withApp(configure: { $0.requireTOTP = true; $0.clock = TOTPCodes.frozenClock }) { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            let secret = try await browser.enableSecondFactor()
            // act
            let response = try await browser.submit(SiteURL.accountSecondFactorDisable.path, fields: [
                "currentPassword": TestApp.password, "code": TOTPCodes.next(for: secret),
            ], formPage: SiteURL.account.path)
            // check
            #expect(response.status == .forbidden)
            #expect(try await app.user("t@example.org").hasSecondFactor)
        }
    }
}

/// Codes an authenticator app would show, at a moment that doesn't move: the apps in these tests
/// run on the same stopped clock, so a slow machine can't carry a code out of its 30 seconds.
enum TOTPCodes {
    static let frozen = Date()
    static let frozenClock: @Sendable () -> Date = { frozen }

    static func current(for secret: String) -> String { code(for: secret, at: frozen) }

    /// The code after the current one, which the server also accepts (clocks drift): for a second
    /// use in the same 30 seconds, since each code works only once.
    static func next(for secret: String) -> String { code(for: secret, at: frozen.addingTimeInterval(30)) }

    static func code(for secret: String, at date: Date) -> String { String(format: "%06d", TOTP(secret: secret).compute(date: date)) }

    /// A code that is valid for none of the windows the server accepts.
    static func wrong(for secret: String) -> String {
        let totp = TOTP(secret: secret)
        let accepted = Set([-30.0, 0, 30].map { totp.compute(date: frozen.addingTimeInterval($0)) })
        var candidate = 123_456
        while accepted.contains(candidate) { candidate += 1 }
        return String(format: "%06d", candidate)
    }
}

extension Browser {
    /// Turns on the second factor through the account pages; returns the secret an app would hold.
    @discardableResult
    func enableSecondFactor(password: String = TestApp.password) async throws -> String {
        let page = try await get(SiteURL.accountSecondFactor.path)
        guard let secret = Browser.inputValue("secret", in: page.bodyText) else { throw TestFailure("no secret on the setup page") }
        let response = try await submit(SiteURL.accountSecondFactor.path, fields: [
            "secret": secret, "code": TOTPCodes.current(for: secret), "currentPassword": password,
            "_csrf": Browser.csrfToken(in: page.bodyText) ?? "",
        ])
        guard response.status == .seeOther else { throw TestFailure("enabling the second factor answered \(response.status.code)") }
        return secret
    }
}
