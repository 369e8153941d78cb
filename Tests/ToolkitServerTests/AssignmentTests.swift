import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Assignments: a therapist assigns, the client sees it on Today, finishing the practice or
/// worksheet completes it by itself (once per day, however many requests race), "not this week",
/// and the therapist's progress page with ratings only from shared records.
@Suite struct AssignmentTests {
    /// A therapist, their client and the two signed in; days are counted from the app's clock.
    static func setUp(_ app: TestApp) async throws -> (therapist: Browser, client: Browser, clientID: String) {
        try await app.createUser(.therapist, email: "t@example.org")
        try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
        let therapist = try await app.signedIn("t@example.org", address: "198.51.100.40")
        let client = try await app.signedIn("c@example.org", address: "198.51.100.41")
        return (therapist, client, try await app.user("c@example.org").id)
    }

    static func today(_ app: TestApp) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return CalendarDay(app.services.configuration.clock(), in: calendar).description
    }

    /// Assigns through the therapist's form; returns the assignment's id.
    static func assign(_ therapist: Browser, clientID: String, item: String, note: String = "Try this after work.",
                       frequency: String = "daily", start: String, extra: [String: String] = [:]) async throws -> String {
        let saved = try await therapist.submit(SiteURL.clientAssignments(clientID).path,
                                               fields: ["item": item, "note": note, "frequency": frequency, "start": start].merging(extra) { $1 })
        #expect(saved.status == .seeOther, "\(saved.bodyText.prefix(600))")
        let location = try #require(saved.headers[.location])
        return String(try #require(location.split(separator: "?").first).split(separator: "/").last ?? "")
    }

    @Test func aTherapistAssignsAPracticeAndTheClientSeesItOnTodayWithTheNote() async throws {
        try await withApp { app in
            // setup
            let (therapist, client, clientID) = try await Self.setUp(app)
            // act
            let id = try await Self.assign(therapist, clientID: clientID, item: "self-compassion-break", note: "Note for Sam", start: Self.today(app))
            let today = try await client.get(SiteURL.today.path).bodyText
            let mine = try await client.get(SiteURL.assignments.path).bodyText
            let shown = try await therapist.get(SiteURL.clientAssignment(clientID, id).path)
            // check
            #expect(today.contains("From your therapist"))
            #expect(today.contains("Note for Sam"))
            #expect(today.contains("for today"))
            #expect(!today.contains("Nothing planned."))
            #expect(mine.contains("Note for Sam"))
            #expect(mine.contains(AssignmentViews.privacySentence.replacingOccurrences(of: "'", with: "&#39;"))
                    || mine.contains(AssignmentViews.privacySentence))
            #expect(shown.status == .ok)
            #expect(shown.bodyText.contains("Done and planned"))
            #expect(try await app.count("assignments") == 1)
            #expect(try await app.auditTrail().contains { $0.action == "assignment.write" && $0.subjectUserId == clientID })
        }
    }

    @Test func finishingThePracticeCompletesItOnceADayAndTodaySaysDone() async throws {
        try await withApp { app in
            // setup
            let (therapist, client, clientID) = try await Self.setUp(app)
            let item = try #require(app.services.library.item("self-compassion-break"))
            _ = try await Self.assign(therapist, clientID: clientID, item: item.id, start: Self.today(app))
            // act
            _ = try await PracticeLogTests.record(client, item)
            _ = try await PracticeLogTests.record(client, item)
            let other = try #require(app.services.library.item("affectionate-breathing"))
            _ = try await PracticeLogTests.record(client, other)
            let today = try await client.get(SiteURL.today.path).bodyText
            let token = try await app.apiToken("c@example.org")
            let api = try await ConcurrencyTests.call(app, .get, "/api/v1/me/assignments", token: token)
            // check
            #expect(try await app.count("assignment_completions") == 1)
            #expect(try await app.count("practice_log_entries") == 3)
            #expect(today.contains("done · done today"))
            #expect(api.status == .ok)
            #expect(api.bodyText.contains(#""state":"done-today""#))
        }
    }

    @Test func aBurstOfPracticesForOneAssignmentCountsExactlyOnce() async throws {
        try await withApp { app in
            // setup: more simultaneous saves than the pool has connections
            let (therapist, client, clientID) = try await Self.setUp(app)
            let item = try #require(app.services.library.item("self-compassion-break"))
            let id = try await Self.assign(therapist, clientID: clientID, item: item.id, start: Self.today(app))
            let token = try #require(Browser.csrfToken(in: try await client.get(SiteURL.libraryPractice(item.id).path).bodyText))
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for number in 0..<24 {
                    group.addTask {
                        try await client.post(SiteURL.practiceLog.path, form: ["_csrf": token, "item": item.id, "minutes": String(number % 5 + 1)]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.count == 24)
            #expect(statuses.allSatisfy { $0 == .seeOther })
            #expect(try await app.count("practice_log_entries") == 24)
            #expect(try await app.count("assignment_completions") == 1)
            let page = try await therapist.get(SiteURL.clientAssignment(clientID, id).path).bodyText
            #expect(page.contains("This week: 1 of"))
        }
    }

    @Test func savingTheWorksheetAsCompletedCompletesItAndADraftDoesNot() async throws {
        try await withApp { app in
            // setup
            let (therapist, client, clientID) = try await Self.setUp(app)
            _ = try await Self.assign(therapist, clientID: clientID, item: SavedWorksheetTests.phrases, frequency: "once", start: Self.today(app))
            // act
            let draft = try await SavedWorksheetTests.save(client, ["need-to-hear": "Draft"], status: "draft")
            let afterDraft = try await app.count("assignment_completions")
            _ = try await client.submit(SiteURL.worksheet(draft).path, fields: SavedWorksheetTests.fields(["need-to-hear": "Done"],
                                                                                                           item: SavedWorksheetTests.phrases,
                                                                                                           status: "completed"),
                                        formPage: SiteURL.worksheetEdit(draft).path)
            _ = try await SavedWorksheetTests.save(client, ["need-to-hear": "Again"], status: "completed")
            // check
            #expect(afterDraft == 0)
            #expect(try await app.count("assignment_completions") == 1)
            #expect(try await client.get(SiteURL.assignments.path).bodyText.contains("Finished"))
        }
    }

    @Test func aProgramCountsThePracticesOfItsOpenedWeeksOnly() async throws {
        try await withApp { app in
            // setup
            let (therapist, client, clientID) = try await Self.setUp(app)
            let program = try #require(app.services.library.item("four-week-introduction-program"))
            _ = try await Self.assign(therapist, clientID: clientID, item: program.id, start: Self.today(app))
            let weekTwoItems = program.weeks[1].homePractice.compactMap(app.services.library.item)
            let weekTwo = try #require(weekTwoItems.first { $0.isPractice && !program.weeks[0].homePractice.contains($0.id) })
            let weekOneItems = program.weeks[0].homePractice.compactMap(app.services.library.item)
            let weekOne = try #require(weekOneItems.first { $0.isPractice })
            // act
            _ = try await PracticeLogTests.record(client, weekTwo)
            let beforeWeekOne = try await app.count("assignment_completions")
            _ = try await PracticeLogTests.record(client, weekOne)
            let page = try await client.get(SiteURL.assignments.path).bodyText
            // check
            #expect(beforeWeekOne == 0)
            #expect(try await app.count("assignment_completions") == 1)
            #expect(page.contains("Week 1: \(program.weeks[0].theme)"))
            #expect(!page.contains("Week 2: \(program.weeks[1].theme)"))
            #expect(page.contains("Week 2 opens on"))
        }
    }

    @Test func notThisWeekSetsTheWeekAsideCalmlyAndTheTherapistSeesIt() async throws {
        try await withApp { app in
            // setup
            let (therapist, client, clientID) = try await Self.setUp(app)
            let id = try await Self.assign(therapist, clientID: clientID, item: "self-compassion-break", start: Self.today(app))
            // act
            let tooLong = try await client.submit(SiteURL.assignmentSetAside(id).path, fields: ["reason": String(repeating: "x", count: 201)],
                                                  formPage: SiteURL.assignments.path)
            let saved = try await client.submit(SiteURL.assignmentSetAside(id).path, fields: ["reason": "Away with family"],
                                                formPage: SiteURL.assignments.path)
            let mine = try await client.get(SiteURL.assignments.path + "?done=set-aside").bodyText
            let theirs = try await therapist.get(SiteURL.clientAssignment(clientID, id).path).bodyText
            let today = try await client.get(SiteURL.today.path).bodyText
            // check
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.bodyText.contains("under 200 characters"))
            #expect(saved.status == .seeOther)
            #expect(mine.contains("You set this week aside: Away with family"))
            #expect(mine.contains("Thank you for letting your therapist know"))
            #expect(theirs.contains("(not this week)"))
            #expect(today.contains("set aside this week"))
            #expect(!mine.contains("missed") && !mine.contains("failed"))
            #expect(!(try app.rawDatabaseBytes()).containsText("Away with family"))
        }
    }

    @Test func theApiCreatesListsChangesEndsAndSkips() async throws {
        try await withApp { app in
            // setup
            _ = try await Self.setUp(app)
            let clientID = try await app.user("c@example.org").id
            let therapistToken = try await app.apiToken("t@example.org")
            let clientToken = try await app.apiToken("c@example.org")
            let start = Self.today(app)
            // act
            let created = try await ConcurrencyTests.call(app, .post, "/api/v1/clients/\(clientID)/assignments", token: therapistToken,
                                                          json: #"{"itemId":"self-compassion-break","note":"API note","schedule":{"frequency":"times-per-week","timesPerWeek":3,"start":"\#(start)"}}"#)
            struct Created: Decodable { var id: String }
            let id = try JSONDecoder().decode(Created.self, from: Data(buffer: created.body)).id
            let unknownProperty = try await ConcurrencyTests.call(app, .post, "/api/v1/clients/\(clientID)/assignments", token: therapistToken,
                                                                  json: #"{"itemId":"self-compassion-break","owner":"x","schedule":{"frequency":"daily","start":"\#(start)"}}"#)
            let unknownItem = try await ConcurrencyTests.call(app, .post, "/api/v1/clients/\(clientID)/assignments", token: therapistToken,
                                                              json: #"{"itemId":"nope","schedule":{"frequency":"daily","start":"\#(start)"}}"#)
            let endBeforeStart = try await ConcurrencyTests.call(app, .post, "/api/v1/clients/\(clientID)/assignments", token: therapistToken,
                                                                 json: #"{"itemId":"self-compassion-break","schedule":{"frequency":"daily","start":"2026-05-04","end":"2026-05-01"}}"#)
            let changed = try await ConcurrencyTests.call(app, .put, "/api/v1/clients/\(clientID)/assignments/\(id)", token: therapistToken,
                                                          json: #"{"note":"Changed","schedule":{"frequency":"weekdays","weekdays":[1,3],"start":"\#(start)"}}"#)
            let listed = try await ConcurrencyTests.call(app, .get, "/api/v1/clients/\(clientID)/assignments", token: therapistToken)
            let mine = try await ConcurrencyTests.call(app, .get, "/api/v1/me/assignments", token: clientToken)
            let skipped = try await ConcurrencyTests.call(app, .post, "/api/v1/me/assignments/\(id)/skip", token: clientToken, json: #"{"reason":"Busy"}"#)
            let adherence = try await ConcurrencyTests.call(app, .get, "/api/v1/clients/\(clientID)/adherence", token: therapistToken)
            let ended = try await ConcurrencyTests.call(app, .post, "/api/v1/clients/\(clientID)/assignments/\(id)/end", token: therapistToken)
            let endedAgain = try await ConcurrencyTests.call(app, .post, "/api/v1/clients/\(clientID)/assignments/\(id)/end", token: therapistToken)
            let clientCreates = try await ConcurrencyTests.call(app, .post, "/api/v1/clients/\(clientID)/assignments", token: clientToken,
                                                                json: #"{"itemId":"self-compassion-break","schedule":{"frequency":"daily","start":"\#(start)"}}"#)
            // check
            #expect(created.status == .created)
            #expect(created.bodyText.contains(#""note":"API note""#))
            #expect(unknownProperty.status == .badRequest)
            #expect(unknownProperty.bodyText.contains("owner"))
            #expect(unknownItem.status == .unprocessableContent)
            #expect(endBeforeStart.status == .unprocessableContent)
            #expect(changed.status == .ok && changed.bodyText.contains(#""weekdays":[1,3]"#))
            #expect(listed.status == .ok && listed.bodyText.contains(#""note":"Changed""#))
            #expect(mine.status == .ok && mine.bodyText.contains(#""privacy":"#))
            #expect(skipped.status == .ok && skipped.bodyText.contains(#""state":"set-aside""#))
            #expect(adherence.status == .ok && adherence.bodyText.contains(#""setAside":true"#))
            #expect(ended.status == .ok && ended.bodyText.contains(#""endedOn":""#))
            #expect(endedAgain.status == .notFound)
            #expect(clientCreates.status == .forbidden)
        }
    }

    @Test func badInputComesBackWithTheFormKeptAnd422() async throws {
        try await withApp { app in
            // setup
            let (therapist, _, clientID) = try await Self.setUp(app)
            let path = SiteURL.clientAssignments(clientID).path
            // act
            let unknown = try await therapist.submit(path, fields: ["item": "no-such-item", "note": "Kept note one", "frequency": "daily", "start": "2026-05-04"])
            let badTimes = try await therapist.submit(path, fields: ["item": "self-compassion-break", "note": "Kept note two",
                                                                     "frequency": "times-per-week", "timesPerWeek": "9", "start": "2026-05-04"])
            let endBefore = try await therapist.submit(path, fields: ["item": "self-compassion-break", "note": "Kept note three", "frequency": "daily",
                                                                      "start": "2026-05-04", "end": "2026-05-01"])
            let noDays = try await therapist.submit(path, fields: ["item": "self-compassion-break", "frequency": "weekdays", "start": "2026-05-04"])
            // check
            for (response, note) in [(unknown, "Kept note one"), (badTimes, "Kept note two"), (endBefore, "Kept note three")] {
                #expect(response.status == .unprocessableContent)
                #expect(response.bodyText.contains(note))
                #expect(response.bodyText.contains("Please check the form"))
            }
            #expect(unknown.bodyText.contains("Please choose an item from the library."))
            #expect(badTimes.bodyText.contains("from 1 to 7"))
            #expect(endBefore.bodyText.contains("can&#39;t be before the start date") || endBefore.bodyText.contains("can't be before the start date"))
            #expect(endBefore.bodyText.contains("value=\"2026-05-01\""))
            #expect(noDays.status == .unprocessableContent)
            #expect(try await app.count("assignments") == 0)
        }
    }

    @Test func ratingsOfAnUnsharedPracticeNeverReachTheTherapist() async throws {
        try await withApp { app in
            // setup
            let (therapist, client, clientID) = try await Self.setUp(app)
            let item = try #require(app.services.library.item("self-compassion-break"))
            let id = try await Self.assign(therapist, clientID: clientID, item: item.id, start: Self.today(app))
            // distress 9 → 8 private
            let record = try await PracticeLogTests.record(client, item, ["distressBefore": "9", "distressAfter": "8", "note": "private-note-x"])
            // act
            let privatePages = [try await therapist.get(SiteURL.clientProgress(clientID).path).bodyText,
                                try await therapist.get(SiteURL.clientAssignment(clientID, id).path).bodyText]
            _ = try await client.submit(SiteURL.practiceRecordSharing(record).path, fields: ["shared": "1"], formPage: SiteURL.practiceRecord(record).path)
            let sharedPage = try await therapist.get(SiteURL.clientProgress(clientID).path).bodyText
            // check
            for page in privatePages {
                #expect(page.contains("No shared ratings"))
                #expect(!page.contains("9.0"))
                #expect(!page.contains("private-note-x"))
                #expect(page.contains("This week: 1 of 7 planned") || page.contains("This week: 1 of"))
            }
            #expect(sharedPage.contains("9.0 before, 8.0 after"))
            #expect(!sharedPage.contains("private-note-x"))
            #expect(sharedPage.contains("<svg"))
        }
    }

    @Test func theRosterCountIsOneStatementOverEveryClient() async throws {
        try await withApp { app in
            // setup
            let (therapist, client, clientID) = try await Self.setUp(app)
            try await app.createUser(.client, email: "c2@example.org", therapist: "t@example.org")
            let second = try await app.user("c2@example.org").id
            let item = try #require(app.services.library.item("self-compassion-break"))
            _ = try await Self.assign(therapist, clientID: clientID, item: item.id, frequency: "times-per-week", start: Self.today(app),
                                      extra: ["timesPerWeek": "1"])
            _ = try await Self.assign(therapist, clientID: second, item: item.id, frequency: "times-per-week", start: Self.today(app),
                                      extra: ["timesPerWeek": "1"])
            _ = try await PracticeLogTests.record(client, item)
            // act
            let counts = try await app.services.assignments.completedThisWeek(forClientsOf: try await app.user("t@example.org").id,
                                                                               now: app.services.configuration.clock())
            // check
            #expect(counts[clientID]?.done == 1 && counts[clientID]?.planned == 1)
            #expect(counts[second]?.done == 0 && counts[second]?.planned == 1)
            // and the roster, page and API, shows them
            let roster = try await therapist.get(SiteURL.clients.path).bodyText
            #expect(roster.contains("Assignments this week: 1 of 1 done"))
            #expect(roster.contains("Assignments this week: 0 of 1 done"))
            let api = try await ConcurrencyTests.call(app, .get, "/api/v1/clients", token: try await app.apiToken("t@example.org"))
            let clients = try #require((try JSONSerialization.jsonObject(with: Data(api.bodyText.utf8)) as? [String: Any])?["clients"] as? [[String: Any]])
            #expect(clients.first { $0["id"] as? String == clientID }?["completedAssignmentsThisWeek"] as? Int == 1)
        }
    }

    @Test func theTherapistsNoteIsInertTextInEveryView() async throws {
        try await withApp { app in
            // setup
            let (therapist, client, clientID) = try await Self.setUp(app)
            let payload = #"<script>alert("x")</script><img src=x onerror=alert(1)>" onmouseover="alert(2)"#
            let id = try await Self.assign(therapist, clientID: clientID, item: "self-compassion-break", note: payload, start: Self.today(app))
            // act
            let pages = [
                try await client.get(SiteURL.today.path).bodyText,
                try await client.get(SiteURL.assignments.path).bodyText,
                try await therapist.get(SiteURL.clientAssignments(clientID).path).bodyText,
                try await therapist.get(SiteURL.clientAssignment(clientID, id).path).bodyText,
                try await therapist.get(SiteURL.clientProgress(clientID).path).bodyText,
            ]
            // check
            for page in pages {
                #expect(!page.contains("<script>alert"))
                #expect(!page.contains("<img src=x"))
                // Typed text is only ever a text node here, never inside an attribute.
                #expect(!page.contains("=\"<script") && !page.contains("=\"&lt;script"))
            }
            #expect(pages[0].contains("&lt;script&gt;"))
            #expect(pages[1].contains("&lt;script&gt;"))
            #expect(pages[3].contains("&lt;script&gt;"))
            #expect(!(try app.rawDatabaseBytes()).containsText("onmouseover"))
        }
    }

    @Test func everyPostNeedsTheFormToken() async throws {
        try await withApp { app in
            // setup
            let (therapist, client, clientID) = try await Self.setUp(app)
            let id = try await Self.assign(therapist, clientID: clientID, item: "self-compassion-break", start: Self.today(app))
            let fields = ["item": "self-compassion-break", "frequency": "daily", "start": Self.today(app)]
            // act
            let forms = [
                try await therapist.post(SiteURL.clientAssignments(clientID).path, form: fields),
                try await therapist.post(SiteURL.clientAssignment(clientID, id).path, form: fields),
            ]
            let statuses = [
                try await therapist.post(SiteURL.clientAssignmentEnd(clientID, id).path, form: [:]).status,
                try await client.post(SiteURL.assignmentSetAside(id).path, form: [:]).status,
            ]
            // check: a form with a note comes back unsaved (see the held-form tests); the rest is refused
            #expect(forms.allSatisfy { $0.status == .ok && $0.bodyText.contains(HeldForm.resumedNotice) })
            #expect(statuses.allSatisfy { $0 == .forbidden })
            #expect(try await app.count("assignments") == 1)
            #expect(try await app.count("assignment_skips") == 0)
            #expect(try await therapist.get(SiteURL.clientAssignment(clientID, id).path).bodyText.contains("End this assignment"))
        }
    }

    @Test func anAssignmentSentAfterTheSessionEndedComesBackAfterSigningIn() async throws {
        try await withApp { app in
            // setup: a new assignment's form and a change's form are open, then the session goes
            let (therapist, _, clientID) = try await Self.setUp(app)
            let id = try await Self.assign(therapist, clientID: clientID, item: "self-compassion-break", note: "First note", start: Self.today(app))
            let token = try #require(Browser.csrfToken(in: try await therapist.get(SiteURL.clientAssignments(clientID).path).bodyText))
            therapist.setCookie(app.services.cookies.sessionName, "")
            let newForm = ["_csrf": token, "item": "self-compassion-break", "note": "After the <hard> week & the move", "frequency": "weekdays",
                           "weekdays": "3", "start": Self.today(app)]
            let changeForm = ["_csrf": token, "note": "Twice is plenty, & gently", "frequency": "times-per-week", "timesPerWeek": "2",
                              "start": Self.today(app)]
            func signIn(holding path: String, _ form: [String: String], from rejected: TestResponse) async throws -> TestResponse {
                let loginToken = try #require(Browser.csrfToken(in: rejected.bodyText))
                var resume = ["_csrf": loginToken, "email": "t@example.org", "password": TestApp.password, "_held_path": path]
                for (name, value) in form where name != "_csrf" { resume["_held." + name] = value }
                return try await therapist.post(SiteURL.login.path, form: resume)
            }
            // act
            let rejectedNew = try await therapist.post(SiteURL.clientAssignments(clientID).path, form: newForm)
            let resumedNew = try await signIn(holding: SiteURL.clientAssignments(clientID).path, newForm, from: rejectedNew)
            therapist.setCookie(app.services.cookies.sessionName, "")
            let rejectedChange = try await therapist.post(SiteURL.clientAssignment(clientID, id).path, form: changeForm)
            let resumedChange = try await signIn(holding: SiteURL.clientAssignment(clientID, id).path, changeForm, from: rejectedChange)
            // check: asked to sign in with every field held; after signing in, each form is back filled in, nothing saved
            #expect(rejectedNew.status == .unauthorized)
            #expect(Browser.inputValue("_held.note", in: rejectedNew.bodyText) == "After the &lt;hard&gt; week &amp; the move")
            #expect(resumedNew.status == .ok)
            #expect(resumedNew.bodyText.contains(HeldForm.resumedNotice))
            #expect(resumedNew.bodyText.contains("After the &lt;hard&gt; week &amp; the move"))
            #expect(!resumedNew.bodyText.contains("<hard>"))
            #expect(resumedNew.bodyText.contains(#"name="frequency" value="weekdays" checked="checked""#))
            #expect(resumedNew.bodyText.contains(#"name="weekdays" value="3" checked="checked""#))
            #expect(rejectedChange.status == .unauthorized)
            #expect(resumedChange.status == .ok)
            #expect(resumedChange.bodyText.contains(HeldForm.resumedNotice))
            #expect(resumedChange.bodyText.contains("Twice is plenty, &amp; gently"))
            #expect(try await app.count("assignments") == 1)
            #expect(try await therapist.get(SiteURL.clientAssignment(clientID, id).path).bodyText.contains("First note"))
        }
    }

    @Test func aHeldAssignmentShowsNothingOfAnotherTherapistsClient() async throws {
        try await withApp { app in
            // setup: a form held for a client of t@, signed in as another therapist
            let (_, _, clientID) = try await Self.setUp(app)
            try await app.createUser(.therapist, email: "other@example.org")
            let browser = app.browser()
            let loginToken = try #require(Browser.csrfToken(in: try await browser.get(SiteURL.login.path).bodyText))
            // act
            let signedIn = try await browser.post(SiteURL.login.path, form: [
                "_csrf": loginToken, "email": "other@example.org", "password": TestApp.password,
                "_held_path": SiteURL.clientAssignments(clientID).path, "_held.item": "self-compassion-break", "_held.note": "Typed elsewhere",
                "_held.frequency": "daily", "_held.start": Self.today(app),
            ])
            // check: signed in to their own home, nothing of that client shown, the attempt audited as denied
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == SiteURL.home.path)
            #expect(!signedIn.bodyText.contains("Typed elsewhere"))
            let denied = try await app.auditTrail().filter { $0.subjectUserId == clientID && $0.outcome == "denied" }
            #expect(denied.map(\.action) == ["assignment.read"])
            #expect(try await app.count("assignments") == 0)
        }
    }

    @Test func theLibraryItemOffersTherapistsToAssignIt() async throws {
        try await withApp { app in
            // setup
            let (therapist, client, clientID) = try await Self.setUp(app)
            // act
            let itemPage = try await therapist.get(SiteURL.libraryItem("self-compassion-break").path).bodyText
            let choose = try await therapist.get(SiteURL.libraryAssign("self-compassion-break").path).bodyText
            let form = try await therapist.get(SiteURL.clientAssignments(clientID).path + "?item=self-compassion-break").bodyText
            let clientItemPage = try await client.get(SiteURL.libraryItem("self-compassion-break").path).bodyText
            // check
            #expect(itemPage.contains(SiteURL.libraryAssign("self-compassion-break").path))
            #expect(!clientItemPage.contains(SiteURL.libraryAssign("self-compassion-break").path))
            #expect(choose.contains(SiteURL.clientAssignments(clientID).path))
            #expect(form.contains(#"<option value="self-compassion-break" selected="selected">"#))
            #expect(form.contains(#"<optgroup label="Guided practice">"#))
        }
    }
}

extension AssignmentTests {
    @Test func theClientsExportHoldsAssignmentsAndErasingRemovesThem() async throws {
        try await withApp { app in
            // setup
            let (therapist, client, clientID) = try await Self.setUp(app)
            let item = try #require(app.services.library.item("self-compassion-break"))
            let id = try await Self.assign(therapist, clientID: clientID, item: item.id, note: "Exported note", start: Self.today(app))
            _ = try await PracticeLogTests.record(client, item)
            _ = try await client.submit(SiteURL.assignmentSetAside(id).path, fields: ["reason": "Exported reason"], formPage: SiteURL.assignments.path)
            // act
            let export = try await client.get(SiteURL.accountExport.path).bodyText
            let erased = try await client.submit("/account/erase", fields: ["currentPassword": TestApp.password, "confirm": "erase"], formPage: "/account")
            // check
            #expect(export.contains("Exported note"))
            #expect(export.contains("Exported reason"))
            #expect(export.contains(#""completedOn":[""#))
            #expect(erased.status == .seeOther)
            for table in ["assignments", "assignment_completions", "assignment_skips"] {
                #expect(try await app.count(table) == 0, "\(table)")
            }
        }
    }
}

extension AssignmentTests {
    @Test func burstsOfAssigningSettingAsideAndEndingAllAnswerWithoutErrors() async throws {
        try await withApp { app in
            // setup: more simultaneous writes than the pool has connections
            let (therapist, client, clientID) = try await Self.setUp(app)
            let id = try await Self.assign(therapist, clientID: clientID, item: "self-compassion-break", start: Self.today(app))
            let therapistToken = try #require(Browser.csrfToken(in: try await therapist.get(SiteURL.clientAssignments(clientID).path).bodyText))
            let clientToken = try #require(Browser.csrfToken(in: try await client.get(SiteURL.assignments.path).bodyText))
            let start = Self.today(app)
            // act
            let created = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for number in 0..<12 {
                    group.addTask {
                        try await therapist.post(SiteURL.clientAssignments(clientID).path, form: [
                            "_csrf": therapistToken, "item": "affectionate-breathing", "note": "Burst \(number)", "frequency": "daily", "start": start,
                        ]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let setAside = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for number in 0..<12 {
                    group.addTask {
                        try await client.post(SiteURL.assignmentSetAside(id).path, form: ["_csrf": clientToken, "reason": "Reason \(number)"]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let ended = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<12 {
                    group.addTask { try await therapist.post(SiteURL.clientAssignmentEnd(clientID, id).path, form: ["_csrf": therapistToken]).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(created.count == 12 && created.allSatisfy { $0 == .seeOther })
            #expect(setAside.count == 12 && setAside.allSatisfy { $0 == .seeOther })
            #expect(ended.filter { $0 == .seeOther }.count == 1)
            #expect(ended.filter { $0 == .notFound }.count == 11)
            #expect(try await app.count("assignments") == 13)
            #expect(try await app.count("assignment_skips") == 1)
        }
    }

    @Test func daysAreTheClientsOwnAndTheTherapistsReadsAreAudited() async throws {
        // 2026-05-10 23:30 UTC: Sunday in UTC, already Monday 11 May in Tokyo.
        let moment = Date(timeIntervalSince1970: 1_778_455_800)
        try await withApp(configure: { $0.clock = { moment } }) { app in
            // setup: a Mondays-only assignment starting that Monday
            let (therapist, client, clientID) = try await Self.setUp(app)
            _ = try await Self.assign(therapist, clientID: clientID, item: "self-compassion-break", frequency: "weekdays", start: "2026-05-04",
                                      extra: ["weekdays": "1"])
            let before = try await client.get(SiteURL.today.path).bodyText
            try await app.services.accounts.setTimeZone("Asia/Tokyo", for: try await app.user("c@example.org"))
            // act
            let after = try await client.get(SiteURL.today.path).bodyText
            _ = try await PracticeLogTests.record(client, try #require(app.services.library.item("self-compassion-break")))
            let page = try await therapist.get(SiteURL.clientProgress(clientID).path).bodyText
            // check
            #expect(before.contains("not planned for today"))
            #expect(after.contains("for today"))
            #expect(after.contains("0 of 1 this week"))
            #expect(page.contains("(Asia/Tokyo)"))
            #expect(page.contains(#"<tr data-week="2026-05-11"><th scope="row">11 May 2026</th><td class="planned">1</td><td class="done">1</td>"#))
            let therapistID = try await app.user("t@example.org").id
            #expect(try await app.auditTrail().contains { $0.action == "assignment.read" && $0.actorId == therapistID && $0.subjectUserId == clientID })
        }
    }
}

extension AssignmentTests {
    @Test func aPracticeSavedOverTheApiCompletesTheAssignmentOnceUnderABurst() async throws {
        try await withApp { app in
            // setup
            let (therapist, _, clientID) = try await Self.setUp(app)
            _ = try await Self.assign(therapist, clientID: clientID, item: "self-compassion-break", start: Self.today(app))
            let token = try await app.apiToken("c@example.org")
            let therapistToken = try await app.apiToken("t@example.org")
            // act: more simultaneous saves than the pool has connections
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for number in 0..<16 {
                    group.addTask {
                        try await ConcurrencyTests.call(app, .post, "/api/v1/me/practice-log", token: token,
                                                        json: #"{"itemID":"self-compassion-break","minutes":\#(number % 5 + 1),"distressBefore":6,"distressAfter":4}"#).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let unknownProperty = try await ConcurrencyTests.call(app, .post, "/api/v1/me/practice-log", token: token,
                                                                  json: #"{"itemID":"self-compassion-break","minutes":5,"itemTitle":"x"}"#)
            let notAPractice = try await ConcurrencyTests.call(app, .post, "/api/v1/me/practice-log", token: token,
                                                               json: #"{"itemID":"what-is-self-compassion","minutes":5}"#)
            let therapistSaves = try await ConcurrencyTests.call(app, .post, "/api/v1/me/practice-log", token: therapistToken,
                                                                 json: #"{"itemID":"self-compassion-break","minutes":5}"#)
            let mine = try await ConcurrencyTests.call(app, .get, "/api/v1/me/assignments", token: token)
            let adherence = try await ConcurrencyTests.call(app, .get, "/api/v1/clients/\(clientID)/adherence", token: therapistToken)
            // check
            #expect(statuses.count == 16 && statuses.allSatisfy { $0 == .created })
            #expect(try await app.count("practice_log_entries") == 16)
            #expect(try await app.count("assignment_completions") == 1)
            #expect(unknownProperty.status == .badRequest)
            #expect(notAPractice.status == .unprocessableContent)
            #expect(therapistSaves.status == .forbidden)
            #expect(mine.bodyText.contains(#""state":"done-today""#))
            #expect(adherence.bodyText.contains("This week: 1 of"))
            // Unshared ratings stay out of the therapist's summary.
            #expect(!adherence.bodyText.contains("distress"))
        }
    }

    @Test func theProgressPageKeptBetweenWritesIsAuditedOnEveryServingAndRefusedForOthersEveryTime() async throws {
        try await withApp { app in
            // setup
            let (therapist, client, clientID) = try await Self.setUp(app)
            _ = try await Self.assign(therapist, clientID: clientID, item: "self-compassion-break", note: "Note for Sam", start: Self.today(app))
            try await app.createUser(.therapist, email: "other@example.org")
            let other = try await app.signedIn("other@example.org", address: "198.51.100.42")
            func audited(_ action: String, _ outcome: String) async throws -> Int {
                try await app.auditTrail().filter { $0.action == action && $0.outcome == outcome && $0.subjectUserId == clientID }.count
            }
            let first = try await therapist.get(SiteURL.clientProgress(clientID).path).bodyText
            let readsAfterFirst = try await audited("assignment.read", "success")
            // act
            let second = try await therapist.get(SiteURL.clientProgress(clientID).path).bodyText
            let refused = try await [other.get(SiteURL.clientProgress(clientID).path).status,
                                     other.get(SiteURL.clientProgress(clientID).path).status]
            let practiced = try await client.submit(SiteURL.practiceLog.path, fields: ["item": "self-compassion-break", "minutes": "5"],
                                                    formPage: SiteURL.libraryPractice("self-compassion-break").path)
            let afterPractice = try await therapist.get(SiteURL.clientProgress(clientID).path).bodyText
            // check
            #expect(second == first)
            #expect(try await audited("assignment.read", "success") == readsAfterFirst + 2)
            #expect(refused == [.notFound, .notFound])
            #expect(try await audited("assignment.read", "denied") == 2)
            #expect(practiced.status == .seeOther)
            #expect(afterPractice != first)
        }
    }
}

extension Data {
    func containsText(_ text: String) -> Bool { range(of: Data(text.utf8)) != nil }
}
