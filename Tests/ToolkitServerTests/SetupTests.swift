import Foundation
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Checklist 5: no default credentials; the first admin comes from a one-time, code-guarded page.
@Suite struct SetupTests {
    static let admin = ["name": "First Admin", "email": "first@example.org", "password": "a long enough passphrase"]

    @Test func aFreshInstallHasNoAccountsAtAll() async throws {
        try await withApp { app in
            let users = try await app.count("users")
            #expect(users == 0)
            #expect(try await app.services.accounts.adminExists() == false)
            #expect(try await app.services.setupCodeIfNeeded() == app.services.setupCode.value)
        }
    }

    @Test func aWrongSetupCodeCreatesNothing() async throws {
        try await withApp { app in
            // setup
            let browser = app.browser()
            // act
            let response = try await browser.submit(SiteURL.setup.path, fields: Self.admin.merging(["setupCode": "wrong-code"]) { $1 })
            // check
            #expect(response.status == .unprocessableContent)
            #expect(try await app.count("users") == 0)
            #expect(try await browser.get(SiteURL.setup.path).status == .ok)
        }
    }

    @Test func theRightCodeCreatesTheAdminAndThenThePageIsGone() async throws {
        try await withApp { app in
            // setup
            let browser = app.browser()
            let code = app.services.setupCode.value
            // act
            let created = try await browser.submit(SiteURL.setup.path, fields: Self.admin.merging(["setupCode": code]) { $1 })
            // check
            #expect(created.status == .seeOther)
            let admin = try await app.user("first@example.org")
            #expect(admin.userRole == .admin)
            #expect(try await app.services.setupCodeIfNeeded() == nil)
            #expect(try await browser.get(SiteURL.setup.path).status == .notFound)
            let again = try await browser.submit(SiteURL.setup.path, fields: Self.admin.merging(["setupCode": code, "email": "second@example.org"]) { $1 },
                                                 formPage: SiteURL.login.path)
            #expect(again.status == .notFound)
            #expect(try await app.count("users") == 1)
            #expect(try await app.signedIn("first@example.org", password: "a long enough passphrase").get(SiteURL.adminUsers.path).status == .ok)
        }
    }

    @Test func anAdminMadeAnyOtherWayAlsoClosesSetup() async throws {
        try await withApp { app in
            try await app.createUser(.admin, email: "cli@example.org")
            #expect(try await app.browser().get(SiteURL.setup.path).status == .notFound)
        }
    }

    @Test func guessingTheSetupCodeIsThrottled() async throws {
        try await withApp { app in
            // setup
            let browser = app.browser()
            for _ in 0..<5 {
                _ = try await browser.submit(SiteURL.setup.path, fields: Self.admin.merging(["setupCode": "guess"]) { $1 })
            }
            // act
            let right = try await browser.submit(SiteURL.setup.path,
                                                 fields: Self.admin.merging(["setupCode": app.services.setupCode.value]) { $1 })
            // check
            #expect(right.status == .tooManyRequests)
            #expect(try await app.count("users") == 0)
        }
    }
}
