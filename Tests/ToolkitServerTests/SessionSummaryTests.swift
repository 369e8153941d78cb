import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// "Before your next session": the client previews exactly what their therapist will see, leaves
/// parts out, sends it; the therapist reads (audited, on the client's "Who saw my data") and
/// prints it; nobody else can; taking it back removes it; bad input loses nothing.
@Suite struct SessionSummaryServerTests {
    /// A client with a daily assignment done once (with ratings, shared) and a shared journal entry.
    static func setUp(_ app: TestApp) async throws -> (therapist: Browser, client: Browser, clientID: String) {
        let (therapist, client, clientID) = try await AssignmentTests.setUp(app)
        let item = try #require(app.services.library.item("self-compassion-break"))
        _ = try await AssignmentTests.assign(therapist, clientID: clientID, item: item.id, start: AssignmentTests.today(app))
        _ = try await PracticeLogTests.record(client, item, ["distressBefore": "7", "distressAfter": "3", "kindnessBefore": "2", "kindnessAfter": "6"])
        let entry = try await JournalTests.write(client, "A private line about Tuesday")
        let shared = try await client.submit(SiteURL.journalSharing(entry).path, fields: ["shared": "1"], formPage: SiteURL.journalEntry(entry).path)
        #expect(shared.status == .seeOther)
        return (therapist, client, clientID)
    }

    static func id(_ response: TestResponse) throws -> String {
        let location = try #require(response.headers[.location])
        return String(location.dropFirst("/before-session/".count))
    }

    @Test func thePreviewShowsWhatWillBeSentAndPartsLeftOutAreNotSent() async throws {
        try await withApp { app in
            // setup
            let (therapist, client, clientID) = try await Self.setUp(app)
            // act: the page as first opened, then a preview without the ratings
            let first = try await client.get(SiteURL.sessionSummary.path).bodyText
            let token = try #require(Browser.csrfToken(in: first))
            let today = AssignmentTests.today(app)
            let preview = try await client.post(SiteURL.sessionSummary.path, form: [
                "_csrf": token, "action": "preview", "from": today, "include": "assignments", "note": "Talk about <b>sleep</b>",
            ])
            // check: everything is in the first preview; the second holds only what is ticked, and the note as typed
            #expect(first.contains("What Terry Therapist will see") || first.contains("will see"))
            #expect(first.contains("1 of 1 planned done"))
            #expect(first.contains("distress 7.0 before and 3.0 after"))
            #expect(first.contains("1 × journal entry"))
            #expect(!first.contains("A private line about Tuesday"))
            #expect(preview.status == .ok)
            #expect(preview.bodyText.contains("1 of 1 planned done"))
            #expect(!preview.bodyText.contains("distress 7.0"))
            #expect(preview.bodyText.contains("Talk about &lt;b&gt;sleep&lt;/b&gt;"))
            #expect(try await app.count("session_summaries") == 0)
            // act: send what was previewed
            let sent = try await client.post(SiteURL.sessionSummary.path, form: [
                "_csrf": token, "action": "send", "from": today, "include": "assignments", "note": "Talk about <b>sleep</b>",
            ])
            #expect(sent.status == .seeOther)
            let id = try Self.id(sent)
            // check: the therapist sees it among the shared work, unread, and opens exactly that
            let list = try await therapist.get(SiteURL.client(clientID).path).bodyText
            #expect(list.contains(SiteURL.clientSharedItem(clientID, kind: "session-summary", entry: id).path))
            let opened = try await therapist.get(SiteURL.clientSharedItem(clientID, kind: "session-summary", entry: id).path)
            #expect(opened.status == .ok)
            #expect(opened.bodyText.contains("1 of 1 planned done"))
            #expect(opened.bodyText.contains("Talk about &lt;b&gt;sleep&lt;/b&gt;"))
            #expect(!opened.bodyText.contains("distress 7.0") && !opened.bodyText.contains("Before and after ratings"))
            #expect(opened.bodyText.contains("data-print"))
            // the read is audited with the client as subject, and the client sees it
            let therapistID = try await app.user("t@example.org").id
            #expect(try await app.auditTrail().contains { $0.action == "session-summary.read" && $0.subjectUserId == clientID && $0.actorId == therapistID })
            let access = try await client.get(SiteURL.accountAccess.path).bodyText
            #expect(access.contains("Summary before a session") || access.contains("summary sent before a session"))
            // sealed at rest
            if app.usesSQLite {
                #expect(try app.rawDatabaseBytes().range(of: Data("Talk about".utf8)) == nil)
            }
        }
    }

    @Test func nobodyElseSeesASummaryAndTakingItBackRemovesIt() async throws {
        try await withApp { app in
            // setup
            let (therapist, client, clientID) = try await Self.setUp(app)
            let id = try Self.id(try await client.submit(SiteURL.sessionSummary.path,
                                                         fields: ["action": "send", "from": AssignmentTests.today(app), "include": "assignments"],
                                                         formPage: SiteURL.sessionSummary.path))
            try await app.createUser(.therapist, email: "t2@example.org")
            try await app.createUser(.client, email: "c2@example.org", therapist: "t@example.org")
            try await app.createUser(.admin, email: "a@example.org")
            let otherTherapist = try await app.signedIn("t2@example.org", address: "198.51.100.50")
            let otherClient = try await app.signedIn("c2@example.org", address: "198.51.100.51")
            let admin = try await app.signedIn("a@example.org", address: "198.51.100.52")
            let shared = SiteURL.clientSharedItem(clientID, kind: "session-summary", entry: id).path
            // act + check: another therapist, another client, an administrator
            #expect(try await otherTherapist.get(shared).status == .notFound)
            #expect(try await otherClient.get(SiteURL.sessionSummarySent(id).path).status == .notFound)
            #expect(try await otherClient.submit(SiteURL.sessionSummaryTakeBack(id).path, fields: [:], formPage: SiteURL.sessionSummary.path).status == .notFound)
            #expect(try await admin.get(shared).status == .forbidden)
            #expect(try await admin.get(SiteURL.sessionSummarySent(id).path).status == .forbidden)
            #expect(try await therapist.get(SiteURL.sessionSummary.path).status == .forbidden)
            #expect(try await app.auditTrail().contains { $0.action == "session-summary.read" && $0.outcome == "denied" })
            // the client's own copy, then taken back
            #expect(try await client.get(SiteURL.sessionSummarySent(id).path).bodyText.contains("1 of 1 planned done"))
            let takenBack = try await client.submit(SiteURL.sessionSummaryTakeBack(id).path, fields: [:], formPage: SiteURL.sessionSummarySent(id).path)
            #expect(takenBack.status == .seeOther)
            #expect(try await therapist.get(shared).status == .notFound)
            #expect(try await app.count("session_summaries") == 0)
            #expect(try await client.get(SiteURL.sessionSummary.path + "?done=taken-back").bodyText.contains("Taken back"))
        }
    }

    @Test func aRejectedSummaryKeepsTheNoteAndAClientWithoutATherapistIsTold() async throws {
        try await withApp { app in
            // setup
            let (_, client, _) = try await Self.setUp(app)
            // An account left without a therapist (as when a therapist's account is removed).
            try await app.createUser(.client, email: "alone@example.org", therapist: "t@example.org")
            try await app.services.database.sql.raw("UPDATE users SET therapist_id = NULL WHERE email = 'alone@example.org'").run()
            let alone = try await app.signedIn("alone@example.org", address: "198.51.100.60")
            // act: a first day in the future, a first day that isn't a date, a note too long
            let future = try await client.submit(SiteURL.sessionSummary.path, fields: ["action": "send", "from": "2999-01-01", "note": "Keep me 4417"],
                                                 formPage: SiteURL.sessionSummary.path)
            let notADate = try await client.submit(SiteURL.sessionSummary.path, fields: ["action": "send", "from": "last week", "note": "Keep me 4418"],
                                                   formPage: SiteURL.sessionSummary.path)
            let long = String(repeating: "word ", count: 500)
            let tooLong = try await client.submit(SiteURL.sessionSummary.path, fields: ["action": "send", "from": AssignmentTests.today(app), "note": long],
                                                  formPage: SiteURL.sessionSummary.path)
            // check: 422, a message by the field, everything typed still there, nothing sent
            #expect(future.status == .unprocessableContent && future.bodyText.contains("Keep me 4417") && future.bodyText.contains("today or earlier"))
            #expect(notADate.status == .unprocessableContent && notADate.bodyText.contains("Keep me 4418"))
            #expect(tooLong.status == .unprocessableContent && tooLong.bodyText.contains("Everything you typed is still here"))
            #expect(tooLong.bodyText.contains(long.trimmingCharacters(in: .whitespaces)))
            #expect(try await app.count("session_summaries") == 0)
            // a client without a therapist: told plainly, nothing to send to
            let page = try await alone.get(SiteURL.sessionSummary.path)
            #expect(page.status == .ok && page.bodyText.contains("isn&#39;t linked to one yet") || page.bodyText.contains("isn't linked to one yet"))
            let refused = try await alone.submit(SiteURL.sessionSummary.path, fields: ["action": "send", "from": AssignmentTests.today(app)],
                                                 formPage: SiteURL.sessionSummary.path)
            #expect(refused.status == .conflict)
        }
    }

    @Test func aNoteTypedAfterTheSessionEndedComesBackAfterSigningIn() async throws {
        try await withApp { app in
            // setup
            let (_, client, _) = try await Self.setUp(app)
            let token = try #require(Browser.csrfToken(in: try await client.get(SiteURL.sessionSummary.path).bodyText))
            client.setCookie(app.services.cookies.sessionName, "")
            // act
            let rejected = try await client.post(SiteURL.sessionSummary.path, form: ["_csrf": token, "action": "send", "note": "Sleep <and> work"])
            let loginToken = try #require(Browser.csrfToken(in: rejected.bodyText))
            let resumed = try await client.post(SiteURL.login.path, form: [
                "_csrf": loginToken, "email": "c@example.org", "password": TestApp.password,
                "_held_path": SiteURL.sessionSummary.path, "_held.action": "send", "_held.note": "Sleep <and> work",
            ])
            // check: the note is back in the form, and nothing was sent
            #expect(rejected.bodyText.contains("Sleep &lt;and&gt; work"))
            #expect(resumed.status == .ok)
            #expect(resumed.bodyText.contains("Sleep &lt;and&gt; work"))
            #expect(try await app.count("session_summaries") == 0)
        }
    }

    @Test func manySummariesSentAtOnceAreAllKept() async throws {
        try await withApp { app in
            // setup: more simultaneous sends than the pool has connections, from two devices
            let (_, client, _) = try await Self.setUp(app)
            let second = try await app.signedIn("c@example.org", address: "198.51.100.70")
            let tokens = [try #require(Browser.csrfToken(in: try await client.get(SiteURL.sessionSummary.path).bodyText)),
                          try #require(Browser.csrfToken(in: try await second.get(SiteURL.sessionSummary.path).bodyText))]
            let today = AssignmentTests.today(app)
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for number in 0..<24 {
                    let (browser, token) = number % 2 == 0 ? (client, tokens[0]) : (second, tokens[1])
                    group.addTask {
                        try await browser.post(SiteURL.sessionSummary.path, form: ["_csrf": token, "action": "send", "from": today,
                                                                                   "include": "practice", "note": "Send \(number)"]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.count == 24 && statuses.allSatisfy { $0 == .seeOther }, "\(statuses)")
            #expect(try await app.count("session_summaries") == 24)
            #expect(try await app.auditTrail().filter { $0.action == "session-summary.write" }.count == 24)
            #expect(try await app.services.audit.verify().ok)
        }
    }

    @Test func theAPIPreviewsSendsListsAndTakesBackAndTheTherapistReadsIt() async throws {
        try await withApp { app in
            // setup
            let (_, _, clientID) = try await Self.setUp(app)
            try await app.createUser(.therapist, email: "t2@example.org")
            let token = try await app.apiToken("c@example.org")
            let therapistToken = try await app.apiToken("t@example.org")
            let otherToken = try await app.apiToken("t2@example.org")
            let today = AssignmentTests.today(app)
            let call = { (method: HTTPRequest.Method, path: String, token: String, json: String?) in
                try await ConcurrencyTests.call(app, method, path, token: token, json: json)
            }
            // act + check: a preview keeps nothing and leaves out what is asked
            let preview = try await call(.get, "/api/v1/me/session-summaries/preview?from=\(today)&leaveOut=ratings,shared", token, nil)
            #expect(preview.status == .ok)
            #expect(preview.bodyText.contains("\"assignments\"") && !preview.bodyText.contains("\"ratings\""))
            #expect(try await call(.get, "/api/v1/me/session-summaries/preview?leaveOut=moods", token, nil).status == .badRequest)
            #expect(try await app.count("session_summaries") == 0)
            // strict bodies and checked days
            #expect(try await call(.post, "/api/v1/me/session-summaries", token, #"{"from":"\#(today)","mood":"ok"}"#).status == .badRequest)
            #expect(try await call(.post, "/api/v1/me/session-summaries", token, #"{"from":"\#(today)","note":null}"#).status == .badRequest)
            #expect(try await call(.post, "/api/v1/me/session-summaries", token, #"{"from":"2999-01-01"}"#).status == .unprocessableContent)
            #expect(try await call(.post, "/api/v1/me/session-summaries", therapistToken, #"{"from":"\#(today)"}"#).status == .forbidden)
            // send
            let sent = try await call(.post, "/api/v1/me/session-summaries", token, #"{"from":"\#(today)","leaveOut":["practice"],"note":"About work"}"#)
            #expect(sent.status == .created, "\(sent.bodyText)")
            let id = try #require(try JSONSerialization.jsonObject(with: Data(sent.bodyText.utf8)) as? [String: Any])["id"] as? String ?? ""
            #expect(try await call(.get, "/api/v1/me/session-summaries", token, nil).bodyText.contains(id))
            #expect(try await call(.get, "/api/v1/me/session-summaries/\(id)", token, nil).bodyText.contains("About work"))
            // the therapist reads it (audited, marked read); another therapist can't
            let read = try await call(.get, "/api/v1/clients/\(clientID)/session-summaries/\(id)", therapistToken, nil)
            #expect(read.status == .ok && read.bodyText.contains("About work") && !read.bodyText.contains("\"practice\""))
            #expect(try await call(.get, "/api/v1/clients/\(clientID)/session-summaries/\(id)", otherToken, nil).status == .notFound)
            #expect(try await call(.get, "/api/v1/clients/\(clientID)/session-summaries/\(id)", token, nil).status == .forbidden)
            let shared = try await call(.get, "/api/v1/clients/\(clientID)/shared", therapistToken, nil).bodyText
            #expect(shared.contains(#""kind":"session-summary""#) && shared.contains(#""unread":false"#))
            // taken back: gone for both
            #expect(try await call(.delete, "/api/v1/me/session-summaries/\(id)", token, nil).status == .noContent)
            #expect(try await call(.get, "/api/v1/clients/\(clientID)/session-summaries/\(id)", therapistToken, nil).status == .notFound)
            #expect(try await call(.delete, "/api/v1/me/session-summaries/\(id)", token, nil).status == .notFound)
        }
    }

    @Test func aSentSummaryIsInTheClientsExportAndGoesWithTheAccount() async throws {
        try await withApp { app in
            // setup
            let (_, client, _) = try await Self.setUp(app)
            let sent = try await client.submit(SiteURL.sessionSummary.path, fields: ["action": "send", "from": AssignmentTests.today(app),
                                                                                    "include": "practice", "note": "Export me 5531"],
                                               formPage: SiteURL.sessionSummary.path)
            #expect(sent.status == .seeOther)
            // act
            let json = try await client.get(SiteURL.accountExport.path).bodyText
            let page = try await client.get("/account/export/print").bodyText
            let erased = try await client.submit("/account/erase", fields: ["currentPassword": TestApp.password, "confirm": "erase"],
                                                 formPage: SiteURL.account.path)
            // check
            #expect(json.contains("\"sessionSummaries\"") && json.contains("Export me 5531"))
            #expect(page.contains("Summaries sent before sessions") && page.contains("Export me 5531"))
            #expect(erased.status == .seeOther)
            #expect(try await app.count("session_summaries") == 0)
        }
    }
}
