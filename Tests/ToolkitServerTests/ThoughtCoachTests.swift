import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// The thought coach: a critical thought with its harsh words marked, answered kindly, kept
/// privately as a thought record.
@Suite struct ThoughtCoachTests {
    static func setUp(_ app: TestApp) async throws -> Browser {
        try await app.createUser(.therapist, email: "t@example.org")
        try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
        return try await app.signedIn("c@example.org")
    }

    static func start(_ client: Browser, _ thought: String) async throws -> String {
        let created = try await client.submit(SiteURL.thoughtCoach.path, fields: ["thought": thought, "beliefBefore": "80", "feelingBefore": "7"],
                                              formPage: SiteURL.thoughtCoachNew.path)
        #expect(created.status == .seeOther)
        return String(try #require(created.headers[.location]).dropFirst("/thought-coach/".count))
    }

    @Test func harshWordsAreMarkedWithAReasonWithoutJavaScript() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let thought = "I'm such an idiot, I always mess everything up"
            // act
            let id = try await Self.start(client, thought)
            let page = try await client.get(SiteURL.thoughtRecord(id).path).bodyText
            // check: each highlight the analyzer finds is marked in the page, with its sentence
            let highlights = ThoughtAnalyzer.analyze(thought)
            #expect(!highlights.isEmpty)
            for highlight in highlights {
                #expect(page.contains("<mark class=\"harsh \(highlight.kind.rawValue)\""), "\(highlight.text)")
                #expect(page.contains(highlight.explanation.replacingOccurrences(of: "&", with: "&amp;")), "\(highlight.text)")
            }
            #expect(page.contains("believed 80 out of 100, felt 7 out of 10"))
        }
    }

    @Test func aKindThoughtIsNotMarked() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            // act
            let id = try await Self.start(client, "Everyone makes mistakes, and I'm learning")
            let page = try await client.get(SiteURL.thoughtRecord(id).path).bodyText
            // check
            #expect(!page.contains("<mark class=\"harsh"))
            #expect(page.contains("Nothing in the words stands out as harsh"))
        }
    }

    @Test func theKindAnswerAndTheSecondRatingsAreKeptWithTheThoughtUnchanged() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let id = try await Self.start(client, "I should have known better")
            // act
            let answered = try await client.submit(SiteURL.thoughtRecord(id).path, fields: [
                "mindful": "This is a moment of regret.", "commonHumanity": "Lots of people get this wrong.",
                "friend": "You did your best with what you knew.", "beliefAfter": "40", "feelingAfter": "4",
                "thought": "an attempt to rewrite the thought",
            ])
            let page = try await client.get(SiteURL.thoughtRecord(id).path).bodyText
            let list = try await client.get(SiteURL.thoughtCoach.path).bodyText
            // check
            #expect(answered.status == .seeOther)
            #expect(page.contains("You did your best with what you knew."))
            #expect(page.contains("believed 40 out of 100, felt 4 out of 10"))
            #expect(list.contains("I should have known better"))
            #expect(!page.contains("an attempt to rewrite"))
            #expect(list.contains("answered"))
        }
    }

    @Test func anEmptyThoughtOrAnImpossibleRatingComesBackAsTyped() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            // act
            let empty = try await client.submit(SiteURL.thoughtCoach.path, fields: ["thought": "  ", "beliefBefore": "50"],
                                                formPage: SiteURL.thoughtCoachNew.path)
            let impossible = try await client.submit(SiteURL.thoughtCoach.path, fields: ["thought": "I'm useless", "beliefBefore": "150"],
                                                     formPage: SiteURL.thoughtCoachNew.path)
            // check
            #expect(empty.status == .unprocessableContent)
            #expect(empty.bodyText.contains("href=\"#thought\""))
            #expect(impossible.status == .unprocessableContent)
            #expect(impossible.bodyText.contains("I&#39;m useless") || impossible.bodyText.contains("I'm useless"))
            #expect(impossible.bodyText.contains("href=\"#beliefBefore-0\""))
            #expect(try await app.count("thought_records") == 0)
        }
    }

    @Test func recordsAreSealedPrivateAndInTheExport() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let marker = "thought-marker-\(UUID().uuidString)"
            let id = try await Self.start(client, "I'm hopeless \(marker)")
            try await app.createUser(.client, email: "other@example.org", therapist: "t@example.org")
            let other = try await app.signedIn("other@example.org", address: "198.51.100.3")
            let therapist = try await app.signedIn("t@example.org", address: "198.51.100.4")
            // act
            let otherRead = try await other.get(SiteURL.thoughtRecord(id).path)
            let therapistRead = try await therapist.get(SiteURL.thoughtRecord(id).path)
            let export = try await client.get(SiteURL.accountExport.path).bodyText
            // check
            #expect(otherRead.status == .notFound)
            #expect(therapistRead.status == .forbidden)
            #expect(export.contains(marker))
            let rows = try await app.services.database.sql.raw("SELECT content FROM thought_records").all()
            #expect(try rows[0].decode(column: "content", as: String.self).hasPrefix("v1:"))
            if app.usesSQLite { #expect(try app.rawDatabaseBytes().range(of: Data(marker.utf8)) == nil) }
            #expect(try await app.auditTrail().contains { $0.action == "thought-record.write" })
        }
    }
}

extension ThoughtCoachTests {
    @Test func manyThoughtRecordsSavedAtOnceAreAllKeptAndAudited() async throws {
        try await withApp { app in
            // setup: more simultaneous writes than the pool has connections
            try await app.createUser(.therapist, email: "t@example.org")
            var clients: [(Browser, String)] = []
            for index in 0..<4 {
                try await app.createUser(.client, email: "c\(index)@example.org", therapist: "t@example.org")
                let browser = try await app.signedIn("c\(index)@example.org", address: "198.51.100.\(index + 1)")
                clients.append((browser, try #require(Browser.csrfToken(in: try await browser.get(SiteURL.thoughtCoachNew.path).bodyText))))
            }
            let perClient = 6
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (index, (browser, token)) in clients.enumerated() {
                    for number in 0..<perClient {
                        group.addTask {
                            try await browser.post(SiteURL.thoughtCoach.path,
                                                   form: ["_csrf": token, "thought": "I never get it right \(index)-\(number)", "beliefBefore": "70"]).status
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.count == clients.count * perClient)
            #expect(statuses.allSatisfy { $0 == .seeOther })
            #expect(try await app.count("thought_records") == clients.count * perClient)
            #expect(try await app.auditTrail().filter { $0.action == "thought-record.write" }.count == clients.count * perClient)
            #expect(try await app.services.audit.verify().ok)
        }
    }
}
