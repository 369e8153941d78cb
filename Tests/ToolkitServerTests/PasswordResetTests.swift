import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing
import ToolkitCore
@testable import ToolkitServer

/// One-time password reset links from an administrator or a client's own therapist.
@Suite struct PasswordResetTests {
    static let newPassword = "a fresh and long passphrase"

    /// The therapist (or admin) browser makes a reset link for the account; its path and query.
    static func resetLink(_ issuer: Browser, path: String, formPage: String) async throws -> String {
        let page = try await issuer.submit(path, fields: [:], formPage: formPage)
        #expect(page.status == .ok)
        #expect(page.bodyText.contains("24 hours"))
        return try InvitationTests.linkPath(in: page.bodyText, prefix: "/reset-password?t=")
    }

    static func use(_ app: TestApp, link: String, password: String = newPassword, address: String = "203.0.113.80") async throws -> TestResponse {
        let browser = app.browser(address: address)
        let page = try await browser.get(link)
        let token = try #require(Browser.inputValue("token", in: page.bodyText))
        return try await browser.submit(SiteURL.passwordReset.path, fields: ["token": token, "password": password], formPage: link)
    }

    @Test func aResetEndsEverySessionAndTokenAndKeepsTheJournalAndSafetyPlanReadable() async throws {
        try await withApp { app in
            // setup: a client with a journal entry, a shared plan, a session and an API token
            try await app.createUser(.therapist, email: "t@example.org", name: "Dr Rivera")
            let client = try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let session = try await app.signedIn("c@example.org")
            let entryID = try await JournalTests.write(session, "journal-marker-4471 a hard evening")
            let apiToken = try await app.apiToken("c@example.org")
            #expect(try await ConcurrencyTests.call(app, .put, "/api/v1/me/safety-plan", token: apiToken,
                                                    json: ConcurrencyTests.planJSON("plan-marker-5582")).status == .ok)
            // act: the therapist makes a link; the client uses it
            let therapist = try await app.signedIn("t@example.org")
            let link = try await Self.resetLink(therapist, path: SiteURL.clientResetLink(client.id).path, formPage: SiteURL.clientInvitations.path)
            let weak = try await Self.use(app, link: link, password: "short")
            #expect(weak.status == .unprocessableContent)
            let used = try await Self.use(app, link: link)
            // check: signed out everywhere, the old password gone, the new one works
            #expect(used.status == .seeOther)
            #expect(used.headers[.location] == SiteURL.login.path + "?reset=1")
            #expect(try await session.get(SiteURL.today.path).status == .unauthorized)
            #expect(try await ConcurrencyTests.call(app, .get, "/api/v1/me", token: apiToken).status == .unauthorized)
            #expect(try await app.count("sessions") == 1)  // the therapist's
            await #expect(throws: TestFailure.self) { _ = try await app.signedIn("c@example.org") }
            let again = try await app.signedIn("c@example.org", password: Self.newPassword)
            // check: told once, on Today
            let first = try await again.get("/").bodyText
            #expect(first.contains("Your password was reset on"))
            #expect(first.contains("Dr Rivera"))
            #expect(!(try await again.get("/").bodyText.contains("Your password was reset")))
            // check: everything written is still readable
            #expect(try await again.get(SiteURL.journalEntry(entryID).path).bodyText.contains("journal-marker-4471"))
            let newToken = try await app.apiToken("c@example.org", password: Self.newPassword)
            let plan = try await ConcurrencyTests.call(app, .get, "/api/v1/me/safety-plan", token: newToken)
            #expect(plan.status == .ok)
            #expect(plan.bodyText.contains("plan-marker-5582"))
            // check: the link works once, and both steps are audited
            let reuse = try await app.browser().get(link)
            #expect(reuse.status == .gone)
            let actions = try await app.auditTrail().map(\.action)
            #expect(actions.contains("password-reset.issue"))
            #expect(actions.contains("password-reset.use"))
        }
    }

    @Test func anAdministratorCanResetATherapistAndALinkRunsOutAfterADay() async throws {
        let clock = TestClock()
        try await withApp(configure: { $0.clock = clock.now }) { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org", name: "Pat")
            let therapist = try await app.createUser(.therapist, email: "t@example.org")
            let stale = try await Self.resetLink(try await app.signedIn("admin@example.org"), path: SiteURL.adminUserResetLink(therapist.id).path,
                                                 formPage: SiteURL.adminUserEdit(therapist.id).path)
            // act: a day and a minute later (past any session, so the admin signs in again)
            clock.advance(by: 24 * 3600 + 60)
            let admin = try await app.signedIn("admin@example.org")
            let expired = try await app.browser().get(stale)
            // check
            #expect(expired.status == .gone)
            #expect(expired.bodyText.contains("run out of time"))
            // act: a new one, and an earlier one stops working when a newer one is made
            let older = try await Self.resetLink(admin, path: SiteURL.adminUserResetLink(therapist.id).path, formPage: SiteURL.adminUserEdit(therapist.id).path)
            let newer = try await Self.resetLink(admin, path: SiteURL.adminUserResetLink(therapist.id).path, formPage: SiteURL.adminUserEdit(therapist.id).path)
            #expect(try await app.browser().get(older).status == .gone)
            #expect(try await Self.use(app, link: newer).status == .seeOther)
            let signedIn = try await app.signedIn("t@example.org", password: Self.newPassword)
            let home = try await signedIn.get("/").bodyText
            #expect(home.contains("Your password was reset on"))
            #expect(home.contains("Pat, the practice&#39;s administrator") || home.contains("Pat, the practice's administrator"))
        }
    }

    @Test func onlyTheClientsOwnTherapistOrAnAdministratorCanMakeALink() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            let otherAdmin = try await app.createUser(.admin, email: "admin2@example.org")
            let therapist = try await app.createUser(.therapist, email: "t@example.org")
            let otherTherapist = try await app.createUser(.therapist, email: "other@example.org")
            let client = try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let otherClient = try await app.createUser(.client, email: "oc@example.org", therapist: "other@example.org")
            let t = try await app.signedIn("t@example.org")
            // act + check: a therapist, for anyone but their own client
            for target in [otherClient, otherTherapist, therapist, otherAdmin] {
                #expect(try await t.submit(SiteURL.clientResetLink(target.id).path, fields: [:], formPage: SiteURL.clientInvitations.path).status == .notFound)
            }
            #expect(try await t.submit(SiteURL.adminUserResetLink(client.id).path, fields: [:], formPage: SiteURL.clientInvitations.path).status == .forbidden)
            // a client, for anyone, themselves included
            let c = try await app.signedIn("c@example.org")
            for target in [client, otherClient] {
                #expect(try await c.submit(SiteURL.clientResetLink(target.id).path, fields: [:], formPage: SiteURL.account.path).status == .forbidden)
                #expect(try await c.submit(SiteURL.adminUserResetLink(target.id).path, fields: [:], formPage: SiteURL.account.path).status == .forbidden)
            }
            // an administrator, for anyone but themselves
            let admin = try await app.signedIn("admin@example.org")
            let adminSelf = try await app.user("admin@example.org")
            #expect(try await admin.submit(SiteURL.adminUserResetLink(adminSelf.id).path, fields: [:], formPage: SiteURL.adminUsers.path).status == .notFound)
            #expect(try await admin.submit(SiteURL.adminUserResetLink(otherAdmin.id).path, fields: [:], formPage: SiteURL.adminUsers.path).status == .ok)
            // the API: therapists only, own clients only
            let token = try await app.apiToken("t@example.org")
            #expect(try await ConcurrencyTests.call(app, .post, "/api/v1/clients/\(otherClient.id)/reset-link", token: token).status == .notFound)
            #expect(try await ConcurrencyTests.call(app, .post, "/api/v1/clients/\(otherTherapist.id)/reset-link", token: token).status == .notFound)
            #expect(try await ConcurrencyTests.call(app, .post, "/api/v1/clients/\(client.id)/reset-link",
                                                    token: try await app.apiToken("c@example.org")).status == .forbidden)
            let made = try await ConcurrencyTests.call(app, .post, "/api/v1/clients/\(client.id)/reset-link", token: token)
            #expect(made.status == .created)
            #expect(made.bodyText.contains("/reset-password?t="))
            // check: only the two allowed links exist
            #expect(try await app.count("account_links") == 2)
        }
    }

    @Test func everyResetPostNeedsTheFormToken() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            try await app.createUser(.therapist, email: "t@example.org")
            let client = try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let therapist = try await app.signedIn("t@example.org")
            let admin = try await app.signedIn("admin@example.org")
            // act + check: no link made without the token
            #expect(try await therapist.post(SiteURL.clientResetLink(client.id).path, form: [:]).status == .forbidden)
            #expect(try await admin.post(SiteURL.adminUserResetLink(client.id).path, form: [:]).status == .forbidden)
            #expect(try await app.count("account_links") == 0)
            // and no password set without it
            let link = try await Self.resetLink(therapist, path: SiteURL.clientResetLink(client.id).path, formPage: SiteURL.clientInvitations.path)
            let stranger = app.browser(address: "203.0.113.90")
            let page = try await stranger.get(link)
            let token = try #require(Browser.inputValue("token", in: page.bodyText))
            #expect(try await stranger.post(SiteURL.passwordReset.path, form: ["token": token, "password": Self.newPassword]).status == .forbidden)
            _ = try await app.signedIn("c@example.org")
            #expect(try await app.browser().get(link).status == .ok)
        }
    }

    @Test func manySimultaneousUsesOfOneLinkSetThePasswordOnce() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let client = try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let therapist = try await app.signedIn("t@example.org")
            let link = try await Self.resetLink(therapist, path: SiteURL.clientResetLink(client.id).path, formPage: SiteURL.clientInvitations.path)
            let token = String(link.dropFirst("/reset-password?t=".count))
            var prepared: [(Browser, String)] = []
            for index in 0..<ConcurrencyTests.simultaneous {
                let browser = app.browser(address: "198.51.100.\(index + 1)")
                let page = try await browser.get(link)
                prepared.append((browser, try #require(Browser.csrfToken(in: page.bodyText))))
            }
            // act
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for (index, (browser, csrf)) in prepared.enumerated() {
                    group.addTask {
                        try await browser.post(SiteURL.passwordReset.path, form: ["_csrf": csrf, "token": token,
                                                                              "password": "\(Self.newPassword) \(index)"]).status.code
                    }
                }
                var all: [Int] = []
                for try await status in group { all.append(status) }
                return all
            }
            // check
            #expect(statuses.filter { $0 == 303 }.count == 1)
            #expect(statuses.filter { $0 == 410 }.count == ConcurrencyTests.simultaneous - 1, "\(statuses.sorted())")
            #expect(try await app.auditTrail().filter { $0.action == "password-reset.use" }.count == 1)
            #expect(try await app.count("account_notices") == 1)
        }
    }

    @Test func theResetPageShowsTheNameAsText() async throws {
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            let client = try await app.createUser(.client, email: "c@example.org", name: OutputEncodingTests.script, therapist: "t@example.org")
            let therapist = try await app.signedIn("t@example.org")
            let issued = try await therapist.submit(SiteURL.clientResetLink(client.id).path, fields: [:], formPage: SiteURL.clientInvitations.path)
            let link = try InvitationTests.linkPath(in: issued.bodyText, prefix: "/reset-password?t=")
            let invitations = try await therapist.get(SiteURL.clientInvitations.path)
            for html in [issued.bodyText, invitations.bodyText, try await app.browser().get(link).bodyText] {
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(!html.contains("<script>alert"))
            }
        }
    }
}
