import Foundation
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Checklist 13: whatever someone types is shown as text, never run as markup.
@Suite struct OutputEncodingTests {
    static let script = "<script>alert(1)</script>"

    @Test func aScriptInANameIsShownEscapedOnEveryPageThatShowsIt() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            try await app.createUser(.therapist, email: "t@example.org")
            let admin = try await app.signedIn("admin@example.org")
            let created = try await admin.submit(SiteURL.adminUsers.path, fields: [
                "role": "client", "name": Self.script, "email": "c@example.org", "password": "a long enough passphrase",
                "therapistEmail": "t@example.org",
            ])
            #expect(created.status == .seeOther)
            // act
            let pages = [
                try await admin.get(SiteURL.adminUsers.path),
                try await app.signedIn("t@example.org").get(SiteURL.clients.path),
                try await app.signedIn("c@example.org", password: "a long enough passphrase").get(SiteURL.account.path),
                try await app.signedIn("c@example.org", password: "a long enough passphrase").get("/"),
            ]
            // check
            for page in pages {
                #expect(page.status == .ok)
                #expect(page.bodyText.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(!page.bodyText.contains("<script>alert"))
            }
        }
    }

    @Test func markupTypedIntoARejectedFormComesBackInert() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            let admin = try await app.signedIn("admin@example.org")
            let payload = "\"><script>alert(1)</script>"
            // act
            let response = try await admin.submit(SiteURL.adminUsers.path, fields: [
                "role": "therapist", "name": payload, "email": payload, "password": "a long enough passphrase",
            ])
            // check
            #expect(response.status == .unprocessableContent)
            #expect(!response.bodyText.contains("<script>alert"))
        }
    }

    @Test func quotesInAStoredValueCannotBreakOutOfAnAttribute() async throws {
        try await withApp { app in
            // setup: an address with quotes is plausible to the email check, and the admin form puts
            // the only therapist's address into an input's value
            try await app.createUser(.admin, email: "admin@example.org")
            try await app.createUser(.therapist, email: "x\"autofocus/onfocus=\"alert(1)@example.org")
            // act
            let page = try await app.signedIn("admin@example.org").get(SiteURL.adminUsers.path)
            // check
            #expect(page.status == .ok)
            #expect(!page.bodyText.contains("value=\"x\"autofocus"))
        }
    }

    @Test func aSearchQueryInALinkCannotAddMarkup() async throws {
        try await withApp { app in
            // A link someone is sent: CSP stops inline script, but not a meta refresh to another site.
            let payload = "\"><meta http-equiv=refresh content=0;url=https://evil.example>"
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            let response = try await app.browser().get(SiteURL.library.path + "?q=" + payload.addingPercentEncoding(withAllowedCharacters: allowed)!)
            #expect(response.status == .ok)
            #expect(!response.bodyText.contains("<meta http-equiv=refresh"))
        }
    }

    @Test func aFailedSignInEchoesTheEmailSafely() async throws {
        try await withApp { app in
            let payload = "\"><img src=x onerror=alert(1)>"
            let response = try await app.browser().submit(SiteURL.login.path, fields: ["email": payload, "password": "wrong password"])
            #expect(response.status == .unauthorized)
            #expect(!response.bodyText.contains("<img src=x"))
        }
    }

    @Test func aNameInThePageTitleCannotAddMetaTags() async throws {
        try await withApp { app in
            // setup: a client whose name is markup shares a plan; the therapist's page is titled with the name
            let payload = "Eve\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">"
            try await app.createUser(.therapist, email: "t@example.org")
            let client = try await app.createUser(.client, email: "c@example.org", name: payload, therapist: "t@example.org")
            var plan = SafetyPlan()
            plan.warningSigns = ["I stop replying to messages"]
            _ = try await app.services.safetyPlans.save(plan, for: client, address: nil)
            _ = try await app.services.safetyPlans.setShared(true, for: client, address: nil)
            // act
            let page = try await app.signedIn("t@example.org").get(SiteURL.clientSafetyPlan(client.id).path)
            // check: the name is text in the title and the heading, and adds no element
            #expect(page.status == .ok)
            #expect(!page.bodyText.contains("<meta http-equiv"))
            #expect(page.bodyText.contains("<title>Eve\"&gt;&lt;meta http-equiv"))
            #expect(!page.bodyText.contains("og:title") && !page.bodyText.contains("twitter:title"))
        }
    }

    @Test func aCheckInIdFromTheAddressIsNeverWrittenIntoThePage() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let client = try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let browser = try await app.signedIn("c@example.org")
            // act: an id that is no check-in at all, carrying markup
            let response = try await browser.get(SiteURL.struggling.path + "/x\"><script>")
            // check
            #expect(response.status == .notFound)
            #expect(!response.bodyText.contains("\"><script>"))
            // and the form action is escaped whatever the id holds
            let html = StrugglingViews.flow(user: client, csrfToken: "token", flow: .init(
                checkInID: "x\"><script>alert(1)</script>", response: .gentle, grounding: nil, breakItem: nil, plan: nil, lines: []))
            #expect(!html.contains("<script>alert"))
            #expect(html.contains("action=\"/struggling/x&quot;&gt;&lt;script&gt;"))
        }
    }

    @Test func aPostedSecondFactorSecretComesBackInert() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            // act
            let response = try await browser.submit(SiteURL.accountSecondFactor.path, fields: [
                "secret": "\"><script>alert(1)</script>", "code": "000000", "currentPassword": TestApp.password,
            ], formPage: SiteURL.accountSecondFactor.path)
            // check: refused, and the page offers a real secret instead of echoing the markup
            #expect(response.status == .unprocessableContent)
            #expect(!response.bodyText.contains("\"><script>"))
            let offered = try #require(Browser.inputValue("secret", in: response.bodyText))
            #expect(SecondFactor.isPlausibleSecret(offered))
        }
    }
}
