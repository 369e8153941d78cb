import Foundation
import Testing
import ToolkitCore
@testable import ToolkitServer

/// `toolkit demo history`: a new client given weeks of practice in the past, through the same
/// sealed stores, so the pages show a client coming back after a gap.
@Suite struct DemoHistoryTests {
    @Test func aClientGivenHistoryEndingAWeekAgoIsWelcomedBackAndKeepsEveryDay() async throws {
        try await withApp { app in
            // setup
            let client = try await JournalTests.setUp(app)
            // act
            let history = try await app.services.writeDemoHistory(clientEmail: "c@example.org", days: 21, gap: 8)
            // check: 13 days of history (21 back, the last 8 empty), every fifth left out
            let calendar = ClientCalendar.calendar(in: TimeZone(identifier: "UTC")!)
            let today = ClientCalendar.today(app.services, in: calendar)
            #expect(history.lastDay == today.adding(days: -8, in: calendar).description)
            #expect(history.ritualDays == 11)
            #expect(history.practices == 7)
            let plan = try await RitualsTests.plan(app)
            #expect(plan.cumulativeDays == 11 && plan.active.count == 2)
            #expect(plan.practiceDays.allSatisfy { $0 <= today.adding(days: -8, in: calendar) })
            let page = try await client.get(SiteURL.rituals.path).bodyText
            #expect(page.contains("Welcome back. Everyone"))
            #expect(page.contains("11 days"))
            let log = try await app.services.practiceLog.page(for: try await app.user("c@example.org"), address: nil).entries
            #expect(log.count == 7)
            #expect(log.allSatisfy { $0.createdAt < today.midday(in: calendar).addingTimeInterval(-7 * 24 * 60 * 60) })
            // sealed like everything else a client keeps
            #expect(try app.rawDatabaseBytes().range(of: Data("Three slow breaths".utf8)) == nil)
        }
    }

    @Test func historyIsWrittenOnlyForANewClient() async throws {
        try await withApp { app in
            // setup
            _ = try await JournalTests.setUp(app)
            _ = try await app.services.writeDemoHistory(clientEmail: "c@example.org", days: 5, gap: 0)
            // act + check
            await #expect(throws: AppServices.DemoHistoryError.self) {
                _ = try await app.services.writeDemoHistory(clientEmail: "c@example.org", days: 5, gap: 0)
            }
            await #expect(throws: AppServices.DemoHistoryError.self) {
                _ = try await app.services.writeDemoHistory(clientEmail: "t@example.org", days: 5, gap: 0)
            }
            await #expect(throws: AppServices.DemoHistoryError.self) {
                _ = try await app.services.writeDemoHistory(clientEmail: "c@example.org", days: 5, gap: 5)
            }
            #expect(try await RitualsTests.plan(app).cumulativeDays == 4)
        }
    }

    @Test func anAssignedSharedHistoryFillsTheTherapistsRosterAndProgress() async throws {
        try await withApp { app in
            // setup
            _ = try await JournalTests.setUp(app)
            let therapist = try await app.signedIn("t@example.org", address: "198.51.100.90")
            // act: 30 days, up to today, assigned and shared
            let history = try await app.services.writeDemoHistory(clientEmail: "c@example.org", days: 30, gap: 0, assign: true, share: true)
            // check: one daily assignment; every third practice is its item, each one a completion
            #expect(history.practices == 15)
            #expect(try await app.count("assignments") == 1)
            #expect(try await app.count("assignment_completions") == 5)
            let client = try await app.user("c@example.org")
            let shared = try #require(try await app.services.practiceLog.shared(clientID: client.id, therapist: try await app.user("t@example.org"), address: nil))
            #expect(shared.count == 15)
            let roster = try await therapist.get(SiteURL.clients.path).bodyText
            #expect(roster.contains("Newly shared: 15 items"), "\(roster)")
            #expect(try await therapist.get(SiteURL.clientProgress(client.id).path).status == .ok)
        }
    }
}
