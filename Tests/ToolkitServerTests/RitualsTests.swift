import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Small daily rituals: chosen from the library's menu or written, marked for today or
/// yesterday, counted as days made time for; sealed, private, audited; no streaks.
@Suite struct RitualsTests {
    static func setUp(_ app: TestApp) async throws -> Browser {
        try await app.createUser(.therapist, email: "t@example.org")
        try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
        return try await app.signedIn("c@example.org")
    }

    static var calendar: Calendar { RitualsController.calendar(in: .current) }

    static func today(_ app: TestApp) -> CalendarDay { CalendarDay(app.services.configuration.clock(), in: calendar) }

    @discardableResult
    static func addOwn(_ client: Browser, _ text: String) async throws -> TestResponse {
        try await client.submit(SiteURL.ritualsAdd.path, fields: ["text": text], formPage: SiteURL.rituals.path)
    }

    static func plan(_ app: TestApp, _ email: String = "c@example.org") async throws -> RitualPlan {
        try await app.services.rituals.load(for: try await app.user(email), address: nil)?.document ?? RitualPlan()
    }

    static func mark(_ client: Browser, _ ritualID: String, _ day: CalendarDay, done: Bool = true) async throws -> TestResponse {
        try await client.submit(SiteURL.ritualsMark.path, fields: ["ritual": ritualID, "day": day.description, "done": done ? "1" : "0"],
                                formPage: SiteURL.rituals.path)
    }


    /// Breaking out of an attribute would put the script tag itself into the page.
    static let payload = "\"><script>alert(1)</script>x\" onmouseover=\"alert(2)"

    static func expectInert(_ page: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(page.status == .ok || page.status == .unprocessableContent, sourceLocation: sourceLocation)
        #expect(!page.bodyText.contains("<script>alert"), sourceLocation: sourceLocation)
        #expect(page.bodyText.contains("&lt;script&gt;alert(1)"), sourceLocation: sourceLocation)
    }

    @Test func markupInARitualIsShownAsTextEverywhere() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            // act
            try await Self.addOwn(client, Self.payload)
            let id = try #require(try await Self.plan(app).rituals.first?.id)
            _ = try await Self.mark(client, id, Self.today(app))
            let page = try await client.get(SiteURL.rituals.path)
            let rejected = try await Self.addOwn(client, Self.payload + String(repeating: "x", count: RitualPlan.maximumTextLength))
            _ = try await client.submit(SiteURL.ritualsRetire.path, fields: ["ritual": id], formPage: SiteURL.rituals.path)
            let aside = try await client.get(SiteURL.rituals.path)
            let export = try await client.get("/account/export/print")
            // check
            for response in [page, rejected, aside, export] { Self.expectInert(response) }
        }
    }

    @Test func aClientChoosesFromTheMenuWritesTheirOwnAndMarksToday() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let empty = try await client.get(SiteURL.rituals.path).bodyText
            // act
            let fromMenu = try await client.submit(SiteURL.ritualsAdd.path, fields: ["menu": "0.1"], formPage: SiteURL.rituals.path)
            let own = try await Self.addOwn(client, "  Water the plants slowly ")
            let ritualID = try #require(try await Self.plan(app).rituals.last?.id)
            let marked = try await Self.mark(client, ritualID, Self.today(app))
            let page = try await client.get(SiteURL.rituals.path).bodyText
            // check
            #expect(empty.contains("Drink a glass of water slowly and notice how it feels."))
            #expect(empty.contains("Pick one small ritual to begin."))
            #expect(fromMenu.status == .seeOther && own.status == .seeOther && marked.status == .seeOther)
            let plan = try await Self.plan(app)
            #expect(plan.rituals.map(\.text) == ["Drink a glass of water slowly and notice how it feels.", "Water the plants slowly"])
            #expect(plan.rituals.map(\.group) == ["Morning", ""])
            #expect(plan.rituals[1].days == [Self.today(app)])
            #expect(page.contains("You've made time for a ritual on 1 day."))
            #expect(page.contains("made time"))
            #expect(page.contains("Undo today"))
            #expect(page.contains("In your rituals"))
            for word in ["streak", "in a row", "missed", "failed", "✗", "❌"] { #expect(!page.lowercased().contains(word), "\(word)") }
            let writes = try await app.auditTrail().filter { $0.action == "rituals.write" }
            #expect(writes.count == 3)
            #expect(try await app.auditTrail().contains { $0.action == "rituals.read" })
        }
    }

    @Test func yesterdayCanBeMarkedAndUnmarkedButNotEarlierOrLaterDays() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            try await Self.addOwn(client, "Three slow breaths")
            let id = try #require(try await Self.plan(app).rituals.first?.id)
            let today = Self.today(app)
            // act
            let yesterday = try await Self.mark(client, id, today.adding(days: -1, in: Self.calendar))
            let twoDaysAgo = try await Self.mark(client, id, today.adding(days: -2, in: Self.calendar))
            let tomorrow = try await Self.mark(client, id, today.adding(days: 1, in: Self.calendar))
            let notADay = try await client.submit(SiteURL.ritualsMark.path, fields: ["ritual": id, "day": "soon", "done": "1"], formPage: SiteURL.rituals.path)
            let kept = try await Self.plan(app).rituals[0].days
            let unmarked = try await Self.mark(client, id, today.adding(days: -1, in: Self.calendar), done: false)
            // check
            #expect(yesterday.status == .seeOther)
            #expect(twoDaysAgo.status == .unprocessableContent)
            #expect(twoDaysAgo.bodyText.contains("You can mark a ritual for today or yesterday."))
            #expect(tomorrow.status == .unprocessableContent)
            #expect(notADay.status == .unprocessableContent)
            #expect(kept == [today.adding(days: -1, in: Self.calendar)])
            #expect(unmarked.status == .seeOther)
            #expect(try await Self.plan(app).rituals[0].days.isEmpty)
        }
    }

    @Test func anEmptyOrOverlongRitualComesBackAsTypedWithTheReasonLinked() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let long = String(repeating: "b", count: RitualPlan.maximumTextLength + 1)
            // act
            let empty = try await Self.addOwn(client, "   ")
            let tooLong = try await Self.addOwn(client, long)
            let unknownMenu = try await client.submit(SiteURL.ritualsAdd.path, fields: ["menu": "42.0"], formPage: SiteURL.rituals.path)
            // check
            #expect(empty.status == .unprocessableContent)
            #expect(empty.bodyText.contains("href=\"#ritual-text\""))
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.bodyText.contains("value=\"\(long)\""))
            #expect(tooLong.bodyText.contains("aria-invalid=\"true\""))
            #expect(unknownMenu.status == .unprocessableContent)
            #expect(try await Self.plan(app).rituals.isEmpty)
            #expect(try await app.count("ritual_plans") == 0)
        }
    }

    @Test func aRitualPutAsideKeepsItsDaysAndCanComeBack() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            try await Self.addOwn(client, "Name three things that went OK")
            let id = try #require(try await Self.plan(app).rituals.first?.id)
            _ = try await Self.mark(client, id, Self.today(app))
            // act
            let aside = try await client.submit(SiteURL.ritualsRetire.path, fields: ["ritual": id], formPage: SiteURL.rituals.path)
            let page = try await client.get(SiteURL.rituals.path).bodyText
            let markAside = try await Self.mark(client, id, Self.today(app), done: false)
            let back = try await client.submit(SiteURL.ritualsRestore.path, fields: ["ritual": id], formPage: SiteURL.rituals.path)
            // check
            #expect(aside.status == .seeOther)
            #expect(page.contains("Put aside"))
            #expect(page.contains("Made time on 1 day"))
            #expect(page.contains("You've made time for a ritual on 1 day."))
            #expect(markAside.status == .notFound)
            #expect(back.status == .seeOther)
            let plan = try await Self.plan(app)
            #expect(plan.active.map(\.id) == [id])
            #expect(plan.rituals[0].days == [Self.today(app)])
        }
    }

    @Test func comingBackAfterAFewDaysIsGreetedWarmly() async throws {
        let clock = TestClock()
        try await withApp(configure: { $0.clock = clock.now }) { app in
            // setup
            let client = try await Self.setUp(app)
            try await Self.addOwn(client, "A warm drink without my phone")
            let id = try #require(try await Self.plan(app).rituals.first?.id)
            _ = try await Self.mark(client, id, Self.today(app))
            let sameDay = try await client.get(SiteURL.rituals.path).bodyText
            // act: five days pass; the session has long ended
            clock.advance(by: 5 * 24 * 60 * 60)
            let returning = try await app.signedIn("c@example.org")
            let page = try await returning.get(SiteURL.rituals.path).bodyText
            // check
            #expect(!sameDay.contains("Welcome back"))
            #expect(page.contains(RitualPlan.welcomeBackMessage.replacingOccurrences(of: "'", with: "&#39;"))
                    || page.contains("Welcome back. Everyone"))
            #expect(page.contains("You've made time for a ritual on 1 day."))
        }
    }

    @Test func ritualsArePrivateSealedAndOnlyTheOwnersToChange() async throws {
        try await withApp { app in
            // setup
            let owner = try await Self.setUp(app)
            let marker = "Hum a tune for Aunt Wilhelmina"
            try await Self.addOwn(owner, marker)
            let id = try #require(try await Self.plan(app).rituals.first?.id)
            try await app.createUser(.client, email: "other@example.org", therapist: "t@example.org")
            try await app.createUser(.therapist, email: "t2@example.org")
            try await app.createUser(.admin, email: "a@example.org")
            let other = try await app.signedIn("other@example.org", address: "198.51.100.3")
            let therapist = try await app.signedIn("t@example.org", address: "198.51.100.4")
            let admin = try await app.signedIn("a@example.org", address: "198.51.100.5")
            // act
            let otherPage = try await other.get(SiteURL.rituals.path).bodyText
            let otherMark = try await Self.mark(other, id, Self.today(app))
            let otherAside = try await other.submit(SiteURL.ritualsRetire.path, fields: ["ritual": id], formPage: SiteURL.rituals.path)
            let ownTherapist = try await app.services.rituals.shared(clientID: try await app.user("c@example.org").id,
                                                                      therapist: try await app.user("t@example.org"), address: nil)
            let otherTherapist = try await app.services.rituals.shared(clientID: try await app.user("c@example.org").id,
                                                                        therapist: try await app.user("t2@example.org"), address: nil)
            // check
            #expect(!otherPage.contains(marker))
            #expect(otherMark.status == .notFound)
            #expect(otherAside.status == .notFound)
            #expect(try await therapist.get(SiteURL.rituals.path).status == .forbidden)
            #expect(try await admin.get(SiteURL.rituals.path).status == .forbidden)
            #expect(try await therapist.submit(SiteURL.ritualsAdd.path, fields: ["text": "x"], formPage: SiteURL.home.path).status == .forbidden)
            #expect(ownTherapist == nil && otherTherapist == nil)
            #expect(try await app.auditTrail().filter { $0.action == "rituals.read" && $0.outcome == "denied" }.count == 2)
            let plan = try await Self.plan(app)
            #expect(plan.rituals.map(\.text) == [marker] && plan.rituals[0].days.isEmpty && !plan.rituals[0].retired)
            #expect(try await Self.plan(app, "other@example.org").rituals.isEmpty)
            if app.usesSQLite {
                #expect(try app.rawDatabaseBytes().range(of: Data(marker.utf8)) == nil)
            }
        }
    }

    @Test func marksFromTwoDevicesAtOnceAreAllKept() async throws {
        try await withApp { app in
            // setup: a phone and a laptop, every ritual marked for today and yesterday at once
            // (more requests than the pool has connections, all on one client's row)
            _ = try await Self.setUp(app)
            let phone = try await app.signedIn("c@example.org", address: "198.51.100.7")
            let laptop = try await app.signedIn("c@example.org", address: "198.51.100.8")
            for index in 0..<RitualPlan.maximumActive { try await Self.addOwn(phone, "Ritual number \(index)") }
            let ids = try await Self.plan(app).rituals.map(\.id)
            let today = Self.today(app), yesterday = today.adding(days: -1, in: Self.calendar)
            let phoneToken = try #require(Browser.csrfToken(in: try await phone.get(SiteURL.rituals.path).bodyText))
            let laptopToken = try #require(Browser.csrfToken(in: try await laptop.get(SiteURL.rituals.path).bodyText))
            let writesBefore = try await app.auditTrail().filter { $0.action == "rituals.write" }.count
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (index, id) in ids.enumerated() {
                    let first = index % 2 == 0 ? (phone, phoneToken) : (laptop, laptopToken)
                    let second = index % 2 == 0 ? (laptop, laptopToken) : (phone, phoneToken)
                    for (day, (device, token)) in [(today, first), (yesterday, second)] {
                        group.addTask {
                            try await device.post(SiteURL.ritualsMark.path, form: ["_csrf": token, "ritual": id, "day": day.description, "done": "1"]).status
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.count == ids.count * 2)
            #expect(statuses.allSatisfy { $0 == .seeOther })
            let plan = try await Self.plan(app)
            #expect(plan.rituals.allSatisfy { $0.days == [yesterday, today] })
            #expect(plan.cumulativeDays == 2)
            #expect(try await app.auditTrail().filter { $0.action == "rituals.write" }.count - writesBefore == ids.count * 2)
            #expect(try await app.services.audit.verify().ok)
        }
    }

    @Test func exportIncludesTheRitualsAndErasingRemovesThem() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            try await Self.addOwn(client, "Feet on the floor for my export")
            // act
            let json = try await client.get(SiteURL.accountExport.path).bodyText
            let page = try await client.get("/account/export/print").bodyText
            let erased = try await client.submit("/account/erase", fields: ["currentPassword": TestApp.password, "confirm": "erase"],
                                                 formPage: SiteURL.account.path)
            // check
            #expect(json.contains("\"rituals\""))
            #expect(json.contains("Feet on the floor for my export"))
            #expect(page.contains("Feet on the floor for my export"))
            #expect(erased.status == .seeOther)
            #expect(try await app.count("ritual_plans") == 0)
        }
    }
}
