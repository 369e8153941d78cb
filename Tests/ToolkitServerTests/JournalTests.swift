import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// The client's journal: private by default, sealed at rest, audited, shared one entry at a time.
@Suite struct JournalTests {
    static func setUp(_ app: TestApp) async throws -> Browser {
        try await app.createUser(.therapist, email: "t@example.org")
        try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
        return try await app.signedIn("c@example.org")
    }

    static func write(_ client: Browser, _ body: String, feeling: String = "") async throws -> String {
        let saved = try await client.submit(SiteURL.journal.path, fields: ["body": body, "feeling": feeling], formPage: SiteURL.journalNew.path)
        #expect(saved.status == .seeOther)
        let location = try #require(saved.headers[.location])
        return String(try #require(location.split(separator: "?").first).dropFirst("/journal/".count))
    }

    @Test func aClientWritesReadsChangesAndDeletesAnEntry() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            // act
            let id = try await Self.write(client, "Hard day at work.\nI was kinder to myself than usual.", feeling: "tired")
            let list = try await client.get(SiteURL.journal.path).bodyText
            let read = try await client.get(SiteURL.journalEntry(id).path).bodyText
            let changed = try await client.submit(SiteURL.journalEntry(id).path, fields: ["body": "Hard day, and I got through it.", "feeling": "relieved"],
                                                  formPage: SiteURL.journalEdit(id).path)
            let reread = try await client.get(SiteURL.journalEntry(id).path).bodyText
            let deleted = try await client.submit(SiteURL.journalDelete(id).path, fields: [:], formPage: SiteURL.journalEntry(id).path)
            // check
            #expect(list.contains("Hard day at work."))
            #expect(list.contains("feeling tired"))
            #expect(read.contains("I was kinder to myself than usual."))
            #expect(changed.status == .seeOther)
            #expect(reread.contains("Hard day, and I got through it."))
            #expect(reread.contains("feeling relieved"))
            #expect(deleted.status == .seeOther)
            #expect(try await client.get(SiteURL.journalEntry(id).path).status == .notFound)
            let actions = try await app.auditTrail().map(\.action)
            #expect(actions.filter { $0 == "journal.write" }.count == 2)
            #expect(actions.contains("journal.read"))
            #expect(actions.contains("journal.delete"))
        }
    }

    @Test func whatIsWrittenIsSealedAtRest() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let marker = "journal-marker-\(UUID().uuidString)"
            let feeling = "feel-\(UUID().uuidString.prefix(12))"
            // act
            _ = try await Self.write(client, "Something private \(marker)", feeling: feeling)
            // check
            let rows = try await app.services.database.sql.raw("SELECT content FROM journal_entries").all()
            #expect(rows.count == 1)
            #expect(try rows[0].decode(column: "content", as: String.self).hasPrefix("v1:"))
            if app.usesSQLite {
                let raw = try app.rawDatabaseBytes()
                #expect(raw.range(of: Data(marker.utf8)) == nil)
                #expect(raw.range(of: Data(feeling.utf8)) == nil)
            }
        }
    }

    @Test func anEmptyOrOverlongEntryComesBackAsTypedWithTheReasonLinked() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let long = String(repeating: "a", count: JournalEntry.maximumBodyLength + 1)
            // act
            let empty = try await client.submit(SiteURL.journal.path, fields: ["body": "   ", "feeling": "calm"], formPage: SiteURL.journalNew.path)
            let tooLong = try await client.submit(SiteURL.journal.path, fields: ["body": long], formPage: SiteURL.journalNew.path)
            // check
            #expect(empty.status == .unprocessableContent)
            #expect(empty.bodyText.contains("href=\"#body\""))
            #expect(empty.bodyText.contains("value=\"calm\""))
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.bodyText.contains(long))
            #expect(try await app.count("journal_entries") == 0)
        }
    }

    @Test func anotherClientATherapistAndAnAdminCannotReadOrChangeIt() async throws {
        try await withApp { app in
            // setup
            let owner = try await Self.setUp(app)
            let id = try await Self.write(owner, "Only mine")
            try await app.createUser(.client, email: "other@example.org", therapist: "t@example.org")
            try await app.createUser(.admin, email: "a@example.org")
            let other = try await app.signedIn("other@example.org", address: "198.51.100.3")
            let therapist = try await app.signedIn("t@example.org", address: "198.51.100.4")
            let admin = try await app.signedIn("a@example.org", address: "198.51.100.5")
            // act
            let otherRead = try await other.get(SiteURL.journalEntry(id).path)
            let otherChange = try await other.submit(SiteURL.journalEntry(id).path, fields: ["body": "changed"], formPage: SiteURL.journalNew.path)
            let otherDelete = try await other.submit(SiteURL.journalDelete(id).path, fields: [:], formPage: SiteURL.journalNew.path)
            let otherShare = try await other.submit(SiteURL.journalSharing(id).path, fields: ["shared": "1"], formPage: SiteURL.journalNew.path)
            let otherList = try await other.get(SiteURL.journal.path).bodyText
            // check
            #expect(otherRead.status == .notFound)
            #expect(otherChange.status == .notFound)
            #expect(otherDelete.status == .notFound)
            #expect(otherShare.status == .notFound)
            #expect(!otherList.contains("Only mine"))
            #expect(try await therapist.get(SiteURL.journalEntry(id).path).status == .forbidden)
            #expect(try await admin.get(SiteURL.journal.path).status == .forbidden)
            #expect(try await owner.get(SiteURL.journalEntry(id).path).bodyText.contains("Only mine"))
        }
    }

    @Test func aTherapistSeesOnlyWhatTheirOwnClientSharesAndRevokingWorksAtOnce() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let shared = try await Self.write(client, "Shared thought")
            _ = try await Self.write(client, "Private thought")
            let therapist = try await app.user("t@example.org")
            try await app.createUser(.therapist, email: "t2@example.org")
            let otherTherapist = try await app.user("t2@example.org")
            let clientID = try await app.user("c@example.org").id
            // act
            let share = try await client.submit(SiteURL.journalSharing(shared).path, fields: ["shared": "1"], formPage: SiteURL.journalEntry(shared).path)
            let seen = try #require(try await app.services.journal.shared(clientID: clientID, therapist: therapist, address: nil))
            let notTheirs = try await app.services.journal.shared(clientID: clientID, therapist: otherTherapist, address: nil)
            _ = try await client.submit(SiteURL.journalSharing(shared).path, fields: ["shared": "0"], formPage: SiteURL.journalEntry(shared).path)
            let afterRevoking = try #require(try await app.services.journal.shared(clientID: clientID, therapist: therapist, address: nil))
            // check
            #expect(share.status == .seeOther)
            #expect(seen.map(\.entry.body) == ["Shared thought"])
            #expect(notTheirs == nil)
            #expect(afterRevoking.isEmpty)
            let denied = try await app.auditTrail().filter { $0.action == "journal.read" && $0.outcome == "denied" }
            #expect(denied.count == 1)
        }
    }

    @Test func theListIsPagedNewestFirst() async throws {
        try await withApp { app in
            // setup: more entries than one page, several within the same second
            let client = try await Self.setUp(app)
            let count = JournalStore.pageSize + 5
            for index in 0..<count { _ = try await Self.write(client, "Entry number \(index) end") }
            // act
            let first = try await client.get(SiteURL.journal.path).bodyText
            let older = try #require(first.range(of: "href=\"/journal?before=").map { first[$0.upperBound...].prefix { $0 != "\"" } })
            let second = try await client.get(SiteURL.journal.path + "?before=" + older).bodyText
            // check: every entry exactly once across the two pages
            for index in 0..<count {
                let marker = "Entry number \(index) end"
                let onFirst = first.contains(marker), onSecond = second.contains(marker)
                #expect(onFirst != onSecond, "\(marker)")
            }
            #expect(first.components(separatedBy: "Entry number ").count - 1 == JournalStore.pageSize)
            #expect(second.components(separatedBy: "Entry number ").count - 1 == count - JournalStore.pageSize)
            #expect(!second.contains("Older entries"))
        }
    }

    @Test func anEntryWrittenAfterTheSessionEndedComesBackAfterSigningIn() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let token = try #require(Browser.csrfToken(in: try await client.get(SiteURL.journalNew.path).bodyText))
            client.setCookie(app.services.cookies.sessionName, "")
            let words = "A long entry typed on the bus <and> kept"
            // act
            let rejected = try await client.post(SiteURL.journal.path, form: ["_csrf": token, "body": words, "feeling": "hopeful"])
            let loginToken = try #require(Browser.csrfToken(in: rejected.bodyText))
            let resumed = try await client.post(SiteURL.login.path, form: [
                "_csrf": loginToken, "email": "c@example.org", "password": TestApp.password,
                "_held_path": SiteURL.journal.path, "_held.body": words, "_held.feeling": "hopeful",
            ])
            // check
            #expect(rejected.status == .unauthorized)
            #expect(Browser.inputValue("_held.body", in: rejected.bodyText) == "A long entry typed on the bus &lt;and&gt; kept")
            #expect(resumed.status == .ok)
            #expect(resumed.bodyText.contains("A long entry typed on the bus &lt;and&gt; kept"))
            #expect(resumed.bodyText.contains("value=\"hopeful\""))
            #expect(try await app.count("journal_entries") == 0)
        }
    }

    @Test func exportIncludesTheJournalAndErasingRemovesIt() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            _ = try await Self.write(client, "For my export", feeling: "calm")
            // act
            let json = try await client.get(SiteURL.accountExport.path).bodyText
            let page = try await client.get("/account/export/print").bodyText
            let erased = try await client.submit("/account/erase", fields: ["currentPassword": TestApp.password, "confirm": "erase"],
                                                 formPage: SiteURL.account.path)
            // check
            #expect(json.contains("\"journal\""))
            #expect(json.contains("For my export"))
            #expect(page.contains("For my export"))
            #expect(erased.status == .seeOther)
            #expect(try await app.count("journal_entries") == 0)
        }
    }

    @Test func manyEntriesSavedAtOnceAreAllKeptAndAudited() async throws {
        try await withApp { app in
            // setup: more simultaneous writes than the pool has connections, from several clients
            try await app.createUser(.therapist, email: "t@example.org")
            var clients: [(Browser, String)] = []
            for index in 0..<6 {
                try await app.createUser(.client, email: "c\(index)@example.org", therapist: "t@example.org")
                let browser = try await app.signedIn("c\(index)@example.org", address: "198.51.100.\(index + 1)")
                clients.append((browser, try #require(Browser.csrfToken(in: try await browser.get(SiteURL.journalNew.path).bodyText))))
            }
            let perClient = 5
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (index, (browser, token)) in clients.enumerated() {
                    for number in 0..<perClient {
                        group.addTask {
                            try await browser.post(SiteURL.journal.path, form: ["_csrf": token, "body": "Client \(index) entry \(number)"]).status
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.count == clients.count * perClient)
            #expect(statuses.allSatisfy { $0 == .seeOther })
            #expect(try await app.count("journal_entries") == clients.count * perClient)
            #expect(try await app.auditTrail().filter { $0.action == "journal.write" }.count == clients.count * perClient)
            let verification = try await app.services.audit.verify()
            #expect(verification.ok)
        }
    }
}

extension JournalTests {
    struct APIEntry: Decodable { var id: String; var body: String; var feeling: String; var shared: Bool }
    struct APIPage: Decodable { var entries: [APIEntry]; var olderBefore: String? }

    @Test func theAPIWritesReadsPagesChangesSharesAndDeletes() async throws {
        try await withApp { app in
            // setup
            _ = try await Self.setUp(app)
            let token = try await app.apiToken("c@example.org")
            func call(_ method: HTTPRequest.Method, _ path: String, _ json: String? = nil) async throws -> TestResponse {
                try await ConcurrencyTests.call(app, method, path, token: token, json: json)
            }
            func decode<T: Decodable>(_ type: T.Type, _ response: TestResponse) throws -> T {
                try JSONDecoder().decode(T.self, from: Data(response.bodyText.utf8))
            }
            // act + check: write
            let created = try await call(.post, "/api/v1/me/journal", #"{"body":"From the app","feeling":"calm"}"#)
            #expect(created.status == .created)
            let entry = try decode(APIEntry.self, created)
            #expect(entry.body == "From the app" && entry.feeling == "calm" && !entry.shared)
            // read, change, share
            #expect(try decode(APIEntry.self, try await call(.get, "/api/v1/me/journal/\(entry.id)")).body == "From the app")
            let changed = try await call(.put, "/api/v1/me/journal/\(entry.id)", #"{"body":"Changed"}"#)
            #expect(try decode(APIEntry.self, changed).body == "Changed")
            let shared = try await call(.put, "/api/v1/me/journal/\(entry.id)/sharing", #"{"shared":true}"#)
            #expect(try decode(APIEntry.self, shared).shared)
            // pages
            for index in 0..<JournalStore.pageSize { _ = try await call(.post, "/api/v1/me/journal", #"{"body":"Bulk \#(index)"}"#) }
            let first = try decode(APIPage.self, try await call(.get, "/api/v1/me/journal"))
            let older = try #require(first.olderBefore)
            let second = try decode(APIPage.self, try await call(.get, "/api/v1/me/journal?before=\(older)"))
            #expect(first.entries.count == JournalStore.pageSize)
            #expect(second.entries.count == 1)
            #expect(second.olderBefore == nil)
            #expect(Set(first.entries.map(\.id) + second.entries.map(\.id)).count == JournalStore.pageSize + 1)
            // refused: unknown property, null, empty, someone else's id
            #expect(try await call(.post, "/api/v1/me/journal", #"{"body":"x","mood":"calm"}"#).status == .badRequest)
            #expect(try await call(.post, "/api/v1/me/journal", #"{"body":"x","feeling":null}"#).status == .badRequest)
            #expect(try await call(.post, "/api/v1/me/journal", #"{"body":"   "}"#).status == .unprocessableContent)
            #expect(try await call(.get, "/api/v1/me/journal/not-an-entry").status == .notFound)
            // delete
            #expect(try await call(.delete, "/api/v1/me/journal/\(entry.id)").status == .noContent)
            #expect(try await call(.get, "/api/v1/me/journal/\(entry.id)").status == .notFound)
        }
    }

    @Test func theAPIKeepsOtherPeopleOut() async throws {
        try await withApp { app in
            // setup
            _ = try await Self.setUp(app)
            try await app.createUser(.client, email: "other@example.org", therapist: "t@example.org")
            let owner = try await app.apiToken("c@example.org")
            let other = try await app.apiToken("other@example.org")
            let therapist = try await app.apiToken("t@example.org")
            let created = try await ConcurrencyTests.call(app, .post, "/api/v1/me/journal", token: owner, json: #"{"body":"Mine"}"#)
            let id = try JSONDecoder().decode(APIEntry.self, from: Data(created.bodyText.utf8)).id
            // act + check
            #expect(try await ConcurrencyTests.call(app, .get, "/api/v1/me/journal/\(id)", token: other).status == .notFound)
            #expect(try await ConcurrencyTests.call(app, .put, "/api/v1/me/journal/\(id)", token: other, json: #"{"body":"Theirs"}"#).status == .notFound)
            #expect(try await ConcurrencyTests.call(app, .delete, "/api/v1/me/journal/\(id)", token: other).status == .notFound)
            #expect(!(try await ConcurrencyTests.call(app, .get, "/api/v1/me/journal", token: other).bodyText.contains("Mine")))
            #expect(try await ConcurrencyTests.call(app, .get, "/api/v1/me/journal", token: therapist).status == .forbidden)
            #expect(try await ConcurrencyTests.call(app, .get, "/api/v1/me/journal").status == .unauthorized)
        }
    }
}
