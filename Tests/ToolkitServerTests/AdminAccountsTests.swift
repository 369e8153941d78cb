import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing
import ToolkitCore
@testable import ToolkitServer

/// What an administrator does with accounts: unlock, edit, hand a client over, enable again.
@Suite struct AdminAccountsTests {
    static func setUp(_ app: TestApp) async throws -> Browser {
        try await app.createUser(.admin, email: "admin@example.org")
        try await app.createUser(.therapist, email: "t@example.org", name: "Dr Rivera")
        try await app.createUser(.therapist, email: "new@example.org", name: "Dr Okafor")
        try await app.createUser(.client, email: "c@example.org", name: "Sam", therapist: "t@example.org")
        return try await app.signedIn("admin@example.org")
    }

    @Test func anAdministratorUnlocksAThrottledAccount() async throws {
        try await withApp { app in
            // setup: five failures lock the account from the attacker's address
            let admin = try await Self.setUp(app)
            try await ThrottleTests.failFiveTimes(app, email: "c@example.org")
            let blocked = try await app.browser(address: ThrottleTests.attacker).submit(
                SiteURL.login.path, fields: ["email": "c@example.org", "password": TestApp.password], formPage: SiteURL.login.path)
            #expect(blocked.status == .tooManyRequests)
            let client = try await app.user("c@example.org")
            let list = try await admin.get(SiteURL.adminUsers.path).bodyText
            #expect(list.contains(SiteURL.adminUserUnlock(client.id).path))
            // act: without the form token nothing happens; with it, the block is gone
            #expect(try await admin.post(SiteURL.adminUserUnlock(client.id).path, form: [:]).status == .forbidden)
            #expect(try await app.browser(address: ThrottleTests.attacker).submit(
                SiteURL.login.path, fields: ["email": "c@example.org", "password": TestApp.password], formPage: SiteURL.login.path).status == .tooManyRequests)
            let unlocked = try await admin.submit(SiteURL.adminUserUnlock(client.id).path, fields: [:], formPage: SiteURL.adminUsers.path)
            // check
            #expect(unlocked.status == .seeOther)
            _ = try await app.signedIn("c@example.org", address: ThrottleTests.attacker)
            #expect(try await app.auditTrail().map(\.action).contains("account.unlock"))
        }
    }

    @Test func anAdministratorEditsANameAndEmailWithTheSameChecksAsCreating() async throws {
        try await withApp { app in
            // setup
            let admin = try await Self.setUp(app)
            let client = try await app.user("c@example.org")
            let edit = SiteURL.adminUserEdit(client.id).path
            // act + check: refused, kept as typed
            let bidi = try await admin.submit(edit, fields: ["name": "Sam\u{202E}evil", "email": "c@example.org"])
            #expect(bidi.status == .unprocessableContent)
            let taken = try await admin.submit(edit, fields: ["name": "Sam", "email": "t@example.org"])
            #expect(taken.status == .unprocessableContent)
            #expect(taken.bodyText.contains("already exists"))
            let control = try await admin.submit(edit, fields: ["name": "Sam", "email": "sam\u{0007}@example.org"])
            #expect(control.status == .unprocessableContent)
            #expect(try await admin.post(edit, form: ["name": "Forged", "email": "forged@example.org"]).status == .forbidden)
            // act: a good change
            let saved = try await admin.submit(edit, fields: ["name": "Sam Lee", "email": "Sam.Lee@Example.org"])
            // check
            #expect(saved.status == .seeOther)
            let changed = try await app.user("sam.lee@example.org")
            #expect(changed.name == "Sam Lee")
            #expect(try await app.services.accounts.find(email: "c@example.org") == nil)
            _ = try await app.signedIn("sam.lee@example.org")
            #expect(try await app.auditTrail().map(\.action).contains("account.update"))
        }
    }

    @Test func aHandoverMovesTheClientTellsThemOnceAndTheOldTherapistLosesSight() async throws {
        try await withApp { app in
            // setup: the client shares their plan with Dr Rivera
            let admin = try await Self.setUp(app)
            let client = try await app.user("c@example.org")
            let token = try await app.apiToken("c@example.org")
            #expect(try await ConcurrencyTests.call(app, .put, "/api/v1/me/safety-plan", token: token, json: ConcurrencyTests.planJSON("handover-7719")).status == .ok)
            #expect(try await ConcurrencyTests.call(app, .put, "/api/v1/me/safety-plan/sharing", token: token, json: #"{"shared":true}"#).status == .ok)
            let old = try await app.signedIn("t@example.org")
            let new = try await app.signedIn("new@example.org")
            #expect(try await old.get(SiteURL.clientSafetyPlan(client.id).path).bodyText.contains("handover-7719"))
            #expect(try await new.get(SiteURL.clientSafetyPlan(client.id).path).status == .notFound)
            let newTherapist = try await app.user("new@example.org")
            // act: without the form token nothing moves; with it, the client moves
            #expect(try await admin.post(SiteURL.adminUserTherapist(client.id).path, form: ["therapistID": newTherapist.id]).status == .forbidden)
            #expect(try await app.user("c@example.org").therapistId != newTherapist.id)
            let moved = try await admin.submit(SiteURL.adminUserTherapist(client.id).path, fields: ["therapistID": newTherapist.id],
                                               formPage: SiteURL.adminUserEdit(client.id).path)
            // check: access follows the client
            #expect(moved.status == .seeOther)
            #expect(try await app.user("c@example.org").therapistId == newTherapist.id)
            let oldRead = try await old.get(SiteURL.clientSafetyPlan(client.id).path)
            #expect(oldRead.status == .notFound)
            #expect(!oldRead.bodyText.contains("handover-7719"))
            #expect(!(try await old.get(SiteURL.clients.path).bodyText.contains("Sam")))
            #expect(try await new.get(SiteURL.clientSafetyPlan(client.id).path).bodyText.contains("handover-7719"))
            // check: told once, on Today
            let browser = try await app.signedIn("c@example.org")
            let first = try await browser.get(SiteURL.today.path).bodyText
            #expect(first.contains("Dr Okafor is your therapist"))
            #expect(!(try await browser.get(SiteURL.today.path).bodyText.contains("is your therapist")))
            #expect(try await app.auditTrail().map(\.action).contains("account.handover"))
            // a therapist is not a client to move, and a client is not a therapist to move to
            let therapistUser = try await app.user("t@example.org")
            #expect(try await admin.submit(SiteURL.adminUserTherapist(therapistUser.id).path, fields: ["therapistID": newTherapist.id],
                                           formPage: SiteURL.adminUsers.path).status == .notFound)
            #expect(try await admin.submit(SiteURL.adminUserTherapist(client.id).path, fields: ["therapistID": client.id],
                                           formPage: SiteURL.adminUsers.path).status == .unprocessableContent)
        }
    }

    @Test func aDisabledAccountCanBeEnabledAgainOnThePageAndByTheCommandLine() async throws {
        try await withApp { app in
            // setup
            let admin = try await Self.setUp(app)
            let client = try await app.user("c@example.org")
            #expect(try await admin.submit(SiteURL.adminUserDisable(client.id).path, fields: [:], formPage: SiteURL.adminUsers.path).status == .seeOther)
            await #expect(throws: TestFailure.self) { _ = try await app.signedIn("c@example.org") }
            // act + check: the page
            #expect(try await admin.post(SiteURL.adminUserEnable(client.id).path, form: [:]).status == .forbidden)
            #expect(try await admin.submit(SiteURL.adminUserEnable(client.id).path, fields: [:], formPage: SiteURL.adminUsers.path).status == .seeOther)
            _ = try await app.signedIn("c@example.org")
            // act + check: the command line
            #expect(try await app.services.disableUser(email: "c@example.org"))
            #expect(try await app.services.enableUser(email: "c@example.org"))
            #expect(try await app.services.enableUser(email: "nobody@example.org") == false)
            _ = try await app.signedIn("c@example.org")
        }
    }

    @Test func theAccountsPageNamesEachClientsTherapistAndWorksAsCardsOnAPhone() async throws {
        try await withApp { app in
            // setup
            let admin = try await Self.setUp(app)
            // act
            let page = try await admin.get(SiteURL.adminUsers.path).bodyText
            // check: the therapist is named, each cell carries its label for the card layout
            #expect(page.contains("data-label=\"Therapist\">Dr Rivera"))
            #expect(page.contains("accounts-table"))
            #expect(page.contains("data-for-role=\"client\""))
            // act: a therapist made with a leftover therapist email: the role decides what is used
            let made = try await admin.submit(SiteURL.adminUsers.path, fields: [
                "role": "therapist", "name": "Dr Chen", "email": "chen@example.org", "password": "a long enough passphrase",
                "therapistEmail": "t@example.org",
            ])
            #expect(made.status == .seeOther)
            #expect(try await app.user("chen@example.org").therapistId == nil)
            let css = try await admin.get(SiteURL.stylesheet.path).bodyText
            #expect(css.contains(".accounts-table td[data-label]::before"))
        }
    }

    @Test func onlyAdministratorsReachTheAccountTools() async throws {
        try await withApp { app in
            // setup
            _ = try await Self.setUp(app)
            let client = try await app.user("c@example.org")
            let newTherapist = try await app.user("new@example.org")
            for email in ["t@example.org", "c@example.org"] {
                let browser = try await app.signedIn(email)
                #expect(try await browser.get(SiteURL.adminUserEdit(client.id).path).status == .forbidden)
                for path in [SiteURL.adminUserEdit(client.id).path, SiteURL.adminUserUnlock(client.id).path,
                             SiteURL.adminUserTherapist(client.id).path, SiteURL.adminUserResetLink(client.id).path] {
                    let response = try await browser.submit(path, fields: ["name": "x", "email": "x@example.org", "therapistID": newTherapist.id],
                                                            formPage: SiteURL.account.path)
                    #expect(response.status == .forbidden, "\(email) \(path)")
                }
            }
            #expect(try await app.user("c@example.org").name == "Sam")
            #expect(try await app.user("c@example.org").therapistId != newTherapist.id)
        }
    }

    @Test func namesAreShownAsTextOnTheManagePages() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            try await app.createUser(.therapist, email: "t@example.org", name: OutputEncodingTests.script)
            let client = try await app.createUser(.client, email: "c@example.org", name: OutputEncodingTests.script, therapist: "t@example.org")
            let admin = try await app.signedIn("admin@example.org")
            // act
            let pages = [try await admin.get(SiteURL.adminUsers.path).bodyText, try await admin.get(SiteURL.adminUserEdit(client.id).path).bodyText]
            // check
            for html in pages {
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(!html.contains("<script>alert"))
            }
        }
    }
}
