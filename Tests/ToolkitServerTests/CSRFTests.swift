import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Checklist 11: every state-changing request needs this session's token and this app's Origin;
/// GET changes nothing.
@Suite struct CSRFTests {
    static let newPassword = "a brand new passphrase"
    static let change = ["currentPassword": TestApp.password, "newPassword": newPassword, "confirmPassword": newPassword]

    /// A signed-in therapist, and a check that the password is still the old one.
    static func passwordUnchanged(_ app: TestApp) async throws -> Bool {
        try await app.services.accounts.authenticate(email: "t@example.org", password: TestApp.password) != nil
    }

    @Test func aPostWithoutTheTokenIsRefused() async throws {
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            let response = try await browser.post(SiteURL.accountPassword.path, form: Self.change)
            #expect(response.status == .forbidden)
            #expect(try await Self.passwordUnchanged(app))
        }
    }

    @Test func aPostWithAWrongTokenIsRefused() async throws {
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            let real = try #require(Browser.csrfToken(in: try await browser.get(SiteURL.account.path).bodyText))
            for forged in ["wrong", String(real.dropLast()) + (real.last == "A" ? "B" : "A"), ""] {
                let response = try await browser.post(SiteURL.accountPassword.path, form: Self.change.merging(["_csrf": forged]) { $1 })
                #expect(response.status == .forbidden)
            }
            #expect(try await Self.passwordUnchanged(app))
        }
    }

    @Test func anotherSessionsTokenIsRefused() async throws {
        try await withApp { app in
            // setup: the attacker's own valid session and token
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.therapist, email: "mallory@example.org")
            let attacker = try await app.signedIn("mallory@example.org")
            let attackersToken = try #require(Browser.csrfToken(in: try await attacker.get(SiteURL.account.path).bodyText))
            let victim = try await app.signedIn("t@example.org")
            // act
            let response = try await victim.post(SiteURL.accountPassword.path, form: Self.change.merging(["_csrf": attackersToken]) { $1 })
            // check
            #expect(response.status == .forbidden)
            #expect(try await Self.passwordUnchanged(app))
        }
    }

    @Test func aForeignOriginIsRefusedEvenWithTheRightToken() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            let token = try #require(Browser.csrfToken(in: try await browser.get(SiteURL.account.path).bodyText))
            let form = Self.change.merging(["_csrf": token]) { $1 }
            // act
            let foreign = try await browser.post(SiteURL.accountPassword.path, form: form, origin: "https://evil.example")
            let lookalike = try await browser.post(SiteURL.accountPassword.path, form: form, origin: "http://localhost.evil.example")
            let opaque = try await browser.post(SiteURL.accountPassword.path, form: form, origin: "null")
            let referer = try await browser.send(SiteURL.accountPassword.path, method: .post, headers: [
                .contentType: "application/x-www-form-urlencoded", .referer: "https://evil.example/page",
            ], body: .init(string: Browser.encode(form)))
            // check
            #expect(foreign.status == .forbidden)
            #expect(lookalike.status == .forbidden)
            #expect(opaque.status == .forbidden)
            #expect(referer.status == .forbidden)
            #expect(try await Self.passwordUnchanged(app))
            // The same request from our own page goes through.
            let own = try await browser.post(SiteURL.accountPassword.path, form: form)
            #expect(own.status == .seeOther)
            #expect(try await app.services.accounts.authenticate(email: "t@example.org", password: Self.newPassword) != nil)
        }
    }

    @Test func anOpaqueOriginPassesOnlyWhenTheBrowserSaysSameOrigin() async throws {
        try await withApp { app in
            // setup: pages send no referrer, so browsers may post with `Origin: null`
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            let token = try #require(Browser.csrfToken(in: try await browser.get(SiteURL.account.path).bodyText))
            let body = Browser.encode(Self.change.merging(["_csrf": token]) { $1 })
            func post(site: String) async throws -> TestResponse {
                try await browser.send(SiteURL.accountPassword.path, method: .post, headers: [
                    .contentType: "application/x-www-form-urlencoded", .origin: "null", HTTPField.Name("Sec-Fetch-Site")!: site,
                ], body: .init(string: body))
            }
            // act + check
            #expect(try await post(site: "cross-site").status == .forbidden)
            #expect(try await post(site: "same-site").status == .forbidden)
            #expect(try await Self.passwordUnchanged(app))
            #expect(try await post(site: "same-origin").status == .seeOther)
        }
    }

    @Test func withAPublicAddressOnlyThatOriginIsAccepted() async throws {
        try await withApp(configure: { $0.publicURL = URL(string: "https://toolkit.example.org") }) { app in
            try await app.createUser(.therapist, email: "t@example.org")
            // The Host header says localhost, but the deployment's own address is what counts.
            let fromHost = app.browser(origin: "https://localhost")
            let response = try await fromHost.submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": TestApp.password])
            #expect(response.status == .forbidden)
            let fromSite = app.browser(origin: "https://toolkit.example.org")
            #expect(try await fromSite.submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": TestApp.password]).status == .seeOther)
        }
    }

    @Test func signInItselfNeedsTheFormToken() async throws {
        try await withApp { app in
            // A forged sign-in would put the victim's browser into the attacker's account.
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = app.browser()
            let response = try await browser.post(SiteURL.login.path, form: ["email": "t@example.org", "password": TestApp.password])
            #expect(response.status == .forbidden)
            #expect(app.sessionToken(of: browser) == nil)
        }
    }

    @Test func signOutNeedsThePostAndTheToken() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            // act
            let viaGet = try await browser.get(SiteURL.logout.path)
            let withoutToken = try await browser.post(SiteURL.logout.path, form: [:])
            // check
            #expect(viaGet.status == .notFound || viaGet.status == .methodNotAllowed)
            #expect(withoutToken.status == .forbidden)
            #expect(try await browser.get(SiteURL.account.path).status == .ok)
            #expect(try await app.count("sessions") == 1)
        }
    }

    @Test func getRequestsChangeNothing() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            try await app.createUser(.therapist, email: "t@example.org")
            let target = try await app.user("t@example.org")
            let admin = try await app.signedIn("admin@example.org")
            let before = try await app.count("audit_events")
            // act: the state-changing paths, asked for with GET (and query strings instead of bodies)
            for path in [SiteURL.adminUserDisable(target.id).path, SiteURL.accountPassword.path + "?newPassword=x&confirmPassword=x",
                         SiteURL.adminUsers.path + "?email=new@example.org&name=New&role=admin&password=a+long+enough+passphrase",
                         SiteURL.accountSecondFactorDisable.path, SiteURL.logout.path] {
                _ = try await admin.get(path)
            }
            // check
            #expect(try await app.user("t@example.org").isDisabled == false)
            #expect(try await app.services.accounts.find(email: "new@example.org") == nil)
            #expect(try await admin.get(SiteURL.adminUsers.path).status == .ok)
            #expect(try await app.count("audit_events") == before)
        }
    }

    @Test func theAPIWithABearerTokenNeedsNoFormToken() async throws {
        try await withApp { app in
            // A bearer token is not sent by browsers on their own, so it carries no forgery risk.
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let token = try await app.apiToken("c@example.org")
            let revoke = try await app.client.executeRequest(uri: "/api/v1/auth/revoke", method: .post, headers: .bearer(token), body: nil)
            #expect(revoke.status == .noContent)
            let me = try await app.client.executeRequest(uri: "/api/v1/me", method: .get, headers: .bearer(token), body: nil)
            #expect(me.status == .unauthorized)
        }
    }
}
