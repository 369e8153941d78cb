import Foundation
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

@Suite struct AuthenticationTests {
    @Test func signInStartsASessionAndSignOutEndsIt() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            // act
            let browser = try await app.signedIn("t@example.org")
            let home = try await browser.get("/")
            // check
            #expect(home.status == .ok)
            #expect(home.bodyText.contains("Hello, t"))
            let out = try await browser.submit(SiteURL.logout.path, fields: [:], formPage: "/")
            #expect(out.status == .seeOther)
            let account = try await browser.get(SiteURL.account.path)
            #expect(account.status == .unauthorized)
        }
    }
}
