import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// The practice log: finishing a practice in practice mode saves it for a signed-in client,
/// privately, sealed and audited; the log shows the weeks as a chart and a table that agree.
@Suite struct PracticeLogTests {
    static func setUp(_ app: TestApp) async throws -> Browser {
        try await app.createUser(.therapist, email: "t@example.org")
        try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
        return try await app.signedIn("c@example.org")
    }

    static func practice(_ app: TestApp) throws -> LibraryItem {
        try #require(app.services.library.items.first { $0.isPractice && $0.minutes > 1 })
    }

    /// Saves a practice through the practice page's form; returns the new record's id.
    static func record(_ client: Browser, _ item: LibraryItem, _ fields: [String: String] = [:]) async throws -> String {
        let saved = try await client.submit(SiteURL.practiceLog.path, fields: ["item": item.id, "minutes": String(item.minutes)].merging(fields) { $1 },
                                            formPage: SiteURL.libraryPractice(item.id).path)
        #expect(saved.status == .seeOther)
        let location = try #require(saved.headers[.location])
        #expect(location.hasSuffix("?done=saved"))
        return String(try #require(location.split(separator: "?").first).dropFirst("/practice-log/".count))
    }

    /// Every match of a pattern's capture groups in a page.
    static func matches(_ pattern: String, in text: String) throws -> [[String]] {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            (1..<match.numberOfRanges).map { String(text[Range(match.range(at: $0), in: text)!]) }
        }
    }

    @Test func finishingAPracticeSavesItToTheLogWithACalmConfirmation() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let item = try Self.practice(app)
            // act
            let page = try await client.get(SiteURL.libraryPractice(item.id).path).bodyText
            let id = try await Self.record(client, item, ["minutes": "12", "distressBefore": "7", "kindnessBefore": "3",
                                                         "distressAfter": "4", "kindnessAfter": "6", "note": "Hand on heart <b>helped</b>"])
            let shown = try await client.get(SiteURL.practiceRecord(id).path + "?done=saved").bodyText
            let log = try await client.get(SiteURL.practiceLog.path).bodyText
            // check: the practice page carries a plain form with the item's length filled in
            #expect(page.contains("action=\"/practice-log\""))
            #expect(Browser.inputValue("item", in: page) == item.id)
            #expect(page.contains("name=\"minutes\" value=\"\(item.minutes)\""))
            for name in PracticeRecord.ratingFields { #expect(page.contains("name=\"\(name)\""), "\(name)") }
            #expect(page.contains("I've finished: save to my practice log"))
            // the record, its confirmation and the log
            #expect(shown.contains("Saved to your practice log."))
            #expect(shown.contains(item.title.replacingOccurrences(of: "'", with: "&#39;")) || shown.contains(item.title))
            #expect(shown.contains("7 before, 4 after"))
            #expect(shown.contains("3 before, 6 after"))
            #expect(shown.contains("Hand on heart &lt;b&gt;helped&lt;/b&gt;"))
            #expect(!shown.contains("<b>helped</b>"))
            #expect(log.contains("Distress 7 before, 4 after."))
            #expect(log.contains("12 minutes"))
            let stored = try #require(try await app.services.practiceLog.all(for: try await app.user("c@example.org"), address: nil).first)
            #expect(stored.entry.itemID == item.id && stored.entry.itemTitle == item.title && stored.entry.minutes == 12)
            let actions = try await app.auditTrail().map(\.action)
            #expect(actions.contains("practice.write"))
            #expect(actions.filter { $0 == "practice.read" }.count >= 2)
            #expect(try await app.services.audit.verify().ok)
        }
    }

    @Test func visitorsAndTherapistsCanPractiseButKeepNoLog() async throws {
        try await withApp { app in
            // setup
            _ = try await Self.setUp(app)
            let item = try Self.practice(app)
            let visitor = app.browser(address: "198.51.100.7")
            let therapist = try await app.signedIn("t@example.org", address: "198.51.100.8")
            // act
            let visitorPage = try await visitor.get(SiteURL.libraryPractice(item.id).path)
            let therapistPage = try await therapist.get(SiteURL.libraryPractice(item.id).path)
            let visitorPost = try await visitor.submit(SiteURL.practiceLog.path, fields: ["item": item.id, "minutes": "5"],
                                                       formPage: SiteURL.libraryPractice(item.id).path)
            let therapistPost = try await therapist.submit(SiteURL.practiceLog.path, fields: ["item": item.id, "minutes": "5"],
                                                           formPage: SiteURL.libraryPractice(item.id).path)
            // check
            #expect(visitorPage.status == .ok && therapistPage.status == .ok)
            #expect(visitorPage.bodyText.contains("data-practice=\"practice\""))
            #expect(!visitorPage.bodyText.contains("action=\"/practice-log\""))
            #expect(visitorPage.bodyText.contains("signing in keeps a private log"))
            #expect(!therapistPage.bodyText.contains("action=\"/practice-log\""))
            #expect(visitorPost.status == .unauthorized)
            #expect(therapistPost.status == .forbidden)
            #expect(try await therapist.get(SiteURL.practiceLog.path).status == .forbidden)
            #expect(try await visitor.get(SiteURL.practiceLog.path).status == .unauthorized)
            #expect(try await app.count("practice_log_entries") == 0)
        }
    }

    @Test func aRecordThatCantBeSavedComesBackAsTypedWithTheReasonsLinked() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let item = try Self.practice(app)
            let practicePage = SiteURL.libraryPractice(item.id).path
            let longNote = String(repeating: "n", count: PracticeRecord.maximumNoteLength + 1)
            // act
            let outOfRange = try await client.submit(SiteURL.practiceLog.path, fields: [
                "item": item.id, "minutes": "0", "distressBefore": "12", "kindnessAfter": "6", "note": "Still here <i>kept</i>",
            ], formPage: practicePage)
            let notANumber = try await client.submit(SiteURL.practiceLog.path, fields: ["item": item.id, "minutes": "about ten"], formPage: practicePage)
            let tooLong = try await client.submit(SiteURL.practiceLog.path, fields: ["item": item.id, "minutes": "300", "note": longNote],
                                                  formPage: practicePage)
            let unknownItem = try await client.submit(SiteURL.practiceLog.path, fields: ["item": "no-such-practice", "minutes": "5"],
                                                      formPage: practicePage)
            // check
            #expect(outOfRange.status == .unprocessableContent)
            let body = outOfRange.bodyText
            #expect(body.contains("href=\"#minutes\""))
            #expect(body.contains("href=\"#distressBefore\""))
            #expect(body.contains("name=\"minutes\" value=\"0\""))
            #expect(body.contains("<option value=\"12\" selected=\"selected\">12</option>"))
            #expect(body.contains("<option value=\"6\" selected=\"selected\">6</option>"))
            #expect(body.contains("Still here &lt;i&gt;kept&lt;/i&gt;"))
            #expect(body.contains("aria-invalid=\"true\""))
            #expect(notANumber.status == .unprocessableContent)
            #expect(notANumber.bodyText.contains("name=\"minutes\" value=\"about ten\""))
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.bodyText.contains(longNote))
            #expect(tooLong.bodyText.contains("href=\"#note\""))
            #expect(unknownItem.status == .notFound)
            #expect(try await app.count("practice_log_entries") == 0)
        }
    }

    @Test func theChartAndTheTableShowTheSameWeeksAsTheStoredRecords() async throws {
        try await withApp { app in
            // setup: records spread over the last weeks, one too old to show, ratings on some
            let client = try await Self.setUp(app)
            let owner = try await app.user("c@example.org")
            let now = app.services.configuration.clock()
            let day = 86_400.0
            let spread: [(daysAgo: Double, minutes: Int)] = [(0, 10), (0.2, 5), (1, 12), (8, 20), (15, 7), (16, 3), (29, 30), (44, 15), (80, 99)]
            var records: [PracticeRecord] = []
            for (index, entry) in spread.enumerated() {
                let record = PracticeRecord(itemID: "soothing-touch", itemTitle: "Soothing touch", minutes: entry.minutes,
                                            finishedAt: now.addingTimeInterval(-entry.daysAgo * day),
                                            distressBefore: index < 3 ? 6 : nil, distressAfter: index < 3 ? 4 : nil)
                _ = try await app.services.practiceLog.create(record, for: owner, address: nil)
                records.append(record)
            }
            // act
            let page = try await client.get(SiteURL.practiceLog.path).bodyText
            // check: expected minutes per Monday-started week, worked out here independently
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = .current
            calendar.firstWeekday = 2
            let thisWeek = try #require(calendar.dateInterval(of: .weekOfYear, for: now)).start
            let weekStarts = (0..<PracticeLogController.weekCount).reversed().map { back in
                calendar.date(byAdding: .weekOfYear, value: -back, to: thisWeek)!
            }
            let expected = weekStarts.map { start in
                records.filter { calendar.dateInterval(of: .weekOfYear, for: $0.finishedAt)?.start == start }.reduce(0) { $0 + $1.minutes }
            }
            let keys = weekStarts.map { start -> String in
                let parts = calendar.dateComponents([.year, .month, .day], from: start)
                return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
            }
            let bars = try Self.matches(#"<rect class="bar" data-week="([0-9-]+)" data-minutes="([0-9]+)""#, in: page)
            let rows = try Self.matches(#"<tr data-week="([0-9-]+)"><th scope="row">[^<]*</th><td class="minutes">([0-9]+)</td>"#, in: page)
            #expect(bars.map { $0[0] } == keys)
            #expect(bars.map { Int($0[1])! } == expected)
            #expect(rows.map { $0[0] } == keys)
            #expect(rows.map { Int($0[1])! } == expected)
            #expect(expected.contains(0))
            let shownMinutes = expected.reduce(0, +)
            #expect(shownMinutes == records.dropLast().reduce(0) { $0 + $1.minutes })
            let days = Set(records.dropLast().map { calendar.dateComponents([.year, .month, .day], from: $0.finishedAt) }).count
            #expect(page.contains("You practised on \(days) days in the last \(PracticeLogController.weekCount) weeks, \(shownMinutes) minutes in all."))
            // accessible: a named image with a description, and the table beside it
            #expect(page.contains("role=\"img\" aria-labelledby=\"practice-chart-title practice-chart-desc\""))
            #expect(page.contains("<title id=\"practice-chart-title\">"))
            #expect(page.contains("<desc id=\"practice-chart-desc\">"))
            // before and after, calmly
            #expect(page.contains("On average your distress was 2.0 lower after practising."))
            #expect(!page.lowercased().contains("streak") && !page.lowercased().contains("missed"))
        }
    }

    @Test func anotherClientATherapistAndAnAdminCannotReachARecord() async throws {
        try await withApp { app in
            // setup
            let owner = try await Self.setUp(app)
            let item = try Self.practice(app)
            let id = try await Self.record(owner, item, ["note": "only-mine-note"])
            try await app.createUser(.client, email: "other@example.org", therapist: "t@example.org")
            try await app.createUser(.admin, email: "a@example.org")
            let other = try await app.signedIn("other@example.org", address: "198.51.100.3")
            let therapist = try await app.signedIn("t@example.org", address: "198.51.100.4")
            let admin = try await app.signedIn("a@example.org", address: "198.51.100.5")
            // act
            let otherRead = try await other.get(SiteURL.practiceRecord(id).path)
            let otherDelete = try await other.submit(SiteURL.practiceRecordDelete(id).path, fields: [:], formPage: SiteURL.practiceLog.path)
            let otherShare = try await other.submit(SiteURL.practiceRecordSharing(id).path, fields: ["shared": "1"], formPage: SiteURL.practiceLog.path)
            let otherLog = try await other.get(SiteURL.practiceLog.path).bodyText
            // check
            #expect(otherRead.status == .notFound)
            #expect(otherDelete.status == .notFound)
            #expect(otherShare.status == .notFound)
            #expect(!otherLog.contains("only-mine-note") && !otherLog.contains(SiteURL.practiceRecord(id).path))
            #expect(try await therapist.get(SiteURL.practiceRecord(id).path).status == .forbidden)
            #expect(try await admin.get(SiteURL.practiceLog.path).status == .forbidden)
            #expect(try await owner.get(SiteURL.practiceRecord(id).path).bodyText.contains("only-mine-note"))
            #expect(try await app.count("practice_log_entries") == 1)
        }
    }

    @Test func aTherapistSeesOnlySharedRecordsOfTheirOwnClientAndRevokingWorksAtOnce() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let item = try Self.practice(app)
            let shared = try await Self.record(client, item, ["note": "shared-note"])
            _ = try await Self.record(client, item, ["note": "private-note"])
            let therapist = try await app.user("t@example.org")
            try await app.createUser(.therapist, email: "t2@example.org")
            let otherTherapist = try await app.user("t2@example.org")
            let clientID = try await app.user("c@example.org").id
            // act: shared from the log's list, revoked from the record's page
            let share = try await client.submit(SiteURL.practiceRecordSharing(shared).path, fields: ["shared": "1", "return": "log"],
                                                formPage: SiteURL.practiceLog.path)
            let seen = try #require(try await app.services.practiceLog.shared(clientID: clientID, therapist: therapist, address: nil))
            let notTheirs = try await app.services.practiceLog.shared(clientID: clientID, therapist: otherTherapist, address: nil)
            let log = try await client.get(SiteURL.practiceLog.path).bodyText
            let revoke = try await client.submit(SiteURL.practiceRecordSharing(shared).path, fields: ["shared": "0"],
                                                 formPage: SiteURL.practiceRecord(shared).path)
            let afterRevoking = try #require(try await app.services.practiceLog.shared(clientID: clientID, therapist: therapist, address: nil))
            // check
            #expect(share.headers[.location] == SiteURL.practiceLog.path + "?done=shared")
            #expect(seen.map(\.entry.note) == ["shared-note"])
            #expect(notTheirs == nil)
            #expect(log.contains("shared with your therapist"))
            #expect(revoke.headers[.location] == SiteURL.practiceRecord(shared).path + "?done=unshared")
            #expect(afterRevoking.isEmpty)
            let trail = try await app.auditTrail()
            #expect(trail.filter { $0.action == "practice.read" && $0.outcome == "denied" }.count == 1)
            #expect(trail.contains { $0.action == "practice.share" } && trail.contains { $0.action == "practice.unshare" })
        }
    }

    @Test func whatIsRecordedIsSealedAtRest() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let item = try Self.practice(app)
            let marker = "practice-note-\(UUID().uuidString)"
            // act
            _ = try await Self.record(client, item, ["note": marker, "distressBefore": "9"])
            // check
            let rows = try await app.services.database.sql.raw("SELECT content FROM practice_log_entries").all()
            #expect(rows.count == 1)
            let content = try rows[0].decode(column: "content", as: String.self)
            #expect(content.hasPrefix("v1:"))
            #expect(!content.contains(marker) && !content.contains(item.id))
            if app.usesSQLite {
                let raw = try app.rawDatabaseBytes()
                #expect(raw.range(of: Data(marker.utf8)) == nil)
            }
        }
    }

    @Test func deletingFromTheListRemovesTheRecordAndOlderRecordsArePaged() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let owner = try await app.user("c@example.org")
            let count = PracticeLogStore.pageSize + 2
            for index in 0..<count {
                let record = PracticeRecord(itemID: "soothing-touch", itemTitle: "Practice number \(index) end", minutes: 5, finishedAt: Date())
                _ = try await app.services.practiceLog.create(record, for: owner, address: nil)
            }
            // act
            let first = try await client.get(SiteURL.practiceLog.path).bodyText
            let older = try #require(first.range(of: "href=\"/practice-log?before=").map { first[$0.upperBound...].prefix { $0 != "\"" } })
            let second = try await client.get(SiteURL.practiceLog.path + "?before=" + older).bodyText
            let newest = try #require(try await app.services.practiceLog.page(for: owner, address: nil).entries.first)
            let deleted = try await client.submit(SiteURL.practiceRecordDelete(newest.id).path, fields: [:], formPage: SiteURL.practiceLog.path)
            // check
            for index in 0..<count {
                let marker = "Practice number \(index) end"
                #expect(first.contains(marker) != second.contains(marker), "\(marker)")
            }
            #expect(!second.contains("practice-chart"))
            #expect(deleted.headers[.location] == SiteURL.practiceLog.path + "?done=deleted")
            #expect(try await app.count("practice_log_entries") == count - 1)
            #expect(try await app.auditTrail().contains { $0.action == "practice.delete" })
        }
    }

    @Test func aRecordSentAfterTheSessionEndedComesBackAfterSigningIn() async throws {
        try await withApp { app in
            // setup: a long practice outlasts the session
            let client = try await Self.setUp(app)
            let item = try Self.practice(app)
            let token = try #require(Browser.csrfToken(in: try await client.get(SiteURL.libraryPractice(item.id).path).bodyText))
            client.setCookie(app.services.cookies.sessionName, "")
            // act
            let rejected = try await client.post(SiteURL.practiceLog.path, form: [
                "_csrf": token, "item": item.id, "itemTitle": item.title, "minutes": "25", "distressAfter": "3", "note": "Long one",
            ])
            let loginToken = try #require(Browser.csrfToken(in: rejected.bodyText))
            let resumed = try await client.post(SiteURL.login.path, form: [
                "_csrf": loginToken, "email": "c@example.org", "password": TestApp.password, "_held_path": SiteURL.practiceLog.path,
                "_held.item": item.id, "_held.itemTitle": item.title, "_held.minutes": "25", "_held.distressAfter": "3", "_held.note": "Long one",
            ])
            // check
            #expect(rejected.status == .unauthorized)
            #expect(Browser.inputValue("_held.note", in: rejected.bodyText) == "Long one")
            #expect(resumed.status == .ok)
            #expect(resumed.bodyText.contains("name=\"minutes\" value=\"25\""))
            #expect(resumed.bodyText.contains("<option value=\"3\" selected=\"selected\">3</option>"))
            #expect(resumed.bodyText.contains("Long one"))
            #expect(try await app.count("practice_log_entries") == 0)
        }
    }

    @Test func exportIncludesThePracticeLogAndErasingRemovesIt() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let item = try Self.practice(app)
            _ = try await Self.record(client, item, ["note": "For my export", "kindnessBefore": "2", "kindnessAfter": "5"])
            // act
            let json = try await client.get(SiteURL.accountExport.path).bodyText
            let page = try await client.get("/account/export/print").bodyText
            let erased = try await client.submit("/account/erase", fields: ["currentPassword": TestApp.password, "confirm": "erase"],
                                                 formPage: SiteURL.account.path)
            // check
            #expect(json.contains("\"practiceLog\""))
            #expect(json.contains("For my export"))
            #expect(json.contains("\"kindnessAfter\":5") || json.contains("\"kindnessAfter\" : 5"))
            #expect(page.contains("For my export"))
            #expect(page.contains("Kindness to yourself 2 before, 5 after."))
            #expect(erased.status == .seeOther)
            #expect(try await app.count("practice_log_entries") == 0)
        }
    }

    @Test func manyPracticesSavedAtOnceAreAllKeptAndAudited() async throws {
        try await withApp { app in
            // setup: more simultaneous saves than the pool has connections, from several clients
            try await app.createUser(.therapist, email: "t@example.org")
            let item = try Self.practice(app)
            var clients: [(Browser, String)] = []
            for index in 0..<8 {
                try await app.createUser(.client, email: "c\(index)@example.org", therapist: "t@example.org")
                let browser = try await app.signedIn("c\(index)@example.org", address: "198.51.100.\(index + 1)")
                clients.append((browser, try #require(Browser.csrfToken(in: try await browser.get(SiteURL.libraryPractice(item.id).path).bodyText))))
            }
            let perClient = 6
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (browser, token) in clients {
                    for number in 0..<perClient {
                        group.addTask {
                            try await browser.post(SiteURL.practiceLog.path, form: [
                                "_csrf": token, "item": item.id, "minutes": String(number + 1), "distressBefore": "5", "distressAfter": "3",
                            ]).status
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.count == clients.count * perClient)
            #expect(statuses.allSatisfy { $0 == .seeOther })
            #expect(try await app.count("practice_log_entries") == clients.count * perClient)
            #expect(try await app.auditTrail().filter { $0.action == "practice.write" }.count == clients.count * perClient)
            #expect(try await app.services.audit.verify().ok)
        }
    }
}
