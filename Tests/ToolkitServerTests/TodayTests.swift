import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import NIOCore
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

    // MARK: Kept rendered between writes

    @Test func todayIsKeptRenderedUntilAnyWriteAndThenShowsTheWrite() async throws {
        try await withApp { app in
            // setup
            let client = try await JournalTests.setUp(app)
            let first = try await client.get(SiteURL.today.path).bodyText
            let kept = app.services.personalPages.count
            let again = try await client.get(SiteURL.today.path).bodyText
            // act
            _ = try await JournalTests.write(client, "Walked by the river")
            let afterWrite = try await client.get(SiteURL.today.path).bodyText
            // check
            #expect(again == first)
            #expect(first.contains("Nothing written yet"))
            #expect(afterWrite.contains(">Journal entries</a>: 1 this week, last "))
            #expect(!afterWrite.contains("Nothing written yet"))
            #expect(kept == 1)
        }
    }

    @Test func aWriteThatDoesNotGoThroughThisClientsPagesStillRetiresTheKeptPage() async throws {
        try await withApp { app in
            // setup
            let client = try await JournalTests.setUp(app)
            let before = try await client.get(SiteURL.today.path).bodyText
            let user = try await app.user("c@example.org")
            // act: a write made elsewhere in the app (the therapist's side, an administrator, a store)
            _ = try await app.services.journal.create(JournalEntry(body: "Written on another device"), for: user, address: nil)
            let after = try await client.get(SiteURL.today.path).bodyText
            // check
            #expect(before.contains("Nothing written yet"))
            #expect(after.contains(">Journal entries</a>: 1 this week, last "))
        }
    }

    @Test func aKeptTodayAuditsItsReadsOfTheClientsWritingEveryTimeItIsServed() async throws {
        try await withApp { app in
            // setup: rituals and a goal, whose text Today shows (each read audited)
            let client = try await JournalTests.setUp(app)
            _ = try await RitualsTests.addOwn(client, "Three slow breaths at the window")
            _ = try await GoalsTests.create(client, title: "Get back to running")
            func reads() async throws -> [String] {
                try await app.auditTrail().map(\.action).filter { $0.hasSuffix(".read") }
            }
            _ = try await client.get(SiteURL.today.path)
            let afterFirst = try await reads().count
            // act: served again, from what was kept where pages are kept
            let second = try await client.get(SiteURL.today.path).bodyText
            let third = try await client.get(SiteURL.today.path).bodyText
            // check
            #expect(second.contains("Three slow breaths at the window"))
            #expect(third == second)
            let final = try await reads()
            #expect(final.count == afterFirst + 4, "\(afterFirst) then \(final)")
        }
    }

    @Test func aKeptPageIsRenderedAgainAfterItsMaximumAgeOrWhenTheGenerationMoves() async throws {
        let now = NIOLockedValueBox(Date(timeIntervalSince1970: 1_800_000_000))
        try await withApp { app in
            // setup
            let pages = PersonalPageCache(audit: app.services.audit, clock: { now.withLockedValue { $0 } })
            let renders = NIOLockedValueBox(0)
            @Sendable func serve(generation: UInt64?) async throws -> String {
                let body = try await pages.page("k", generation: generation) {
                    renders.withLockedValue { $0 += 1 }
                    return "render \(renders.withLockedValue { $0 })"
                }
                return String(buffer: body)
            }
            // act
            let first = try await serve(generation: 7)
            let kept = try await serve(generation: 7)
            now.withLockedValue { $0 += PersonalPageCache.refreshAge - 1 }
            let stillKept = try await serve(generation: 7)
            now.withLockedValue { $0 += PersonalPageCache.maxAge - PersonalPageCache.refreshAge + 2 }
            let aged = try await serve(generation: 7)
            let moved = try await serve(generation: 8)
            let unkeepable = try await serve(generation: nil)
            let unkeepableAgain = try await serve(generation: nil)
            // check
            #expect([first, kept, stillKept] == ["render 1", "render 1", "render 1"])
            #expect(aged == "render 2")
            #expect(moved == "render 3")
            #expect([unkeepable, unkeepableAgain] == ["render 4", "render 5"])
            #expect(pages.count == 1)
        }
    }

    @Test func aWriteWhileAPageRendersLeavesThatPageOutdated() async throws {
        try await withApp { app in
            // setup
            let pages = PersonalPageCache(audit: app.services.audit, clock: { Date() })
            let before = try #require(await app.services.database.contentGeneration())
            // act: the render itself sees a write commit (as a notice taken while rendering does)
            let first = try await pages.page("k", generation: before) {
                try await app.services.database.transaction { db in
                    try await db.update("users").set("name", to: "Renamed").where("email", .equal, "nobody@example.org").run()
                }
                return "rendered before the write committed"
            }
            let after = try #require(await app.services.database.contentGeneration())
            let second = try await pages.page("k", generation: after) { "rendered after" }
            // check
            #expect(String(buffer: first) == "rendered before the write committed")
            #expect(after > before)
            #expect(String(buffer: second) == "rendered after")
        }
    }

    @Test func everyWayOfWritingMovesTheGenerationOnAndAuditRecordsDoNot() async throws {
        try await withApp { app in
            // setup
            let database = app.services.database
            let start = try #require(await database.contentGeneration())
            // act
            try await app.services.audit.append(AuditEvent(action: "test.read"))
            let afterAudit = try #require(await database.contentGeneration())
            _ = try await database.sql.select().column("id").from("users").all()
            let afterRead = try #require(await database.contentGeneration())
            try await database.sql.update("users").set("name", to: "Renamed").where("email", .equal, "nobody@example.org").run()
            let afterStatement = try #require(await database.contentGeneration())
            try await database.transaction { db in
                try await db.update("users").set("name", to: "Renamed").where("email", .equal, "nobody@example.org").run()
            }
            let afterTransaction = try #require(await database.contentGeneration())
            // check
            #expect(afterAudit == start)
            #expect(afterRead == start)
            #expect(afterStatement > afterRead)
            #expect(afterTransaction > afterStatement)
        }
    }

    @Test func aWriteByAnotherAppProcessRetiresKeptPagesAtOnceOnPostgreSQL() async throws {
        try await withApp { app in
            // setup
            let client = try await JournalTests.setUp(app)
            let before = try await client.get(SiteURL.today.path).bodyText
            // act: another app process on the same database writes for the client
            try await withAppOnExistingStorage(app.services.configuration) { other in
                _ = try await other.services.journal.create(JournalEntry(body: "Written through another process"),
                                                            for: try await other.user("c@example.org"), address: nil)
            }
            let after = try await client.get(SiteURL.today.path).bodyText
            // check: on PostgreSQL at once; on SQLite (one server process) within the page's maximum age
            #expect(before.contains("Nothing written yet"))
            if app.services.database.kind == .postgresql {
                #expect(after.contains(">Journal entries</a>: 1 this week, last "))
            }
        }
    }

    @Test func keptPagesStayWithinTheirBudget() async throws {
        try await withApp { app in
            // setup
            let pages = PersonalPageCache(audit: app.services.audit, clock: { Date() })
            // act: more pages than the budget, one generation
            for index in 0...PersonalPageCache.pageBudget {
                _ = try await pages.page("page \(index)", generation: 1) { "body \(index)" }
            }
            let newest = try await pages.page("page \(PersonalPageCache.pageBudget)", generation: 1) { "rendered again" }
            // check
            #expect(pages.count <= PersonalPageCache.pageBudget / 2 + 1)
            #expect(String(buffer: newest) == "body \(PersonalPageCache.pageBudget)")
        }
    }

    @Test func requestsForOnePageAtOnceWaitForOneRender() async throws {
        try await withApp { app in
            // setup
            let pages = PersonalPageCache(audit: app.services.audit, clock: { Date() })
            let renders = NIOLockedValueBox(0)
            // act: sixteen requests for the same page, none kept yet
            let bodies = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        String(buffer: try await pages.page("k", generation: 1) {
                            renders.withLockedValue { $0 += 1 }
                            try await Task.sleep(for: .milliseconds(200))
                            return "the page"
                        })
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(bodies == Array(repeating: "the page", count: 16))
            #expect(renders.withLockedValue { $0 } == 1)
        }
    }

    @Test func aPageDueForRefreshIsRenderedByOneRequestWhileTheOthersGetTheKeptOne() async throws {
        let now = NIOLockedValueBox(Date(timeIntervalSince1970: 1_800_000_000))
        try await withApp { app in
            // setup
            let pages = PersonalPageCache(audit: app.services.audit, clock: { now.withLockedValue { $0 } })
            let (gate, opener) = AsyncStream<Void>.makeStream()
            _ = try await pages.page("k", generation: 1) { "first" }
            now.withLockedValue { $0 += PersonalPageCache.refreshAge + 0.5 }
            // act: one request renders afresh (held at the gate) while another asks for the page
            let refreshing = Task {
                String(buffer: try await pages.page("k", generation: 1) {
                    for await _ in gate { break }
                    return "second"
                })
            }
            try await Task.sleep(for: .milliseconds(100))
            let meanwhile = String(buffer: try await pages.page("k", generation: 1) { "not rendered: a render is under way" })
            opener.yield()
            let refreshed = try await refreshing.value
            let after = String(buffer: try await pages.page("k", generation: 1) { "not rendered: kept" })
            // check
            #expect(meanwhile == "first")
            #expect(refreshed == "second")
            #expect(after == "second")
        }
    }

    /// After a pause longer than a session is kept, a burst for an aged page gets the kept page
    /// while one request renders it anew; past the page's maximum age, everyone waits for the render.
    @Test func aPageAgedPastItsRefreshIsServedWhileItRendersUntilItsMaximumAge() async throws {
        let now = NIOLockedValueBox(Date(timeIntervalSince1970: 1_800_000_000))
        try await withApp { app in
            // setup
            let pages = PersonalPageCache(audit: app.services.audit, clock: { now.withLockedValue { $0 } })
            @Sendable func burst(rendering body: String) async throws -> (rendered: String, meanwhile: String) {
                let (gate, opener) = AsyncStream<Void>.makeStream()
                let rendering = Task {
                    String(buffer: try await pages.page("k", generation: 1) {
                        for await _ in gate { break }
                        return body
                    })
                }
                try await Task.sleep(for: .milliseconds(100))
                let meanwhile = Task { String(buffer: try await pages.page("k", generation: 1) { "not rendered: a render is under way" }) }
                try await Task.sleep(for: .milliseconds(100))
                opener.yield()
                return (try await rendering.value, try await meanwhile.value)
            }
            _ = try await pages.page("k", generation: 1) { "first" }
            // act: a pause longer than a kept session, then one past the page's maximum age
            now.withLockedValue { $0 += AppServices.keptSignInAge + 5 }
            let afterPause = try await burst(rendering: "second")
            now.withLockedValue { $0 += PersonalPageCache.maxAge + 1 }
            let afterLongPause = try await burst(rendering: "third")
            // check
            #expect(PersonalPageCache.maxAge > AppServices.keptSignInAge + 5)
            #expect(afterPause.rendered == "second")
            #expect(afterPause.meanwhile == "first")
            #expect(afterLongPause.rendered == "third")
            #expect(afterLongPause.meanwhile == "third")
        }
    }

    @Test func aRenderThatFailsIsNotSharedEveryRequestTriesForItself() async throws {
        try await withApp { app in
            // setup
            struct Refused: Error {}
            let pages = PersonalPageCache(audit: app.services.audit, clock: { Date() })
            let attempts = NIOLockedValueBox(0)
            // act
            let failures = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        do {
                            _ = try await pages.page("k", generation: 1) {
                                attempts.withLockedValue { $0 += 1 }
                                try await Task.sleep(for: .milliseconds(100))
                                throw Refused()
                            }
                            return false
                        } catch { return error is Refused }
                    }
                }
                return await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
            }
            // check: each request's own attempt (a refusal is audited once per request)
            #expect(failures == 8)
            #expect(attempts.withLockedValue { $0 } == 8)
            #expect(pages.count == 0)
        }
    }
}
