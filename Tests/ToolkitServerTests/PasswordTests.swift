import Foundation
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Checklist 6 through the app: the policy applies everywhere a password is set, and bcrypt runs
/// at cost 12 or more outside tests.
@Suite struct PasswordTests {
    static let passphrase = "the quiet harbour keeps its lamps lit through winter storms."

    @Test func theDefaultCostIsAtLeastTwelveAndHashesUseIt() async throws {
        // setup
        let configuration = AppConfiguration(dataDirectory: FileManager.default.temporaryDirectory)
        #expect(configuration.passwordHashCost >= 12)
        // act
        let hash = try await PasswordHasher(cost: configuration.passwordHashCost).hash(Self.passphrase)
        // check
        #expect(hash.hasPrefix("$2b$12$"))
        #expect(try await PasswordHasher(cost: configuration.passwordHashCost).verify(Self.passphrase, against: hash))
        #expect(PasswordHasher.decoyHash.hasPrefix("$2b$12$"))
    }

    @Test(arguments: [
        ("short1!", "at least 8 characters"),
        (String(repeating: "a", count: 73), "under 72 bytes"),
        (String(repeating: "🙂", count: 19), "under 72 bytes"),
        ("password123", "most common"),
    ])
    func theAdminFormRefusesWeakPasswordsWithAReason(_ password: String, _ reason: String) async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            let admin = try await app.signedIn("admin@example.org")
            // act
            let response = try await admin.submit(SiteURL.adminUsers.path, fields: [
                "role": "therapist", "name": "Tess", "email": "t@example.org", "password": password,
            ])
            // check
            #expect(response.status == .unprocessableContent)
            #expect(response.bodyText.contains(reason))
            #expect(try await app.services.accounts.find(email: "t@example.org") == nil)
        }
    }

    @Test func aLongPassphraseWorksEndToEnd() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            let admin = try await app.signedIn("admin@example.org")
            // act
            let response = try await admin.submit(SiteURL.adminUsers.path, fields: [
                "role": "therapist", "name": "Tess", "email": "t@example.org", "password": Self.passphrase,
            ])
            // check
            #expect(response.status == .seeOther)
            #expect(try await app.signedIn("t@example.org", password: Self.passphrase).get(SiteURL.account.path).status == .ok)
        }
    }

    @Test func aPasswordIsNeverTruncatedSilently() async throws {
        try await withApp { app in
            // setup: 72 bytes are accepted in full
            let exact = String(repeating: "ab", count: 36)
            try await app.createUser(.therapist, email: "t@example.org", password: exact)
            let browser = try await app.signedIn("t@example.org", password: exact)
            // act: a 73rd byte would be ignored by bcrypt, so the change is refused instead
            let change = try await browser.submit(SiteURL.accountPassword.path, fields: [
                "currentPassword": exact, "newPassword": exact + "X", "confirmPassword": exact + "X",
            ], formPage: SiteURL.account.path)
            // check
            #expect(change.status == .unprocessableContent)
            #expect(try await app.signedIn("t@example.org", password: exact).get(SiteURL.account.path).status == .ok)
            #expect(try await app.services.accounts.authenticate(email: "t@example.org", password: exact + "X") == nil)
        }
    }

    @Test func changingThePasswordNeedsTheCurrentOne() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            let other = try await app.signedIn("t@example.org", address: "192.0.2.50")
            // act
            let wrong = try await browser.submit(SiteURL.accountPassword.path, fields: [
                "currentPassword": "not my password", "newPassword": "a brand new passphrase", "confirmPassword": "a brand new passphrase",
            ], formPage: SiteURL.account.path)
            let mismatched = try await browser.submit(SiteURL.accountPassword.path, fields: [
                "currentPassword": TestApp.password, "newPassword": "a brand new passphrase", "confirmPassword": "a different passphrase",
            ], formPage: SiteURL.account.path)
            // check
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.bodyText.contains("current password wasn't right"))
            #expect(mismatched.status == .unprocessableContent)
            #expect(try await app.services.accounts.authenticate(email: "t@example.org", password: TestApp.password) != nil)
            #expect(try await app.services.accounts.authenticate(email: "t@example.org", password: "a brand new passphrase") == nil)
            // Nobody was signed out by the refused attempts.
            #expect(try await other.get(SiteURL.account.path).status == .ok)
        }
    }

    @Test func theAccountPageRefusesAWeakNewPasswordAndKeepsTheOldOne() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            for weak in ["iloveyou1", "short"] {
                // act
                let change = try await browser.submit(SiteURL.accountPassword.path, fields: [
                    "currentPassword": TestApp.password, "newPassword": weak, "confirmPassword": weak,
                ], formPage: SiteURL.account.path)
                // check
                #expect(change.status == .unprocessableContent)
                #expect(try await app.services.accounts.authenticate(email: "t@example.org", password: weak) == nil)
            }
            #expect(try await app.services.accounts.authenticate(email: "t@example.org", password: TestApp.password) != nil)
        }
    }
}
