import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Invitations: a therapist's one-time link (and code) that makes a new client of theirs.
@Suite struct InvitationTests {
    static let newPassword = "a kind and long passphrase"

    /// The path and query of the link an issued-link page shows (`/join?t=...`).
    static func linkPath(in html: String, prefix: String = "/join?t=") throws -> String {
        let start = try #require(html.range(of: prefix))
        return String(html[start.lowerBound...].prefix { $0 != "<" && $0 != "\"" })
    }

    static func code(in html: String) throws -> String {
        let start = try #require(html.range(of: "one-time-code\">"))
        return String(html[start.upperBound...].prefix { $0 != "<" })
    }

    /// A therapist signed in, and a new invitation's page.
    static func invite(_ app: TestApp, therapist email: String = "t@example.org", label: String = "") async throws -> (Browser, String) {
        let therapist = try await app.signedIn(email)
        let page = try await therapist.submit(SiteURL.clientInvitations.path, fields: ["label": label])
        #expect(page.status == .ok)
        return (therapist, page.bodyText)
    }

    static func accept(_ app: TestApp, link: String, email: String, name: String = "Sam", address: String = "203.0.113.50") async throws -> (Browser, TestResponse) {
        let browser = app.browser(address: address)
        let welcome = try await browser.get(link)
        let token = try #require(Browser.inputValue("token", in: welcome.bodyText))
        let response = try await browser.submit(SiteURL.joinAccept.path, fields: [
            "token": token, "name": name, "email": email, "password": newPassword,
        ], formPage: link)
        return (browser, response)
    }

    @Test func anInvitedPersonChoosesTheirNameAndPasswordAndLandsOnTodayAsTheTherapistsClient() async throws {
        try await withApp { app in
            // setup
            let therapistUser = try await app.createUser(.therapist, email: "t@example.org", name: "Dr Rivera")
            let (_, page) = try await Self.invite(app, label: "Sam from Tuesday")
            let link = try Self.linkPath(in: page)
            let token = String(link.dropFirst("/join?t=".count))
            #expect(token.count >= 43)  // 256 bits in base64url
            #expect(page.contains("7 days"))
            // act: open, then accept
            let browser = app.browser(address: "203.0.113.50")
            let welcome = try await browser.get(link)
            #expect(welcome.status == .ok)
            #expect(welcome.bodyText.contains("Dr Rivera has invited you"))
            #expect(!welcome.bodyText.contains("Sam from Tuesday"))  // the note is the therapist's alone
            let accepted = try await browser.submit(SiteURL.joinAccept.path, fields: [
                "token": token, "name": "Sam", "email": "sam@example.org", "password": Self.newPassword, "timeZone": "Europe/Lisbon",
            ], formPage: link)
            // check: a client of that therapist, signed in, on Today
            #expect(accepted.status == .seeOther)
            #expect(accepted.headers[.location] == SiteURL.today.path + "?welcome=1")
            let today = try await browser.get(SiteURL.today.path + "?welcome=1")
            #expect(today.status == .ok)
            #expect(today.bodyText.contains("Welcome. Your account is ready"))
            let client = try await app.user("sam@example.org")
            #expect(client.userRole == .client)
            #expect(client.therapistId == therapistUser.id)
            #expect(client.timeZone == "Europe/Lisbon")
            #expect(try await app.services.keys.dataKey(for: client.id, on: app.services.database.sql) != nil)
            // check: the link works once, and is gone from the therapist's list
            let again = try await app.browser(address: "203.0.113.51").get(link)
            #expect(again.status == .gone)
            #expect(again.bodyText.contains("already been used"))
            let list = try await app.signedIn("t@example.org").get(SiteURL.clientInvitations.path).bodyText
            #expect(!list.contains("Sam from Tuesday"))
            // check: only hashes are stored, and every step is audited
            let rows = try await app.services.database.sql.raw("SELECT token_hash, code_hash FROM account_links").all()
            let stored = try rows.map { try $0.decode(column: "token_hash", as: String.self) }
            #expect(stored == [Randomness.sha256Hex(token)])
            let actions = try await app.auditTrail().map(\.action)
            #expect(actions.contains("invitation.create"))
            #expect(actions.contains("invitation.accept"))
        }
    }

    @Test func anInvitationRunsOutAfterSevenDaysAndRenewingGivesANewLinkThatWorks() async throws {
        let clock = TestClock()
        try await withApp(configure: { $0.clock = clock.now }) { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let (_, page) = try await Self.invite(app, label: "Alex")
            let link = try Self.linkPath(in: page)
            let welcome = try await app.browser().get(link)
            #expect(welcome.status == .ok)
            // act: a week and a minute later (long past any session, so the therapist signs in again)
            clock.advance(by: 7 * 24 * 3600 + 60)
            let therapist = try await app.signedIn("t@example.org")
            let expired = try await app.browser().get(link)
            let list = try await therapist.get(SiteURL.clientInvitations.path).bodyText
            // check: a kind 410, listed as expired
            #expect(expired.status == .gone)
            #expect(expired.bodyText.contains("run out of time"))
            #expect(list.contains("expired"))
            // act: renew
            let id = try #require(try await app.services.accountLinks.openInvitations(of: try await app.user("t@example.org")).first?.id)
            let renewed = try await therapist.submit(SiteURL.clientInvitationRenew(id).path, fields: [:], formPage: SiteURL.clientInvitations.path)
            #expect(renewed.status == .ok)
            let newLink = try Self.linkPath(in: renewed.bodyText)
            // check: the old link is gone for good, the new one works
            #expect(newLink != link)
            #expect(try await app.browser().get(link).status == .notFound)
            let (_, accepted) = try await Self.accept(app, link: newLink, email: "alex@example.org")
            #expect(accepted.status == .seeOther)
            #expect(try await app.auditTrail().map(\.action).contains("invitation.renew"))
        }
    }

    @Test func aWithdrawnInvitationsLinkAndCodeStopWorking() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let (therapist, page) = try await Self.invite(app, label: "Jo")
            let link = try Self.linkPath(in: page)
            let code = try Self.code(in: page)
            let id = try #require(try await app.services.accountLinks.openInvitations(of: try await app.user("t@example.org")).first?.id)
            // act
            let withdrawn = try await therapist.submit(SiteURL.clientInvitationRevoke(id).path, fields: [:], formPage: SiteURL.clientInvitations.path)
            // check
            #expect(withdrawn.status == .seeOther)
            let opened = try await app.browser().get(link)
            #expect(opened.status == .gone)
            #expect(opened.bodyText.contains("withdrawn"))
            let typed = try await app.browser().submit(SiteURL.join.path, fields: ["code": code])
            #expect(typed.status == .unprocessableContent)
            #expect(try await app.auditTrail().map(\.action).contains("invitation.revoke"))
            #expect(try await app.count("users") == 1)
        }
    }

    @Test func theCodeTypedOnAPhoneMakesTheAccountToo() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org", name: "Dr Rivera")
            let (_, page) = try await Self.invite(app)
            let code = try Self.code(in: page)
            #expect(code.count == 9 && code.contains("-"))
            // act: typed in small letters with a space, as on a phone
            let browser = app.browser(address: "203.0.113.60")
            let signIn = try await browser.get(SiteURL.login.path)
            #expect(signIn.bodyText.contains("href=\"/join\""))
            let welcome = try await browser.submit(SiteURL.join.path, fields: ["code": code.lowercased().replacingOccurrences(of: "-", with: " ")])
            #expect(welcome.status == .ok)
            #expect(welcome.bodyText.contains("Dr Rivera has invited you"))
            let hiddenCode = try #require(Browser.inputValue("code", in: welcome.bodyText))
            let accepted = try await browser.submit(SiteURL.joinAccept.path, fields: [
                "code": hiddenCode, "name": "Robin", "email": "robin@example.org", "password": Self.newPassword,
                "_csrf": Browser.csrfToken(in: welcome.bodyText) ?? "",
            ])
            // check
            #expect(accepted.status == .seeOther)
            #expect(try await app.user("robin@example.org").userRole == .client)
            let reuse = try await app.browser(address: "203.0.113.61").submit(SiteURL.join.path, fields: ["code": code])
            #expect(reuse.status == .unprocessableContent)
        }
    }

    @Test func codeGuessesAreThrottledPerAddressAndARightCodeDoesNotBuyMoreGuesses() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let (_, page) = try await Self.invite(app)
            let code = try Self.code(in: page)
            let guesser = app.browser(address: "198.51.100.7")
            // act: four wrong, one right, one wrong: five failures in the window
            for guess in ["AAAA-AAAA", "CCCC-CCCC", "DDDD-DDDD", "EEEE-EEEE"] {
                #expect(try await guesser.submit(SiteURL.join.path, fields: ["code": guess]).status == .unprocessableContent)
            }
            #expect(try await guesser.submit(SiteURL.join.path, fields: ["code": code]).status == .ok)
            #expect(try await guesser.submit(SiteURL.join.path, fields: ["code": "FFFF-FFFF"]).status == .unprocessableContent)
            let refused = try await guesser.submit(SiteURL.join.path, fields: ["code": code])
            // check: refused even with the right code, while another address is not
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] != nil)
            let acceptRefused = try await guesser.submit(SiteURL.joinAccept.path, fields: [
                "code": code, "name": "X", "email": "x@example.org", "password": Self.newPassword,
            ], formPage: SiteURL.join.path)
            #expect(acceptRefused.status == .tooManyRequests)
            #expect(try await app.browser(address: "198.51.100.8").submit(SiteURL.join.path, fields: ["code": code]).status == .ok)
            let denied = try await app.auditTrail().filter { $0.action == "invitation.code" }
            #expect(denied.count >= 6)
            #expect(try await app.count("users") == 1)
        }
    }

    @Test func manySimultaneousAcceptsOfOneLinkMakeExactlyOneAccount() async throws {
        try await withApp { app in
            // setup: more browsers than the pool has connections, each with the welcome page open
            try await app.createUser(.therapist, email: "t@example.org")
            let (_, page) = try await Self.invite(app)
            let link = try Self.linkPath(in: page)
            let token = String(link.dropFirst("/join?t=".count))
            var prepared: [(Browser, String)] = []
            for index in 0..<ConcurrencyTests.simultaneous {
                let browser = app.browser(address: "198.51.100.\(index + 1)")
                let welcome = try await browser.get(link)
                prepared.append((browser, try #require(Browser.csrfToken(in: welcome.bodyText))))
            }
            // act: all accept at once, each with its own email
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for (index, (browser, csrf)) in prepared.enumerated() {
                    group.addTask {
                        try await browser.post(SiteURL.joinAccept.path, form: [
                            "_csrf": csrf, "token": token, "name": "Person \(index)", "email": "p\(index)@example.org",
                            "password": Self.newPassword,
                        ]).status.code
                    }
                }
                var all: [Int] = []
                for try await status in group { all.append(status) }
                return all
            }
            // check: one account, everyone else a calm 410, no 500s
            #expect(statuses.filter { $0 == 303 }.count == 1)
            #expect(statuses.filter { $0 == 410 }.count == ConcurrencyTests.simultaneous - 1, "\(statuses.sorted())")
            let clients = try await app.services.database.sql.select().column("id").from("users").where("role", .equal, "client").all()
            #expect(clients.count == 1)
            #expect(try await app.auditTrail().filter { $0.action == "invitation.accept" }.count == 1)
            #expect(try await app.services.audit.verify().ok)
        }
    }

    @Test func anotherTherapistAClientAndAnAdminCannotSeeWithdrawOrRenewSomeoneElsesInvitation() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.therapist, email: "other@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            try await app.createUser(.admin, email: "admin@example.org")
            let (_, page) = try await Self.invite(app, label: "Private note 7731")
            let link = try Self.linkPath(in: page)
            let id = try #require(try await app.services.accountLinks.openInvitations(of: try await app.user("t@example.org")).first?.id)
            // act + check: the other therapist
            let other = try await app.signedIn("other@example.org")
            #expect(!(try await other.get(SiteURL.clientInvitations.path).bodyText.contains("Private note 7731")))
            #expect(try await other.submit(SiteURL.clientInvitationRevoke(id).path, fields: [:], formPage: SiteURL.clientInvitations.path).status == .notFound)
            #expect(try await other.submit(SiteURL.clientInvitationRenew(id).path, fields: [:], formPage: SiteURL.clientInvitations.path).status == .notFound)
            // a client and an admin
            for email in ["c@example.org", "admin@example.org"] {
                let browser = try await app.signedIn(email)
                #expect(try await browser.get(SiteURL.clientInvitations.path).status == .forbidden)
                #expect(try await browser.submit(SiteURL.clientInvitations.path, fields: ["label": "x"], formPage: SiteURL.account.path).status == .forbidden)
                #expect(try await browser.submit(SiteURL.clientInvitationRevoke(id).path, fields: [:], formPage: SiteURL.account.path).status == .forbidden)
                #expect(try await browser.submit(SiteURL.clientInvitationRenew(id).path, fields: [:], formPage: SiteURL.account.path).status == .forbidden)
            }
            // check: the invitation still works for the person it was meant for
            #expect(try await app.browser().get(link).status == .ok)
            #expect(try await app.count("account_links") == 1)
        }
    }

    @Test func everyInvitationPostNeedsTheFormToken() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let (therapist, page) = try await Self.invite(app)
            let link = try Self.linkPath(in: page)
            let token = String(link.dropFirst("/join?t=".count))
            let code = try Self.code(in: page)
            let id = try #require(try await app.services.accountLinks.openInvitations(of: try await app.user("t@example.org")).first?.id)
            // act + check: no token, nothing changes
            #expect(try await therapist.post(SiteURL.clientInvitations.path, form: ["label": "forged"]).status == .forbidden)
            #expect(try await therapist.post(SiteURL.clientInvitationRevoke(id).path, form: [:]).status == .forbidden)
            #expect(try await therapist.post(SiteURL.clientInvitationRenew(id).path, form: [:]).status == .forbidden)
            let stranger = app.browser(address: "203.0.113.99")
            _ = try await stranger.get(link)
            #expect(try await stranger.post(SiteURL.join.path, form: ["code": code]).status == .forbidden)
            #expect(try await stranger.post(SiteURL.joinAccept.path, form: [
                "token": token, "name": "Forged", "email": "forged@example.org", "password": Self.newPassword,
            ]).status == .forbidden)
            #expect(try await app.count("account_links") == 1)
            #expect(try await app.count("users") == 1)
            #expect(try await app.browser().get(link).status == .ok)
        }
    }

    @Test func aWeakPasswordOrTakenEmailComesBackWithWhatWasTyped() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let (_, page) = try await Self.invite(app)
            let link = try Self.linkPath(in: page)
            let browser = app.browser()
            let welcome = try await browser.get(link)
            let token = try #require(Browser.inputValue("token", in: welcome.bodyText))
            // act
            let weak = try await browser.submit(SiteURL.joinAccept.path, fields: ["token": token, "name": "Kim", "email": "kim@example.org", "password": "short"], formPage: link)
            let taken = try await browser.submit(SiteURL.joinAccept.path, fields: ["token": token, "name": "Kim", "email": "t@example.org", "password": Self.newPassword], formPage: link)
            let bidi = try await browser.submit(SiteURL.joinAccept.path, fields: ["token": token, "name": "Kim\u{202E}gnp", "email": "kim@example.org", "password": Self.newPassword], formPage: link)
            // check: 422, what was typed kept (never the password), the link still open
            for response in [weak, taken, bidi] {
                #expect(response.status == .unprocessableContent)
                #expect(response.bodyText.contains("Kim"))
                #expect(!response.bodyText.contains(Self.newPassword))
            }
            #expect(try await app.count("users") == 1)
            #expect(try await app.browser().get(link).status == .ok)
        }
    }

    @Test func typedNamesAreShownAsTextOnEveryInvitationPage() async throws {
        try await withApp { app in
            // setup
            let script = OutputEncodingTests.script
            try await app.createUser(.therapist, email: "t@example.org", name: script)
            let (therapist, page) = try await Self.invite(app, label: script)
            let link = try Self.linkPath(in: page)
            // act
            #expect(!page.contains("<script>alert"))
            let pages = [try await therapist.get(SiteURL.clientInvitations.path).bodyText, try await app.browser().get(link).bodyText]
            // check
            for html in pages {
                #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(!html.contains("<script>alert"))
            }
            let code = try Self.code(in: page)
            let byCode = try await app.browser(address: "203.0.113.70").submit(SiteURL.join.path, fields: ["code": "\"><script>alert(1)</script>"])
            #expect(!byCode.bodyText.contains("<script>alert"))
            let welcome = try await app.browser(address: "203.0.113.71").submit(SiteURL.join.path, fields: ["code": code])
            #expect(!welcome.bodyText.contains("<script>alert"))
        }
    }

    @Test func theAPIMakesListsWithdrawsAndRenewsATherapistsOwnInvitationsOnly() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.therapist, email: "other@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let token = try await app.apiToken("t@example.org")
            let otherToken = try await app.apiToken("other@example.org")
            let clientToken = try await app.apiToken("c@example.org")
            // act: make one
            let made = try await ConcurrencyTests.call(app, .post, "/api/v1/invitations", token: token, json: #"{"label":"API person"}"#)
            #expect(made.status == .created)
            struct Invitation: Decodable { var id: String; var label: String; var link: String?; var code: String?; var expired: Bool }
            let invitation = try JSONDecoder().decode(Invitation.self, from: Data(buffer: made.body))
            let link = try #require(invitation.link)
            #expect(link.contains("/join?t="))
            #expect(invitation.code?.count == 9)
            // check: strict bodies, roles, ownership
            #expect(try await ConcurrencyTests.call(app, .post, "/api/v1/invitations", token: token, json: #"{"label":"x","therapistId":"y"}"#).status == .badRequest)
            #expect(try await ConcurrencyTests.call(app, .post, "/api/v1/invitations", token: clientToken, json: "{}").status == .forbidden)
            #expect(try await ConcurrencyTests.call(app, .get, "/api/v1/invitations", token: clientToken).status == .forbidden)
            #expect(try await ConcurrencyTests.call(app, .get, "/api/v1/invitations").status == .unauthorized)
            let otherList = try await ConcurrencyTests.call(app, .get, "/api/v1/invitations", token: otherToken)
            #expect(!otherList.bodyText.contains("API person"))
            #expect(try await ConcurrencyTests.call(app, .post, "/api/v1/invitations/\(invitation.id)/revoke", token: otherToken).status == .notFound)
            #expect(try await ConcurrencyTests.call(app, .post, "/api/v1/invitations/\(invitation.id)/renew", token: otherToken).status == .notFound)
            // act: list, renew, withdraw
            let list = try await ConcurrencyTests.call(app, .get, "/api/v1/invitations", token: token)
            #expect(list.bodyText.contains("API person"))
            #expect(!list.bodyText.contains("\"link\""))
            let renewed = try await ConcurrencyTests.call(app, .post, "/api/v1/invitations/\(invitation.id)/renew", token: token)
            #expect(renewed.status == .ok)
            let renewedLink = try #require(try JSONDecoder().decode(Invitation.self, from: Data(buffer: renewed.body)).link)
            #expect(renewedLink != link)
            #expect(try await ConcurrencyTests.call(app, .post, "/api/v1/invitations/\(invitation.id)/revoke", token: token).status == .noContent)
            let path = String(renewedLink[try #require(renewedLink.range(of: "/join?t=")).lowerBound...])
            #expect(try await app.browser().get(path).status == .gone)
            #expect(try await ConcurrencyTests.call(app, .post, "/api/v1/invitations/\(invitation.id)/revoke", token: token).status == .notFound)
        }
    }

    @Test func aBurstOfInvitationsMadeAtOnceAreAllKeptAndAudited() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let token = try await app.apiToken("t@example.org")
            // act: more at once than storage has connections
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<ConcurrencyTests.simultaneous {
                    group.addTask {
                        try await ConcurrencyTests.call(app, .post, "/api/v1/invitations", token: token, json: #"{"label":"burst \#(index)"}"#).status.code
                    }
                }
                var all: [Int] = []
                for try await status in group { all.append(status) }
                return all
            }
            // check
            #expect(statuses.allSatisfy { $0 == 201 }, "\(statuses.sorted())")
            #expect(try await app.count("account_links") == ConcurrencyTests.simultaneous)
            #expect(try await app.auditTrail().filter { $0.action == "invitation.create" }.count == ConcurrencyTests.simultaneous)
        }
    }

    @Test func aSignedInPersonOrADisabledTherapistsInvitationMakesNoAccount() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            let therapistUser = try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let (_, page) = try await Self.invite(app)
            let link = try Self.linkPath(in: page)
            // act + check: someone already signed in is asked to sign out first
            let signedIn = try await app.signedIn("c@example.org")
            let opened = try await signedIn.get(link)
            #expect(opened.status == .ok)
            #expect(opened.bodyText.contains("please sign out first"))
            // act + check: once the therapist's account is disabled, the invitation no longer stands
            try await app.services.accounts.setDisabled(true, user: therapistUser, actor: nil)
            #expect(try await app.browser().get(link).status == .gone)
            let accepted = try await app.browser().submit(SiteURL.joinAccept.path, fields: [
                "token": String(link.dropFirst("/join?t=".count)), "name": "Late", "email": "late@example.org", "password": Self.newPassword,
            ], formPage: SiteURL.join.path)
            #expect(accepted.status == .gone)
            #expect(try await app.services.accounts.find(email: "late@example.org") == nil)
        }
    }
}
