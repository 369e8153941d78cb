import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Checklist 15 (security headers on every response) and 16 (generic error pages).
@Suite struct HeadersAndErrorsTests {
    static func expectBrowserProtections(_ response: TestResponse, _ what: String,
                                         sourceLocation: SourceLocation = #_sourceLocation) {
        let csp = response.headers[.contentSecurityPolicy] ?? ""
        let directives = Dictionary(csp.split(separator: ";").map { part -> (String, String) in
            let words = part.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1)
            return (String(words.first ?? ""), words.count > 1 ? String(words[1]) : "")
        }, uniquingKeysWith: { first, _ in first })
        #expect(directives["frame-ancestors"] == "'none'", "\(what): frame-ancestors", sourceLocation: sourceLocation)
        #expect(directives["default-src"] == "'self'", "\(what): default-src", sourceLocation: sourceLocation)
        #expect(directives["script-src"] == "'self'", "\(what): script-src", sourceLocation: sourceLocation)
        #expect(directives["object-src"] == "'none'", "\(what): object-src", sourceLocation: sourceLocation)
        #expect(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "\(what): CSP \(csp)", sourceLocation: sourceLocation)
        #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(what): nosniff", sourceLocation: sourceLocation)
        #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(what): Referrer-Policy", sourceLocation: sourceLocation)
    }

    /// One of each kind of response the app gives.
    static func responses(_ app: TestApp) async throws -> [(String, TestResponse)] {
        try await app.createUser(.therapist, email: "t@example.org")
        let anonymous = app.browser()
        let signedIn = try await app.signedIn("t@example.org")
        return [
            ("start page", try await anonymous.get("/")),
            ("sign-in page", try await anonymous.get(SiteURL.login.path)),
            ("signed-in page", try await signedIn.get("/")),
            ("account page", try await signedIn.get(SiteURL.account.path)),
            ("404 page", try await anonymous.get("/no/such/page")),
            ("401 page", try await anonymous.get(SiteURL.account.path)),
            ("403 page", try await signedIn.get(SiteURL.adminUsers.path)),
            ("403 forgery refusal", try await signedIn.post(SiteURL.accountPassword.path, form: [:])),
            ("redirect", try await signedIn.submit(SiteURL.logout.path, fields: [:], formPage: "/")),
            ("health check", try await anonymous.get(SiteURL.healthz.path)),
            ("stylesheet", try await anonymous.get(SiteURL.stylesheet.path)),
            ("script", try await anonymous.get(SiteURL.script("app.js").path)),
            ("API error", try await anonymous.get("/api/v1/me")),
        ]
    }

    @Test func everyResponseCarriesTheBrowserProtections() async throws {
        try await withApp { app in
            for (what, response) in try await Self.responses(app) {
                Self.expectBrowserProtections(response, what)
                #expect(response.headers[.strictTransportSecurity] == nil, "\(what): HSTS without TLS")
            }
        }
    }

    @Test func overTLSEveryResponseAlsoCarriesHSTS() async throws {
        try await withApp(configure: { $0.publicURL = URL(string: "https://toolkit.example.org") }) { app in
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = app.browser(origin: "https://toolkit.example.org")
            let responses = [
                try await browser.get("/"), try await browser.get("/nowhere"), try await browser.get(SiteURL.healthz.path),
                try await browser.get(SiteURL.stylesheet.path),
                try await browser.submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": TestApp.password]),
            ]
            for response in responses {
                let hsts = try #require(response.headers[.strictTransportSecurity])
                let maxAge = hsts.split(separator: ";").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("max-age=") }
                    .flatMap { Int($0.trimmingCharacters(in: .whitespaces).dropFirst("max-age=".count)) } ?? 0
                #expect(maxAge >= 31_536_000)
                Self.expectBrowserProtections(response, "TLS response")
            }
        }
    }

    @Test func nothingUserSpecificIsCached() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            try await app.createUser(.therapist, email: "t@example.org")
            let therapist = try await app.signedIn("t@example.org")
            let admin = try await app.signedIn("admin@example.org")
            // act
            let pages = [
                try await therapist.get("/"), try await therapist.get(SiteURL.account.path), try await therapist.get(SiteURL.clients.path),
                try await therapist.get(SiteURL.accountSecondFactor.path), try await admin.get(SiteURL.adminUsers.path),
                try await app.browser().get(SiteURL.login.path),
            ]
            // check
            for page in pages {
                #expect(page.status == .ok)
                #expect(page.headers[.cacheControl] == "no-store")
            }
            let token = try await app.client.executeRequest(
                uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"],
                body: .init(bytes: try JSONEncoder().encode(["email": "t@example.org", "password": TestApp.password])))
            #expect(token.headers[.cacheControl] == "no-store")
        }
    }

    static let leaks = ["Swift", ".swift", "SQL", "sqlite", "sessions", "no such table", "/work/", "/tmp/", "Error(", "HTTPError",
                        "at line", "Fatal", "Thread", "0x"]

    @Test func aMissingPageIsACalmPageWithNoInternals() async throws {
        try await withApp { app in
            let page = try await app.browser().get("/admin/../../etc/passwd")
            let missing = try await app.browser().get("/no-such-page")
            for response in [page, missing] {
                #expect(response.status == .notFound)
                #expect(response.bodyText.contains("We couldn't find that page"))
                for leak in Self.leaks { #expect(!response.bodyText.contains(leak), "404 page shows \(leak)") }
            }
        }
    }

    @Test func aServerFailureIsACalmPageWithNoInternals() async throws {
        let logs = LogCapture()
        try await withApp(logs: logs) { app in
            // setup: break storage under the running app
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.services.database.sql.raw("DROP TABLE sessions").run()
            // act
            let response = try await app.browser().submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": TestApp.password])
            // check
            #expect(response.status == .internalServerError)
            #expect(response.bodyText.contains("Something went wrong on our side"))
            #expect(response.headers[.setCookie] == nil)
            for leak in Self.leaks { #expect(!response.bodyText.contains(leak), "500 page shows \(leak)") }
            Self.expectBrowserProtections(response, "500 page")
            // The operator's log says what failed, without the request's secrets.
            #expect(logs.text.contains("Unhandled error on POST /login"))
            #expect(!logs.text.contains(TestApp.password))
        }
    }

    @Test func anAPIFailureIsAJSONSentenceWithNoInternals() async throws {
        try await withApp(logs: LogCapture()) { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            try await app.services.database.sql.raw("DROP TABLE api_tokens").run()
            // act
            let response = try await app.client.executeRequest(
                uri: "/api/v1/auth/token", method: .post, headers: [.contentType: "application/json"],
                body: .init(bytes: try JSONEncoder().encode(["email": "c@example.org", "password": TestApp.password])))
            // check
            #expect(response.status == .internalServerError)
            #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            struct Failure: Decodable { var error: String }
            let failure = try JSONDecoder().decode(Failure.self, from: Data(buffer: response.body))
            #expect(failure.error.contains("Something went wrong on our side"))
            for leak in Self.leaks { #expect(!response.bodyText.contains(leak), "API error shows \(leak)") }
        }
    }

    @Test func theHealthRouteRevealsNothingBeyondItsFields() async throws {
        try await withApp { app in
            let response = try await app.browser().get(SiteURL.healthz.path)
            #expect(response.status == .ok)
            let fields = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect(Set(fields.keys).isSubset(of: ["status", "database", "databaseQuery", "integrity", "sqliteVersion"]))
            #expect(!response.bodyText.contains(app.services.configuration.dataDirectory.path))
        }
    }

    @Test func headAnswersAsGetDoesWithoutTheBody() async throws {
        try await withApp { app in
            // setup: a library item, first not yet cached, then cached (no cookie: the cached path)
            let item = SiteURL.libraryItem("self-compassion-break").path
            func request(_ path: String, _ method: HTTPRequest.Method) async throws -> TestResponse {
                try await app.client.executeRequest(uri: path, method: method, headers: [:], body: nil)
            }
            // act
            let headBeforeCache = try await request(item, .head)
            let get = try await request(item, .get)
            let headFromCache = try await request(item, .head)
            let getHealth = try await request(SiteURL.healthz.path, .get)
            let headHealth = try await request(SiteURL.healthz.path, .head)
            // check
            for (what, head, get) in [("item", headBeforeCache, get), ("cached item", headFromCache, get), ("health", headHealth, getHealth)] {
                #expect(get.status == .ok, "\(what)")
                #expect(head.status == .ok, "\(what)")
                #expect(head.body.readableBytes == 0, "\(what): HEAD has no body")
                #expect(head.headers[.contentLength] == String(get.body.readableBytes), "\(what): Content-Length of the GET body")
                #expect(head.headers[.contentType] == get.headers[.contentType], "\(what)")
                Self.expectBrowserProtections(head, "HEAD \(what)")
            }
        }
    }

    @Test func aKnownPathAskedWithAnotherMethodAnswers405WithAllow() async throws {
        try await withApp { app in
            // act
            let cases: [(HTTPRequest.Method, String, String)] = [
                (.put, SiteURL.healthz.path, "GET, HEAD"),
                (.get, SiteURL.logout.path, "POST"),
                (.delete, SiteURL.account.path, "GET, HEAD"),
                (.put, SiteURL.libraryItem("self-compassion-break").path, "GET, HEAD"),
                (.delete, SiteURL.strugglingCheckIn("some-id").path, "GET, HEAD, POST"),
                (.patch, "/api/v1/me/safety-plan", "GET, HEAD, PUT"),
            ]
            for (method, path, allow) in cases {
                let response = try await app.client.executeRequest(uri: path, method: method, headers: [:], body: nil)
                // check
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers[.allow] == allow, "\(method) \(path)")
                #expect(response.bodyText.contains("That action isn't available at this address."), "\(method) \(path)")
                for leak in Self.leaks { #expect(!response.bodyText.contains(leak), "\(method) \(path) shows \(leak)") }
                Self.expectBrowserProtections(response, "\(method) \(path)")
            }
            let api = try await app.client.executeRequest(uri: "/api/v1/me/safety-plan", method: .patch, headers: [:], body: nil)
            #expect(api.headers[.contentType]?.hasPrefix("application/json") == true)
            // Paths the app doesn't have stay 404, whatever the method.
            for method in [HTTPRequest.Method.get, .put, .head] {
                let unknown = try await app.client.executeRequest(uri: "/no/such/page", method: method, headers: [:], body: nil)
                #expect(unknown.status == .notFound, "\(method) /no/such/page")
                #expect(unknown.headers[.allow] == nil)
            }
        }
    }
}
