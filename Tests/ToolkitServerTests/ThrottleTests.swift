import Foundation
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Checklist 7: repeated failures answer 429, the count lives in the database (so it survives a
/// restart and spans processes), and the real person elsewhere is not locked out.
@Suite struct ThrottleTests {
    static let attacker = "198.51.100.7"
    static let owner = "192.0.2.44"

    static func failFiveTimes(_ app: TestApp, email: String = "t@example.org", from address: String = attacker) async throws {
        let browser = app.browser(address: address)
        for attempt in 1...5 {
            let response = try await browser.submit(SiteURL.login.path, fields: ["email": email, "password": "wrong guess \(attempt)"],
                                                    formPage: SiteURL.login.path)
            #expect(response.status == .unauthorized, "attempt \(attempt)")
        }
    }

    @Test func fiveFailuresBlockEvenTheRightPasswordFromThatAddress() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await Self.failFiveTimes(app)
            // act
            let browser = app.browser(address: Self.attacker)
            let response = try await browser.submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": TestApp.password],
                                                    formPage: SiteURL.login.path)
            // check
            #expect(response.status == .tooManyRequests)
            #expect(response.bodyText.contains("Too many attempts"))
            #expect(app.sessionToken(of: browser) == nil)
            #expect(try await app.count("sessions") == 0)
        }
    }

    @Test func theAPITokenEndpointSharesTheSameLimit() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            try await Self.failFiveTimes(app, email: "c@example.org")
            // act
            let body = try JSONEncoder().encode(["email": "c@example.org", "password": TestApp.password])
            let response = try await app.client.executeRequest(
                uri: "/api/v1/auth/token", method: .post,
                headers: [.contentType: "application/json", .init("X-Forwarded-For")!: Self.attacker], body: .init(bytes: body))
            // check
            #expect(response.status == .tooManyRequests)
            #expect(!response.bodyText.contains("token\""))
        }
    }

    @Test func theRealPersonElsewhereStillSignsIn() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await Self.failFiveTimes(app)
            // act
            let browser = try await app.signedIn("t@example.org", address: Self.owner)
            // check
            #expect(try await browser.get(SiteURL.account.path).status == .ok)
        }
    }

    @Test func sprayingManyAccountsFromOneAddressIsBlockedToo() async throws {
        // A stopped clock: on a busy machine the guesses may be further apart than the first wait.
        let clock = TestClock()
        try await withApp(configure: { $0.loginFailuresPerAddress = 3; $0.clock = clock.now }) { app in
            // setup
            for name in ["a", "b", "c", "d"] { try await app.createUser(.therapist, email: "\(name)@example.org") }
            let browser = app.browser(address: Self.attacker)
            for name in ["a", "b", "c"] {
                _ = try await browser.submit(SiteURL.login.path, fields: ["email": "\(name)@example.org", "password": "wrong guess"],
                                             formPage: SiteURL.login.path)
            }
            // act
            let response = try await browser.submit(SiteURL.login.path, fields: ["email": "d@example.org", "password": TestApp.password],
                                                    formPage: SiteURL.login.path)
            // check
            #expect(response.status == .tooManyRequests)
            #expect(try await app.signedIn("d@example.org", address: Self.owner).get(SiteURL.account.path).status == .ok)
        }
    }

    @Test func theBlockSurvivesARestartAndHoldsInAnotherProcess() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await Self.failFiveTimes(app)
            let configuration = app.services.configuration
            // check: a throttle built afresh over the same database still sees the failures
            let fresh = LoginThrottle(database: app.services.database, perAccountAndAddress: configuration.loginFailuresPerAccountAndAddress,
                                      perAddress: configuration.loginFailuresPerAddress, window: configuration.loginThrottleWindow)
            #expect(try await fresh.isBlocked(email: "T@Example.org", address: Self.attacker))
            #expect(try await fresh.isBlocked(email: "t@example.org", address: Self.owner) == false)
            // check: a second server on the same storage, with its own connections, refuses too
            try await withAppOnExistingStorage(configuration) { other in
                let browser = other.browser(address: Self.attacker)
                let response = try await browser.submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": TestApp.password],
                                                        formPage: SiteURL.login.path)
                #expect(response.status == .tooManyRequests)
            }
        }
    }

    @Test func aSuccessfulSignInClearsEarlierFailures() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = app.browser(address: Self.owner)
            for _ in 0..<4 {
                _ = try await browser.submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": "typo"], formPage: SiteURL.login.path)
            }
            _ = try await app.signedIn("t@example.org", address: Self.owner)
            // act: four more typos later in the day are not yet a block
            for _ in 0..<4 {
                _ = try await browser.submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": "typo"], formPage: SiteURL.login.path)
            }
            // check
            #expect(try await app.signedIn("t@example.org", address: Self.owner).get(SiteURL.account.path).status == .ok)
        }
    }
}
