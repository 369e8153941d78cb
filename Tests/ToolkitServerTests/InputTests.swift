import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Checklist 12 (parameterized SQL) and 14 (size limits, and forms that keep what was typed).
@Suite struct InputTests {
    @Test func anInjectionInTheEmailSignsNobodyIn() async throws {
        try await withApp { app in
            // setup: if the email were pasted into SQL, the OR would match this account and its password would work
            try await app.createUser(.therapist, email: "t@example.org")
            for email in ["x' OR '1'='1", "nobody@example.org' OR '1'='1' --", "t@example.org' --", "\"; DROP TABLE users; --"] {
                // act
                let browser = app.browser(address: "198.51.100.\(email.count)")
                let response = try await browser.submit(SiteURL.login.path, fields: ["email": email, "password": TestApp.password])
                // check
                #expect(response.status == .unauthorized, "\(email)")
                #expect(app.sessionToken(of: browser) == nil)
            }
            #expect(try await app.count("users") == 1)
        }
    }

    @Test func anInjectionInTheAPISignInFailsCleanly() async throws {
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let body = try JSONEncoder().encode(["email": "x' OR '1'='1", "password": TestApp.password])
            let response = try await app.client.executeRequest(uri: "/api/v1/auth/token", method: .post,
                                                               headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body))
            #expect(response.status == .unauthorized)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    @Test func quotesInANameRoundTripExactly() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            let admin = try await app.signedIn("admin@example.org")
            let name = "Siobhán O'Brien-\"Bobby\"); DROP TABLE users; --"
            // act
            let response = try await admin.submit(SiteURL.adminUsers.path, fields: [
                "role": "therapist", "name": name, "email": "o'brien@example.org", "password": "a long enough passphrase",
            ])
            // check
            #expect(response.status == .seeOther)
            let stored = try await app.user("o'brien@example.org")
            #expect(stored.name == name)
            #expect(try await app.count("users") == 2)
            #expect(try await app.signedIn("o'brien@example.org", password: "a long enough passphrase").get(SiteURL.account.path).status == .ok)
        }
    }

    @Test func rawSQLInterpolatesOnlyBindsAndIdentifiers() throws {
        // Queries go through SQLKit's builder or SQLQueryString with `bind:`; a bare `\(text)` or
        // `unsafeRaw:` in raw SQL would let text reach the query unescaped.
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" }
        #expect(files.count > 10)
        let safe = ["bind:", "binds:", "ident:", "idents:", "literal:", "literals:"]
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            for risky in ["unsafeRaw:", "SQLRaw(", "(raw:"] {
                #expect(!text.contains(risky), "\(file.lastPathComponent) uses \(risky)")
            }
            for line in text.split(separator: "\n") where line.contains(".raw(\"") {
                for piece in line.components(separatedBy: "\\(").dropFirst() {
                    #expect(safe.contains { piece.hasPrefix($0) }, "\(file.lastPathComponent): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
    }

    @Test func anOversizedBodyGets413WithASentence() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = try await app.signedIn("t@example.org")
            let token = try #require(Browser.csrfToken(in: try await browser.get(SiteURL.account.path).bodyText))
            let huge = String(repeating: "a", count: 300 * 1024)
            // act
            let response = try await browser.post(SiteURL.accountPassword.path, form: [
                "_csrf": token, "currentPassword": TestApp.password, "newPassword": huge, "confirmPassword": huge,
            ])
            // check
            #expect(response.status == .contentTooLarge)
            #expect(response.bodyText.contains("the limit is 256 KB"))
            #expect(response.bodyText.contains("Please shorten it and try again."))
            for leak in ["NIO", "Error", ".swift", "TooManyBytes"] { #expect(!response.bodyText.contains(leak)) }
            #expect(try await app.services.accounts.authenticate(email: "t@example.org", password: TestApp.password) != nil)
        }
    }

    @Test func theLimitIsTheConfiguredOne() async throws {
        try await withApp(configure: { $0.maxBodySize = 1024 }) { app in
            let browser = app.browser()
            let response = try await browser.submit(SiteURL.login.path, fields: ["email": String(repeating: "e", count: 2000), "password": "x"])
            #expect(response.status == .contentTooLarge)
        }
    }

    @Test func aRejectedFormKeepsWhatWasTyped() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            let admin = try await app.signedIn("admin@example.org")
            // act
            let response = try await admin.submit(SiteURL.adminUsers.path, fields: [
                "role": "therapist", "name": "Tessa Typed", "email": "not-an-email", "password": "a long enough passphrase",
            ])
            // check
            #expect(response.status == .unprocessableContent)
            #expect(response.bodyText.contains("Please enter an email address"))
            #expect(Browser.inputValue("name", in: response.bodyText) == "Tessa Typed")
            #expect(Browser.inputValue("email", in: response.bodyText) == "not-an-email")
            #expect(response.bodyText.contains("value=\"therapist\" selected"))
            // The password is never echoed back.
            #expect(!response.bodyText.contains("a long enough passphrase"))
        }
    }

    @Test func aFailedSignInKeepsTheEmailButNotThePassword() async throws {
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            let response = try await app.browser().submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": "wrong secret words"])
            #expect(response.status == .unauthorized)
            #expect(Browser.inputValue("email", in: response.bodyText) == "t@example.org")
            #expect(!response.bodyText.contains("wrong secret words"))
        }
    }

    @Test func anOverlongNameIsRefusedWithAReason() async throws {
        try await withApp { app in
            try await app.createUser(.admin, email: "admin@example.org")
            let admin = try await app.signedIn("admin@example.org")
            let response = try await admin.submit(SiteURL.adminUsers.path, fields: [
                "role": "therapist", "name": String(repeating: "n", count: 5000), "email": "t@example.org", "password": "a long enough passphrase",
            ])
            #expect(response.status == .unprocessableContent)
            #expect(response.bodyText.contains("Please keep the name under"))
            #expect(try await app.services.accounts.find(email: "t@example.org") == nil)
        }
    }

    @Test func aNameWithInvisibleOrControlCharactersIsRefusedAndKeptInTheForm() async throws {
        try await withApp { app in
            // setup: a right-to-left override that makes the list show "Eve Admin" for "Evenimda ..."
            try await app.createUser(.admin, email: "admin@example.org")
            let admin = try await app.signedIn("admin@example.org")
            let typed = "Eve \u{202E}nimdA"
            // act
            let response = try await admin.submit(SiteURL.adminUsers.path, fields: [
                "role": "therapist", "name": typed, "email": "t@example.org", "password": "a long enough passphrase",
            ])
            // check
            #expect(response.status == .unprocessableContent)
            #expect(response.bodyText.contains("the name contains an invisible or control character"))
            #expect(Browser.inputValue("name", in: response.bodyText) == typed)
            #expect(try await app.services.accounts.find(email: "t@example.org") == nil)
        }
    }

    /// Sends JSON to the API with a bearer token.
    static func put(_ app: TestApp, _ path: String, token: String, json: String) async throws -> TestResponse {
        var headers = HTTPFields.bearer(token)
        headers[.contentType] = "application/json"
        return try await app.client.executeRequest(uri: path, method: .put, headers: headers, body: ByteBuffer(string: json))
    }

    @Test func theAPIRefusesPropertiesItsDescriptionDoesNotList() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let token = try await app.apiToken("c@example.org")
            // act
            let plan = try await Self.put(app, "/api/v1/me/safety-plan", token: token, json: #"{"warningSigns":["a"],"shared":true}"#)
            let reflection = try await Self.put(app, "/api/v1/me/safety-plan", token: token, json: #"{"reflection":{"likelihood":5,"mood":2}}"#)
            let sharing = try await Self.put(app, "/api/v1/me/safety-plan/sharing", token: token, json: #"{"shared":true,"therapistId":"x"}"#)
            let signIn = try await app.client.executeRequest(
                uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: #"{"email":"c@example.org","password":"correct horse battery staple","role":"admin"}"#))
            // check: each is a 400 in the API's error shape, naming the stranger
            for (response, property) in [(plan, "\"shared\""), (reflection, "\"reflection.mood\""), (sharing, "\"therapistId\""), (signIn, "\"role\"")] {
                #expect(response.status == .badRequest, "\(property)")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let error = try JSONDecoder().decode([String: String].self, from: Data(buffer: response.body))["error"] ?? ""
                #expect(error.contains("\(property) is not a property this takes."), "\(error)")
            }
            #expect(try await app.count("safety_plans") == 0)
        }
    }

    @Test func theAPIRefusesNullWhereItsDescriptionAllowsNone() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let token = try await app.apiToken("c@example.org")
            // act
            let likelihood = try await Self.put(app, "/api/v1/me/safety-plan", token: token, json: #"{"reflection":{"likelihood":null}}"#)
            let step = try await Self.put(app, "/api/v1/me/safety-plan", token: token, json: #"{"warningSigns":null}"#)
            let sharing = try await Self.put(app, "/api/v1/me/safety-plan/sharing", token: token, json: #"{"shared":null}"#)
            // check
            #expect(likelihood.status == .badRequest)
            #expect(likelihood.bodyText.contains("reflection.likelihood"))
            #expect(step.status == .badRequest)
            #expect(step.bodyText.contains("warningSigns"))
            #expect(sharing.status == .badRequest)
            #expect(try await app.count("safety_plans") == 0)
            // Leaving the fields out is still fine.
            let partial = try await Self.put(app, "/api/v1/me/safety-plan", token: token, json: #"{"warningSigns":["a"],"reflection":{}}"#)
            #expect(partial.status == .ok)
        }
    }

    @Test func theAPIRefusesFilterValuesItsDescriptionDoesNotList() async throws {
        try await withApp { app in
            func get(_ query: String) async throws -> TestResponse {
                try await app.client.executeRequest(uri: "/api/v1/library?" + query, method: .get, headers: [:], body: nil)
            }
            // act + check: unknown enum values and numbers out of range are a 400 that says what works
            let kind = try await get("kind=podcast")
            #expect(kind.status == .badRequest)
            #expect(kind.bodyText.contains("kind must be one of: handout, worksheet"))
            for query in ["category=nope", "component=kindness", "situation=anywhere", "maxMinutes=0", "maxMinutes=ten", "limit=0", "limit=501"] {
                let response = try await get(query)
                #expect(response.status == .badRequest, "\(query)")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(query)")
            }
            // The listed values still filter.
            #expect(try await get("kind=worksheet&limit=3&maxMinutes=30").status == .ok)
        }
    }
}
