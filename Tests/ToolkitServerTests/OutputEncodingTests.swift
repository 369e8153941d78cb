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
}
