import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Today, a client's home: one calm page built from times and the library, never from what the
/// client wrote.
@Suite struct TodayTests {
    @Test func aClientsHomeIsTodayWithStrugglingOneTapAwayAndAPracticeToStart() async throws {
        try await withApp { app in
            // setup
            let client = try await JournalTests.setUp(app)
            // act
            let home = try await client.get(SiteURL.home.path)
            let today = try await client.get(SiteURL.today.path)
            // check
            for page in [home, today] {
                #expect(page.status == .ok)
                #expect(page.bodyText.contains("<h1>Today, "))
                #expect(page.bodyText.contains("href=\"\(SiteURL.struggling.path)\">I&#39;m struggling right now") ||
                        page.bodyText.contains("href=\"\(SiteURL.struggling.path)\">I'm struggling right now"))
                #expect(page.bodyText.contains("A practice for today"))
                #expect(page.bodyText.contains("/practice\">Start · "))
                #expect(page.bodyText.contains("Nothing written yet"))
            }
        }
    }

    @Test func recentlyCountsThisWeeksEntriesWithoutOpeningThem() async throws {
        try await withApp { app in
            // setup
            let client = try await JournalTests.setUp(app)
            let marker = "today-marker-\(UUID().uuidString)"
            _ = try await JournalTests.write(client, "First \(marker)")
            _ = try await JournalTests.write(client, "Second \(marker)")
            let readsBefore = try await app.auditTrail().filter { $0.action.hasSuffix(".read") }.count
            // act
            let today = try await client.get(SiteURL.today.path).bodyText
            // check
            #expect(today.contains(">Journal entries</a>: 2 this week, last "))
            #expect(!today.contains(marker))
            #expect(!today.contains("Nothing written yet"))
            #expect(try await app.auditTrail().filter { $0.action.hasSuffix(".read") }.count == readsBefore)
        }
    }

    @Test func theHeadingIsTheDayOnThePersonsOwnCalendar() async throws {
        // 2026-12-31 23:30 UTC is already Friday 1 January 2027 in Tokyo.
        let moment = Date(timeIntervalSince1970: 1_798_759_800)
        try await withApp(configure: { $0.clock = { moment } }) { app in
            // setup
            let client = try await JournalTests.setUp(app)
            let before = try await client.get(SiteURL.today.path).bodyText
            try await app.services.accounts.setTimeZone("Asia/Tokyo", for: try await app.user("c@example.org"))
            // act
            let after = try await client.get(SiteURL.today.path).bodyText
            // check
            #expect(before.contains("Today, Thursday 31 December"))
            #expect(after.contains("Today, Friday 1 January"))
        }
    }

    @Test func onlyClientsHaveToday() async throws {
        try await withApp { app in
            // setup
            _ = try await JournalTests.setUp(app)
            let therapist = try await app.signedIn("t@example.org", address: "198.51.100.8")
            // act
            let therapistToday = try await therapist.get(SiteURL.today.path)
            let therapistHome = try await therapist.get(SiteURL.home.path).bodyText
            let visitor = try await app.browser(address: "198.51.100.9").get(SiteURL.today.path)
            // check
            #expect(therapistToday.status == .forbidden)
            #expect(!therapistHome.contains("<h1>Today, "))
            #expect(visitor.status == .unauthorized || visitor.status == .seeOther)
        }
    }

    @Test func manyClientsOpeningTodayAtOnceAllGetIt() async throws {
        try await withApp { app in
            // setup: more simultaneous requests than the pool has connections
            try await app.createUser(.therapist, email: "t@example.org")
            var clients: [Browser] = []
            for index in 0..<4 {
                try await app.createUser(.client, email: "c\(index)@example.org", therapist: "t@example.org")
                clients.append(try await app.signedIn("c\(index)@example.org", address: "198.51.100.\(index + 1)"))
            }
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for client in clients {
                    for _ in 0..<8 { group.addTask { try await client.get(SiteURL.today.path).status } }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.count == 32)
            #expect(statuses.allSatisfy { $0 == .ok })
        }
    }

    @Test func plannedShowsTodaysRitualsAndEachGoalsNextStep() async throws {
        try await withApp { app in
            // setup
            let client = try await JournalTests.setUp(app)
            let empty = try await client.get(SiteURL.today.path).bodyText
            _ = try await RitualsTests.addOwn(client, "Three slow breaths at the window")
            let goalID = try await GoalsTests.create(client, title: "Get back to running")
            // act
            let today = try await client.get(SiteURL.today.path).bodyText
            // check
            #expect(empty.contains("Nothing planned."))
            #expect(today.contains("Three slow breaths at the window"))
            #expect(today.contains("a ritual for today"))
            #expect(today.contains("Find my shoes"))
            #expect(today.contains("next step toward Get back to running"))
            #expect(today.contains(SiteURL.goal(goalID).path))
            #expect(!today.contains("Nothing planned."))
        }
    }
}
