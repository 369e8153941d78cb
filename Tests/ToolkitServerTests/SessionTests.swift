import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Checklist 9: fresh random session ids, strict cookie flags, server-side expiry, and every way a
/// session should end (sign-out, password change, disable) ending it on the server.
@Suite struct SessionTests {
    static func sessionSetCookie(_ response: TestResponse, name: String) -> String? {
        response.headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }

    @Test func signingInIssuesANewSessionIdEveryTime() async throws {
        try await withApp { app in
            // setup: a planted cookie, as in session fixation, and an earlier session
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = app.browser()
            browser.setCookie(app.services.cookies.sessionName, "planted-by-someone-else")
            // act
            _ = try await browser.submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": TestApp.password])
            let first = try #require(app.sessionToken(of: browser))
            _ = try await browser.submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": TestApp.password],
                                         formPage: "/")
            let second = try #require(app.sessionToken(of: browser))
            // check
            #expect(first != "planted-by-someone-else")
            #expect(second != first)
            #expect(try await browser.get(SiteURL.account.path).status == .ok)
            // Signing in again ended the earlier session.
            let replay = app.browser()
            replay.setCookie(app.services.cookies.sessionName, first)
            #expect(try await replay.get(SiteURL.account.path).status == .unauthorized)
        }
    }

    @Test func sessionIdsAreLongRandomBase64URL() async throws {
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            var seen = Set<String>()
            for _ in 0..<3 {
                let token = try #require(app.sessionToken(of: try await app.signedIn("t@example.org")))
                // 43 base64url characters carry 256 bits; 128 bits is the floor.
                #expect(token.count >= 43)
                #expect(token.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
                seen.insert(token)
            }
            #expect(seen.count == 3)
        }
    }

    @Test func theCookieIsHttpOnlyLaxAndSiteWide() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            // act
            let response = try await app.browser().submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": TestApp.password])
            // check
            let cookie = try #require(Self.sessionSetCookie(response, name: "toolkit_session"))
            let attributes = Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            #expect(attributes.contains("httponly"))
            #expect(attributes.contains("samesite=lax") || attributes.contains("samesite=strict"))
            #expect(attributes.contains("path=/"))
            #expect(!attributes.contains { $0.hasPrefix("domain=") })
            #expect(!attributes.contains("secure"), "without TLS a Secure cookie would never come back")
        }
    }

    @Test func overTLSTheCookieIsSecureWithTheHostPrefix() async throws {
        try await withApp(configure: { $0.publicURL = URL(string: "https://toolkit.example.org") }) { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = app.browser(origin: "https://toolkit.example.org")
            // act
            let response = try await browser.submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": TestApp.password])
            // check
            #expect(response.status == .seeOther)
            #expect(Self.sessionSetCookie(response, name: "toolkit_session") == nil)
            let cookie = try #require(Self.sessionSetCookie(response, name: "__Host-toolkit_session"))
            let attributes = Set(cookie.split(separator: ";").dropFirst().map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
            #expect(attributes.contains("secure"))
            #expect(attributes.contains("httponly"))
            #expect(attributes.contains("path=/"))
            #expect(!attributes.contains { $0.hasPrefix("domain=") })
            #expect(try await browser.get(SiteURL.account.path).status == .ok)
        }
    }

    @Test func anIdleSessionEndsOnTheServer() async throws {
        let clock = TestClock()
        try await withApp(configure: { $0.sessionIdleTimeout = 30 * 60; $0.clock = clock.now }) { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            clock.advance(by: 29 * 60)
            #expect(try await browser.get(SiteURL.account.path).status == .ok)
            // act: the session was last used 29 minutes ago (touches count once a minute at most)
            clock.advance(by: 31 * 60)
            // check
            #expect(try await browser.get(SiteURL.account.path).status == .unauthorized)
            #expect(try await app.count("sessions") == 0)
        }
    }

    @Test func aSessionEndsAtItsAbsoluteLifetimeEvenWhenBusy() async throws {
        let clock = TestClock()
        try await withApp(configure: { $0.sessionIdleTimeout = 30 * 60; $0.sessionAbsoluteLifetime = 12 * 3600; $0.clock = clock.now }) { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            // act: use it every 20 minutes for almost 12 hours
            for _ in 0..<35 {
                clock.advance(by: 20 * 60)
                #expect(try await browser.get(SiteURL.account.path).status == .ok)
            }
            clock.advance(by: 20 * 60)
            // check: still busy, but past the absolute lifetime
            #expect(try await browser.get(SiteURL.account.path).status == .unauthorized)
            #expect(try await app.count("sessions") == 0)
        }
    }

    @Test func theDefaultsAreThirtyMinutesIdleAndTwelveHoursInAll() {
        let configuration = AppConfiguration(dataDirectory: FileManager.default.temporaryDirectory)
        #expect(configuration.sessionIdleTimeout == 30 * 60)
        #expect(configuration.sessionAbsoluteLifetime == 12 * 60 * 60)
    }

    @Test func signingOutEndsTheSessionOnTheServer() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            let token = try #require(app.sessionToken(of: browser))
            // act
            let out = try await browser.submit(SiteURL.logout.path, fields: [:], formPage: "/")
            // check
            #expect(out.status == .seeOther)
            #expect(app.sessionToken(of: browser) == nil)
            let replay = app.browser()
            replay.setCookie(app.services.cookies.sessionName, token)
            #expect(try await replay.get(SiteURL.account.path).status == .unauthorized)
            #expect(try await app.count("sessions") == 0)
        }
    }

    @Test func changingThePasswordEndsEveryOtherSessionAndToken() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let here = try await app.signedIn("c@example.org")
            let elsewhere = try await app.signedIn("c@example.org", address: "192.0.2.99")
            let token = try await app.apiToken("c@example.org")
            // act
            let change = try await here.submit(SiteURL.accountPassword.path, fields: [
                "currentPassword": TestApp.password, "newPassword": "a brand new passphrase", "confirmPassword": "a brand new passphrase",
            ], formPage: SiteURL.account.path)
            // check
            #expect(change.status == .seeOther)
            #expect(try await elsewhere.get(SiteURL.account.path).status == .unauthorized)
            let me = try await app.client.executeRequest(uri: "/api/v1/me", method: .get, headers: .bearer(token), body: nil)
            #expect(me.status == .unauthorized)
            #expect(try await here.get(SiteURL.account.path).status == .ok)
            #expect(try await app.count("sessions") == 1)
        }
    }

    @Test func signingOutEverywhereEndsEverySessionAndToken() async throws {
        try await withApp { app in
            // setup: the same person in two browsers and an app with a token
            try await app.createUser(.therapist, email: "t@example.org")
            let client = try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let here = try await app.signedIn("c@example.org")
            let elsewhere = try await app.signedIn("c@example.org", address: "192.0.2.99")
            let token = try await app.apiToken("c@example.org")
            let account = try await here.get(SiteURL.account.path)
            #expect(account.bodyText.contains("action=\"\(SiteURL.accountSignOutEverywhere.path)\""))
            // act
            let response = try await here.submit(SiteURL.accountSignOutEverywhere.path, fields: [:], formPage: SiteURL.account.path)
            // check: to the sign-in page with the cookie cleared, and nothing of the account still signed in
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == SiteURL.login.path + "?signed-out=1")
            #expect(app.sessionToken(of: here) == nil)
            #expect(try await elsewhere.get(SiteURL.account.path).status == .unauthorized)
            let me = try await app.client.executeRequest(uri: "/api/v1/me", method: .get, headers: .bearer(token), body: nil)
            #expect(me.status == .unauthorized)
            #expect(try await app.count("sessions") == 0)
            let event = try #require(try await app.auditTrail().last)
            #expect(event.action == "logout.everywhere")
            #expect(event.actorId == client.id && event.subjectUserId == client.id)
            #expect(try await app.services.audit.verify().ok)
        }
    }

    @Test func signingOutEverywhereNeedsTheFormToken() async throws {
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            let forged = try await browser.post(SiteURL.accountSignOutEverywhere.path, form: [:])
            #expect(forged.status == .forbidden)
            #expect(try await browser.get(SiteURL.account.path).status == .ok)
        }
    }

    @Test func disablingAnAccountEndsItsSessionsAndTokens() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            try await app.createUser(.therapist, email: "t@example.org")
            let client = try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let browser = try await app.signedIn("c@example.org")
            let token = try await app.apiToken("c@example.org")
            let admin = try await app.signedIn("admin@example.org")
            // act
            let disable = try await admin.submit(SiteURL.adminUserDisable(client.id).path, fields: [:], formPage: SiteURL.adminUsers.path)
            // check
            #expect(disable.status == .seeOther)
            #expect(try await browser.get(SiteURL.account.path).status == .unauthorized)
            let me = try await app.client.executeRequest(uri: "/api/v1/me", method: .get, headers: .bearer(token), body: nil)
            #expect(me.status == .unauthorized)
            let again = try await app.browser().submit(SiteURL.login.path, fields: ["email": "c@example.org", "password": TestApp.password])
            #expect(again.status == .unauthorized)
        }
    }

    @Test func aSessionInUseIsReadOnceAndStillEndsOnTheNextRequestHoweverItIsEnded() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            let other = try await app.signedIn("t@example.org", address: "198.51.100.77")
            let token = try #require(app.sessionToken(of: browser))
            #expect(try await browser.get(SiteURL.account.path).status == .ok)
            #expect(try await other.get(SiteURL.account.path).status == .ok)
            let kept = app.services.signedInSessions.count
            // act: ended in the database by a store, not by this browser's sign-out request
            try await app.services.sessions.end(idHash: Randomness.sha256Hex(token))
            // check
            #expect(try await browser.get(SiteURL.account.path).status == .unauthorized)
            #expect(try await other.get(SiteURL.account.path).status == .ok)
            #expect(kept == 2)
        }
    }

    @Test func aKeptSessionIsTouchedWhenDueAndEndsWhenIdleOrPastItsLifetime() async throws {
        let clock = TestClock()
        try await withApp(configure: { $0.sessionIdleTimeout = 30 * 60; $0.sessionAbsoluteLifetime = 3600; $0.clock = clock.now }) { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            let idHash = Randomness.sha256Hex(try #require(app.sessionToken(of: browser)))
            func lastSeen() async throws -> Int64 {
                try #require(try await app.services.database.sql.select().column("last_seen_at").from("sessions")
                    .where("id_hash", .equal, idHash).first(decoding: [String: Int64].self)?["last_seen_at"])
            }
            #expect(try await browser.get(SiteURL.account.path).status == .ok)
            // act
            clock.advance(by: 59)
            let withinAMinute = try await browser.get(SiteURL.account.path).status
            let notYetTouched = try await lastSeen()
            clock.advance(by: 2)
            let afterAMinute = try await browser.get(SiteURL.account.path).status
            let touched = try await lastSeen()
            clock.advance(by: 3600)
            let pastLifetime = try await browser.get(SiteURL.account.path).status
            // check
            #expect([withinAMinute, afterAMinute] == [.ok, .ok])
            #expect(touched - notYetTouched == 61)
            #expect(pastLifetime == .unauthorized)
        }
    }

    @Test func touchingASessionLeavesKeptPagesKept() async throws {
        try await withApp { app in
            // setup: a session last seen two minutes ago, due a touch
            let user = try await app.createUser(.therapist, email: "t@example.org")
            let (token, _) = try await app.services.sessions.start(userID: user.id, secondFactorPending: false)
            let idHash = Randomness.sha256Hex(token)
            let twoMinutesAgo = Int64(Date().timeIntervalSince1970) - 120
            try await app.services.database.sql.update("sessions").set("last_seen_at", to: twoMinutesAgo)
                .where("id_hash", .equal, idHash).run()
            let before = try #require(await app.services.database.contentGeneration())
            // act
            let found = try await app.services.sessions.find(token: token)
            // check: touched, and the content generation where it was
            struct Seen: Decodable { var lastSeenAt: Int64 }
            let stored = try await app.services.database.sql.select().column("last_seen_at").from("sessions")
                .where("id_hash", .equal, idHash).first(decoding: Seen.self, keyDecodingStrategy: .convertFromSnakeCase)
            #expect(found != nil)
            #expect((stored?.lastSeenAt ?? 0) > twoMinutesAgo)
            #expect(await app.services.database.contentGeneration() == before)
        }
    }
}
