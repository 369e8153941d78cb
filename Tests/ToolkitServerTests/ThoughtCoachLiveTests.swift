import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// The thought coach's highlights as the client types: the server's own analysis, answered as
/// JSON for thought-coach.js, nothing stored, and only for a signed-in client's own form.
@Suite struct ThoughtCoachLiveTests {
    static func ask(_ browser: Browser, _ thought: String, token: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .origin: Browser.origin]
        if let token { headers[CSRFMiddleware.headerName] = token }
        return try await browser.send(SiteURL.thoughtCoachAnalyze.path, method: .post, headers: headers,
                                      body: ByteBuffer(string: "thought=" + (thought.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")))
    }

    @Test func theHighlightsComeBackAsTheNextPageWouldShowThemAndNothingIsKept() async throws {
        try await withApp { app in
            // setup
            let client = try await JournalTests.setUp(app)
            let token = try #require(Browser.csrfToken(in: try await client.get(SiteURL.thoughtCoachNew.path).bodyText))
            let thought = "I'm such an idiot, I always get it wrong"
            let auditBefore = try await app.auditTrail().count
            // act
            let answer = try await Self.ask(client, thought, token: token)
            // check: the same marks the analyzer gives, the text in order, and no row or audit record
            #expect(answer.status == .ok)
            let analysis = try JSONDecoder().decode(ThoughtCoachController.Analysis.self, from: Data(answer.bodyText.utf8))
            #expect(analysis.segments.map(\.text).joined() == thought)
            let marked = analysis.segments.filter { $0.kind != nil }.map { $0.text.lowercased() }
            #expect(marked == ThoughtAnalyzer.analyze(thought).map { $0.text.lowercased() })
            #expect(marked.contains("idiot") && marked.contains("always"))
            #expect(analysis.notes.count == marked.count)
            #expect(try await app.count("thought_records") == 0)
            #expect(try await app.auditTrail().count == auditBefore)
            #expect(answer.headers[.cacheControl]?.contains("no-store") == true)
        }
    }

    @Test func onlyASignedInClientWithTheFormsTokenIsAnswered() async throws {
        try await withApp { app in
            // setup
            let client = try await JournalTests.setUp(app)
            let therapist = try await app.signedIn("t@example.org", address: "198.51.100.8")
            let therapistToken = try #require(Browser.csrfToken(in: try await therapist.get(SiteURL.account.path).bodyText))
            // act
            let noToken = try await Self.ask(client, "I always fail", token: nil)
            let asTherapist = try await Self.ask(therapist, "I always fail", token: therapistToken)
            let visitor = try await Self.ask(app.browser(address: "198.51.100.9"), "I always fail", token: nil)
            // check
            #expect(noToken.status == .forbidden)
            #expect(asTherapist.status == .forbidden)
            #expect(visitor.status != .ok)
        }
    }

    @Test func theNewThoughtPageOffersTheLiveHighlightsOnlyAsAnAddition() async throws {
        try await withApp { app in
            let client = try await JournalTests.setUp(app)
            let page = try await client.get(SiteURL.thoughtCoachNew.path).bodyText
            #expect(page.contains("id=\"thought-live\""))
            #expect(page.contains("hidden=\"hidden\""))
            #expect(page.contains("/static/thought-coach.js"))
        }
    }
}
