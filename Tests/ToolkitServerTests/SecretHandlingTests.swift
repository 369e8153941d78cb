import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Checklist 19: tokens travel only in bodies and headers meant for them, are stored only as
/// hashes, and never reach URLs or logs.
@Suite struct SecretHandlingTests {
    @Test func theAPITokenComesOnlyInTheBodyAndIsStoredHashed() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            // act
            let response = try await app.client.executeRequest(
                uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(bytes: try JSONEncoder().encode(["email": "c@example.org", "password": TestApp.password])))
            struct Issued: Decodable { var token: String; var expiresAt: String }
            let token = try JSONDecoder().decode(Issued.self, from: Data(buffer: response.body)).token
            // check
            #expect(response.status == .created)
            #expect(token.count >= 43)
            for field in response.headers { #expect(!field.value.contains(token), "token in \(field.name)") }
            #expect(response.headers[.setCookie] == nil)
            let stored = try await app.services.database.sql.select().column("token_hash").from("api_tokens")
                .all(decodingColumn: "token_hash", as: String.self)
            #expect(stored.count == 1)
            #expect(!stored.contains(token))
            #expect(stored.allSatisfy { !$0.contains(token) })
            if app.usesSQLite { #expect(try app.rawDatabaseBytes().range(of: Data(token.utf8)) == nil) }
        }
    }

    @Test func sessionsAreStoredAsHashesOfTheCookie() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let tokens = [
                try #require(app.sessionToken(of: try await app.signedIn("t@example.org"))),
                try #require(app.sessionToken(of: try await app.signedIn("t@example.org", address: "192.0.2.2"))),
            ]
            // check
            struct Row: Decodable { var idHash: String; var csrfToken: String; var userId: String }
            let rows = try await app.services.database.sql.select().column("*").from("sessions")
                .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            #expect(rows.count == 2)
            for token in tokens {
                for row in rows { #expect(row.idHash != token && row.csrfToken != token && row.userId != token) }
                if app.usesSQLite { #expect(try app.rawDatabaseBytes().range(of: Data(token.utf8)) == nil) }
            }
        }
    }

    @Test func noTokenPasswordOrQueryReachesTheLog() async throws {
        let logs = LogCapture()
        try await withApp(configure: { $0.logRequests = true }, logs: logs) { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            // act: sign in, use an API token, fail a sign-in, and ask for a page with a query string
            let browser = try await app.signedIn("c@example.org")
            let session = try #require(app.sessionToken(of: browser))
            _ = try await browser.get(SiteURL.account.path + "?q=my-private-search-words")
            let token = try await app.apiToken("c@example.org")
            _ = try await app.client.executeRequest(uri: "/api/v1/me", method: .get, headers: .bearer(token), body: nil)
            _ = try await app.browser().submit(SiteURL.login.path, fields: ["email": "c@example.org", "password": "a mistyped secret"])
            // a calendar feed's secret address, fetched as a phone's calendar does
            let feedPage = try await RemindersTests.save(browser, time: "19:00", days: [1])
            let feedPath = try RemindersTests.feedPath(in: feedPage.bodyText)
            #expect(try await app.browser().get(feedPath).status == .ok)
            let feedSecret = String(feedPath.dropFirst("/calendar/".count).dropLast(".ics".count))
            // check
            let text = logs.text
            #expect(text.contains("/api/v1/me"), "the request log ran")
            #expect(text.contains("/calendar/[secret]"), "the feed's request was logged without its address")
            for secret in [session, token, TestApp.password, "a mistyped secret", "my-private-search-words", feedSecret] {
                #expect(!text.contains(secret), "the log holds \(secret)")
            }
        }
    }

    @Test func aSignInFormNeverPutsCredentialsInTheURL() async throws {
        try await withApp { app in
            let page = try await app.browser().get(SiteURL.login.path)
            #expect(page.bodyText.contains("method=\"post\" action=\"/login\""))
            // Credentials in a query string are not accepted as a sign-in.
            let viaQuery = try await app.browser().get(SiteURL.login.path + "?email=t@example.org&password=x")
            #expect(viaQuery.headers[.setCookie]?.contains("toolkit_session") != true)
        }
    }
}
