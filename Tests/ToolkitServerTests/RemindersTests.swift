import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Reminders through a private calendar feed: turned on by the client, served from a secret
/// address that is shown once and stored only as a hash, carrying nothing clinical, and dead the
/// moment it is replaced or turned off.
@Suite struct RemindersTests {
    /// Posts the reminders form, days repeated as a browser sends checkboxes.
    static func save(_ client: Browser, time: String, days: [Int], newAddress: Bool = false, assignmentDays: Bool = false,
                     csrf: String? = nil) async throws -> TestResponse {
        let token: String
        if let csrf { token = csrf } else { token = Browser.csrfToken(in: try await client.get(SiteURL.reminders.path).bodyText) ?? "" }
        var pairs = ["_csrf=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")", "time=\(time.replacingOccurrences(of: ":", with: "%3A"))"]
        pairs += days.map { "days=\($0)" }
        if newAddress { pairs.append("newAddress=1") }
        if assignmentDays { pairs.append("assignmentDays=1") }
        return try await client.send(SiteURL.reminders.path, method: .post,
                                     headers: [.contentType: "application/x-www-form-urlencoded", .origin: client.origin],
                                     body: ByteBuffer(string: pairs.joined(separator: "&")))
    }

    /// The feed's path in the page that made it (the https:// or http:// address; the webcal:// link has the same path).
    static func feedPath(in page: String) throws -> String {
        let start = try #require(page.range(of: "/calendar/"))
        let end = try #require(page.range(of: ".ics", range: start.upperBound..<page.endIndex))
        return String(page[start.lowerBound..<end.upperBound])
    }

    @Test func aClientTurnsOnRemindersAndTheirCalendarGetsOnlyPracticeTime() async throws {
        try await withApp { app in
            // setup
            let client = try await JournalTests.setUp(app)
            // act
            let page = try await Self.save(client, time: "07:45", days: [1, 3, 5])
            // check: the address is shown once, works without a session, and says nothing clinical
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            let path = try Self.feedPath(in: page.bodyText)
            let token = String(path.dropFirst("/calendar/".count).dropLast(".ics".count))
            #expect(token.count >= 40)
            let feed = try await app.browser().get(path)
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType] == "text/calendar; charset=utf-8")
            let text = feed.bodyText
            #expect(text.contains("SUMMARY:Practice time\r\n"))
            #expect(text.contains("RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR\r\n"))
            #expect(text.contains("T074500\r\n"))
            #expect(text.contains("URL:http://localhost/today\r\n"))
            for private_ in ["Cleo", "c@example.org", "journal", "therapist", "crisis", "safety"] {
                #expect(!text.lowercased().contains(private_.lowercased()), "\(private_)")
            }
            // the page doesn't show the address again, and the database keeps only its hash
            let later = try await client.get(SiteURL.reminders.path).bodyText
            #expect(!later.contains(token))
            #expect(later.contains("Reminders are on"))
            #expect(try app.rawDatabaseBytes().range(of: Data(token.utf8)) == nil)
            #expect(try await app.auditTrail().contains { $0.action == "calendar-feed.on" })
        }
    }

    @Test func aChangeKeepsTheAddressANewAddressOrTurningOffEndsTheOldOne() async throws {
        try await withApp { app in
            // setup
            let client = try await JournalTests.setUp(app)
            let first = try Self.feedPath(in: try await Self.save(client, time: "19:00", days: Array(1...7)).bodyText)
            let anyone = app.browser()
            // act: change the time; the address stays
            let changed = try await Self.save(client, time: "21:15", days: [6, 7])
            #expect(changed.status == .seeOther)
            #expect(try await anyone.get(first).bodyText.contains("BYDAY=SA,SU"))
            // act: a new address
            let second = try Self.feedPath(in: try await Self.save(client, time: "21:15", days: [6, 7], newAddress: true).bodyText)
            // check
            #expect(second != first)
            #expect(try await anyone.get(first).status == .notFound)
            #expect(try await anyone.get(second).status == .ok)
            // act: off
            let off = try await client.submit(SiteURL.remindersOff.path, fields: [:], formPage: SiteURL.reminders.path)
            #expect(off.status == .seeOther)
            #expect(try await anyone.get(second).status == .notFound)
            #expect(try await app.count("calendar_feeds") == 0)
            #expect(try await anyone.get("/calendar/not-a-token.ics").status == .notFound)
            #expect(try await anyone.get("/calendar/" + String(repeating: "a", count: 43) + ".ics").status == .notFound)
            let actions = try await app.auditTrail().map(\.action)
            #expect(actions.contains("calendar-feed.change") && actions.contains("calendar-feed.new-address") && actions.contains("calendar-feed.off"))
        }
    }

    @Test func aBadTimeOrNoDaysComesBackWithTheChoicesKept() async throws {
        try await withApp { app in
            // setup
            let client = try await JournalTests.setUp(app)
            // act
            let noDays = try await Self.save(client, time: "19:00", days: [])
            let badTime = try await Self.save(client, time: "7pm", days: [2, 4])
            // check
            #expect(noDays.status == .unprocessableContent)
            #expect(noDays.bodyText.contains("Please choose at least one day."))
            #expect(badTime.status == .unprocessableContent)
            #expect(badTime.bodyText.contains("Please give a time such as 19:30."))
            #expect(badTime.bodyText.contains(#"name="days" value="2" checked"#))
            #expect(!badTime.bodyText.contains(#"name="days" value="1" checked"#))
            #expect(try await app.count("calendar_feeds") == 0)
        }
    }

    @Test func onlyASignedInClientSetsRemindersAndOnlyWithTheFormToken() async throws {
        try await withApp { app in
            // setup
            let client = try await JournalTests.setUp(app)
            let therapist = try await app.signedIn("t@example.org")
            // act + check
            #expect(try await therapist.get(SiteURL.reminders.path).status == .forbidden)
            #expect(try await Self.save(therapist, time: "19:00", days: [1], csrf: Browser.csrfToken(in: try await therapist.get(SiteURL.account.path).bodyText)).status == .forbidden)
            #expect(try await app.browser().get(SiteURL.reminders.path).status == .unauthorized)
            #expect(try await Self.save(client, time: "19:00", days: [1], csrf: "forged").status == .forbidden)
            #expect(try await app.count("calendar_feeds") == 0)
        }
    }

    @Test func manySavesAtOnceLeaveOneFeedAndEveryAnswerIsFine() async throws {
        try await withApp { app in
            // setup
            let client = try await JournalTests.setUp(app)
            let csrf = try #require(Browser.csrfToken(in: try await client.get(SiteURL.reminders.path).bodyText))
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<30 {
                    group.addTask { try await Self.save(client, time: String(format: "%02d:00", index % 24), days: [1 + index % 7], csrf: csrf).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check: every save answered (a new address or a change), and there is one feed
            #expect(statuses.allSatisfy { $0 == .ok || $0 == .seeOther }, "answers: \(statuses.map(\.code))")
            #expect(try await app.count("calendar_feeds") == 1)
        }
    }

    @Test func theFeedCarriesTheDaysAssignmentsPlanWhenAskedAndNothingAboutThem() async throws {
        try await withApp { app in
            // setup: a practice planned for tomorrow's weekday; the client's own reminder day is today's
            let (therapist, client, clientID) = try await AssignmentTests.setUp(app)
            var utc = Calendar(identifier: .gregorian)
            utc.timeZone = TimeZone(identifier: "UTC")!
            let today = try #require(CalendarDay(AssignmentTests.today(app)))
            let tomorrow = today.adding(days: 1, in: utc)
            let id = try await AssignmentTests.assign(therapist, clientID: clientID, item: "self-compassion-break", note: "For the grief after Sam",
                                                      frequency: "weekdays", start: today.description,
                                                      extra: ["weekdays": String(tomorrow.isoWeekday(in: utc))])
            func events(_ path: String) async throws -> String { try await app.browser().get(path).bodyText }
            let stamp = String(format: "%04d%02d%02dT081500", tomorrow.year, tomorrow.month, tomorrow.day)
            // act: turned on with assigned days, then changed to without, then with again and the assignment ended
            let path = try Self.feedPath(in: try await Self.save(client, time: "08:15", days: [today.isoWeekday(in: utc)], assignmentDays: true).bodyText)
            let withDays = try await events(path)
            let page = try await client.get(SiteURL.reminders.path).bodyText
            #expect(try await Self.save(client, time: "08:15", days: [today.isoWeekday(in: utc)]).status == .seeOther)
            let without = try await events(path)
            #expect(try await Self.save(client, time: "08:15", days: [today.isoWeekday(in: utc)], assignmentDays: true).status == .seeOther)
            #expect(try await therapist.post(SiteURL.clientAssignmentEnd(clientID, id).path,
                                             form: ["_csrf": Browser.csrfToken(in: try await therapist.get(SiteURL.clientAssignment(clientID, id).path).bodyText) ?? ""]).status == .seeOther)
            let ended = try await events(path)
            // check: eight weeks of tomorrow's weekday, each "Practice time" only; none when not asked for or ended
            #expect(withDays.components(separatedBy: "BEGIN:VEVENT").count == 1 + 1 + 8)
            #expect(withDays.contains("DTSTART:\(stamp)\r\n"))
            for word in ["grief", "sam", "self-compassion break", "assign", "therapist"] {
                #expect(!withDays.lowercased().contains(word), "\(word)")
            }
            #expect(page.contains("and on the other days your therapist has planned a practice"))
            #expect(page.contains(#"name="assignmentDays" value="1" aria-describedby="assignment-days-hint" checked"#)
                    || page.contains(#"name="assignmentDays" value="1" checked"#))
            #expect(without.components(separatedBy: "BEGIN:VEVENT").count == 2)
            #expect(ended.components(separatedBy: "BEGIN:VEVENT").count == 2)
        }
    }
}
