import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// The therapist's roster, a client's shared work, read marks, and the client's "Who saw my data".
@Suite struct TherapistWorkspaceTests {
    static let therapistName = "Dr <b>Kim</b> & \"Lee\""

    /// A therapist with one client, the client's browser, and the therapist's browser.
    static func setUp(_ app: TestApp) async throws -> (client: Browser, therapist: Browser, clientID: String) {
        try await app.createUser(.therapist, email: "t@example.org", name: therapistName)
        try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
        let client = try await app.signedIn("c@example.org", address: "198.51.100.30")
        let therapist = try await app.signedIn("t@example.org", address: "198.51.100.31")
        return (client, therapist, try await app.user("c@example.org").id)
    }

    static func share(_ client: Browser, journal id: String, _ shared: Bool = true) async throws {
        let answer = try await client.submit(SiteURL.journalSharing(id).path, fields: ["shared": shared ? "1" : "0"],
                                             formPage: SiteURL.journalEntry(id).path)
        #expect(answer.status == .seeOther)
    }

    static func roster(_ app: TestApp, _ token: String) async throws -> String {
        let answer = try await ConcurrencyTests.call(app, .get, SiteURL.apiClients.path, token: token)
        #expect(answer.status == .ok)
        return answer.bodyText
    }

    @Test func theRosterDrawsOnlyOnWhatIsSharedAndFlagsNewAndQuietWork() async throws {
        let clock = TestClock()
        try await withApp(configure: { $0.clock = clock.now }) { app in
            // setup
            let (client, therapist, clientID) = try await Self.setUp(app)
            let token = try await app.apiToken("t@example.org")
            let marker = "private-\(UUID().uuidString.prefix(8))"
            let nothingShared = try await Self.roster(app, token)
            #expect(nothingShared.contains("\"newlyShared\":0") && !nothingShared.contains("lastActiveDay") && nothingShared.contains("\"missedWeek\":false"))
            // act: private writing changes nothing the therapist sees
            let privateID = try await JournalTests.write(client, "Private \(marker)")
            #expect(try await Self.roster(app, token) == nothingShared)
            let page = try await therapist.get(SiteURL.clients.path)
            #expect(page.status == .ok && page.bodyText.contains("nothing shared yet") && !page.bodyText.contains("Newly shared"))
            #expect(!page.bodyText.contains(marker))
            #expect(try await therapist.get(SiteURL.client(clientID).path).bodyText.contains("Nothing is shared with you"))
            // act: sharing one entry
            let sharedID = try await JournalTests.write(client, "Shared words \(marker)")
            try await Self.share(client, journal: sharedID)
            // check: newly shared, with a day and never a time
            let flagged = try await therapist.get(SiteURL.clients.path).bodyText
            #expect(flagged.contains("Newly shared: 1 item"))
            let today = RosterRules.dayText(Date(), in: DisplayTime.calendar)
            #expect(flagged.contains(today))
            #expect(!flagged.contains(marker))
            let list = try await therapist.get(SiteURL.client(clientID).path).bodyText
            #expect(list.contains(SiteURL.clientSharedItem(clientID, kind: "journal", entry: sharedID).path))
            #expect(!list.contains(privateID) && !list.contains(marker) && list.contains(">New<"))
            // act: opening it marks it read
            let opened = try await therapist.get(SiteURL.clientSharedItem(clientID, kind: "journal", entry: sharedID).path)
            #expect(opened.status == .ok && opened.bodyText.contains("Shared words \(marker)"))
            #expect(!(try await therapist.get(SiteURL.clients.path).bodyText.contains("Newly shared")))
            #expect(!(try await therapist.get(SiteURL.client(clientID).path).bodyText.contains(">New<")))
            #expect(try await app.count("therapist_read_marks") == 1)
            // act: a change to the shared entry makes it new again; a private one still changes nothing
            let edited = try await client.submit(SiteURL.journalEntry(sharedID).path, fields: ["body": "Changed \(marker)", "feeling": ""],
                                                 formPage: SiteURL.journalEdit(sharedID).path)
            #expect(edited.status == .seeOther)
            #expect(try await therapist.get(SiteURL.clients.path).bodyText.contains("Newly shared: 1 item"))
            // act: a week passes with only private writing (everyone signs in again after a week away)
            clock.advance(by: 8 * 86_400)
            let laterClient = try await app.signedIn("c@example.org", address: "198.51.100.30")
            let laterTherapist = try await app.signedIn("t@example.org", address: "198.51.100.31")
            let laterToken = try await app.apiToken("t@example.org")
            let before = try await Self.roster(app, laterToken)
            _ = try await JournalTests.write(laterClient, "More private \(marker)")
            #expect(try await Self.roster(app, laterToken) == before)
            #expect(before.contains("\"missedWeek\":true"))
            #expect(try await laterTherapist.get(SiteURL.clients.path).bodyText.contains("A quiet week"))
        }
    }

    @Test func everyRouteAnswersOnlyTheOwnTherapistAndOnlyForSharedItems() async throws {
        try await withApp { app in
            // setup
            let (client, ownTherapist, clientID) = try await Self.setUp(app)
            try await app.createUser(.therapist, email: "t2@example.org")
            try await app.createUser(.client, email: "c2@example.org", therapist: "t2@example.org")
            try await app.createUser(.admin, email: "a@example.org")
            let foreignClient = try await app.signedIn("c2@example.org", address: "198.51.100.32")
            let foreignID = try await app.user("c2@example.org").id
            let marker = "matrix-\(UUID().uuidString.prefix(8))"
            let shared = try await JournalTests.write(client, "Shared \(marker)")
            try await Self.share(client, journal: shared)
            let unshared = try await JournalTests.write(client, "Unshared \(marker)")
            let sheet = try await SavedWorksheetTests.save(client, ["need-to-hear": "Sheet \(marker)"])
            let sheetShared = try await client.submit(SiteURL.worksheetSharing(sheet).path, fields: ["shared": "1"], formPage: SiteURL.worksheet(sheet).path)
            #expect(sheetShared.status == .seeOther)
            let foreignShared = try await JournalTests.write(foreignClient, "Foreign \(marker)")
            try await Self.share(foreignClient, journal: foreignShared)
            let nonexistent = "no-such-\(UUID().uuidString.prefix(8))"
            let item = { (client: String, kind: String, entry: String) in SiteURL.clientSharedItem(client, kind: kind, entry: entry).path }
            // The only paths that answer 200, and only for the client's own therapist.
            let allowed = [SiteURL.client(clientID).path, item(clientID, "journal", shared), item(clientID, "worksheet", sheet)]
            let refused = [
                SiteURL.client(foreignID).path, SiteURL.client(nonexistent).path,
                item(clientID, "journal", unshared), item(clientID, "journal", nonexistent), item(clientID, "journal", foreignShared),
                item(foreignID, "journal", foreignShared), item(foreignID, "journal", shared), item(nonexistent, "journal", shared),
                item(clientID, "worksheet", unshared), item(clientID, "goal", shared), item(clientID, "nonsense", shared),
                item(clientID, "safety-plan", clientID), item(clientID, "safety-plan", foreignID), item(clientID, "self-care-plan", clientID),
                SiteURL.clientSafetyPlan(clientID).path,
            ]
            let people: [(String, Browser)] = [
                ("the client", client),
                ("the own therapist", ownTherapist),
                ("another therapist", try await app.signedIn("t2@example.org", address: "198.51.100.33")),
                ("an administrator", try await app.signedIn("a@example.org", address: "198.51.100.34")),
                ("a visitor", app.browser(address: "198.51.100.35")),
            ]
            // act + check
            // The other therapist's own client answers them, and only them.
            let theirOwn = [SiteURL.client(foreignID).path, item(foreignID, "journal", foreignShared)]
            for (who, browser) in people {
                for path in allowed + refused {
                    let answer = try await browser.get(path)
                    let expectOK = (who == "the own therapist" && allowed.contains(path)) || (who == "another therapist" && theirOwn.contains(path))
                    #expect(expectOK ? answer.status == .ok : [.unauthorized, .forbidden, .notFound, .seeOther].contains(answer.status),
                            "\(who): GET \(path) answered \(answer.status.code)")
                    if who == "the own therapist" && refused.contains(path) {
                        #expect(answer.status == .notFound, "\(who): GET \(path) answered \(answer.status.code)")
                    }
                    if !expectOK || path.contains(unshared) { #expect(!answer.bodyText.contains(marker), "\(who): GET \(path) showed words") }
                }
                let roster = try await browser.get(SiteURL.clients.path)
                #expect((who.hasSuffix("therapist") ? roster.status == .ok : roster.status != .ok), "\(who): roster \(roster.status.code)")
                #expect(!roster.bodyText.contains(marker))
                let access = try await browser.get(SiteURL.accountAccess.path)
                #expect((who == "the client" ? access.status == .ok : access.status != .ok), "\(who): access \(access.status.code)")
            }
            // The other therapist's roster lists only their own client.
            let otherRoster = try await people[2].1.get(SiteURL.clients.path).bodyText
            #expect(otherRoster.contains("c2@example.org") && !otherRoster.contains("c@example.org"))
            // API: roster and shared list for therapists only, their own clients only; access list for clients only.
            let tokens = [("client", try await app.apiToken("c@example.org")), ("own", try await app.apiToken("t@example.org")),
                          ("other", try await app.apiToken("t2@example.org")), ("admin", try await app.apiToken("a@example.org"))]
            for (who, token) in tokens {
                let roster = try await ConcurrencyTests.call(app, .get, SiteURL.apiClients.path, token: token)
                #expect(who == "own" || who == "other" ? roster.status == .ok : roster.status == .forbidden, "\(who) api roster")
                for id in [clientID, foreignID, nonexistent] {
                    let list = try await ConcurrencyTests.call(app, .get, SiteURL.apiClientShared(id).path, token: token)
                    let ok = (who == "own" && id == clientID) || (who == "other" && id == foreignID)
                    #expect(ok ? list.status == .ok : [.forbidden, .notFound].contains(list.status), "\(who) api shared \(id): \(list.status.code)")
                    #expect(!list.bodyText.contains(marker))
                    if who == "own" && id == clientID { #expect(list.bodyText.contains(shared) && !list.bodyText.contains(unshared)) }
                }
                let access = try await ConcurrencyTests.call(app, .get, SiteURL.apiMyAccess.path, token: token)
                #expect(who == "client" ? access.status == .ok : access.status == .forbidden, "\(who) api access")
            }
            for path in [SiteURL.apiClients.path, SiteURL.apiClientShared(clientID).path, SiteURL.apiMyAccess.path] {
                #expect(try await ConcurrencyTests.call(app, .get, path).status == .unauthorized)
            }
            // check: refusals to therapists are on the trail as denied, with the client as subject where known
            let denied = try await app.auditTrail().filter { $0.outcome == "denied" && $0.actorRole == "therapist" }
            #expect(denied.contains { $0.action == "journal.read" && $0.targetId == unshared && $0.subjectUserId == clientID })
            #expect(denied.contains { $0.action == "shared-work.list" && $0.subjectUserId == foreignID })
        }
    }

    @Test func everyTherapistReadIsAuditedAndListedForTheClientButNotTheirOwn() async throws {
        try await withApp { app in
            // setup
            let (client, therapist, clientID) = try await Self.setUp(app)
            let therapistID = try await app.user("t@example.org").id
            let marker = "audit-\(UUID().uuidString.prefix(8))"
            let id = try await JournalTests.write(client, "Words \(marker)")
            try await Self.share(client, journal: id)
            _ = try await client.get(SiteURL.journalEntry(id).path)
            #expect(try await client.get(SiteURL.accountAccess.path).bodyText.contains("No one else has opened anything"))
            // act
            #expect(try await therapist.get(SiteURL.clientSharedItem(clientID, kind: "journal", entry: id).path).status == .ok)
            _ = try await therapist.get(SiteURL.clientWorksheets(clientID).path)
            // check: the trail
            let reads = try await app.auditTrail().filter { $0.actorId == therapistID && $0.outcome == "success" && $0.action.hasSuffix(".read") }
            #expect(reads.contains { $0.action == "journal.read" && $0.targetId == id && $0.subjectUserId == clientID })
            #expect(reads.contains { $0.action == "worksheet.read" && $0.subjectUserId == clientID })
            // check: the client's page, newest first, name escaped, no words, none of the client's own reads
            let page = try await client.get(SiteURL.accountAccess.path)
            #expect(page.status == .ok)
            let body = page.bodyText
            #expect(body.contains("Dr &lt;b&gt;Kim&lt;/b&gt; &amp; &quot;Lee&quot; (therapist)") || body.contains("Dr &lt;b&gt;Kim&lt;/b&gt; &amp; \"Lee\" (therapist)"))
            #expect(!body.contains("<b>Kim</b>") && !body.contains(marker))
            #expect(body.components(separatedBy: "class=\"access\"").count - 1 == 2)
            let journalAt = try #require(body.range(of: "opened a journal entry"))
            let sheetsAt = try #require(body.range(of: "opened the shared worksheets"))
            #expect(sheetsAt.lowerBound < journalAt.lowerBound)
            let api = try await ConcurrencyTests.call(app, .get, SiteURL.apiMyAccess.path, token: try await app.apiToken("c@example.org"))
            #expect(api.bodyText.contains("a journal entry") && api.bodyText.contains("\"role\":\"therapist\""))
        }
    }

    @Test func theAccessListIsPagedNewestFirst() async throws {
        try await withApp { app in
            let (client, therapist, clientID) = try await Self.setUp(app)
            let id = try await JournalTests.write(client, "Paged")
            try await Self.share(client, journal: id)
            for _ in 0..<(SharedWorkStore.accessPageSize + 3) {
                #expect(try await therapist.get(SiteURL.clientSharedItem(clientID, kind: "journal", entry: id).path).status == .ok)
            }
            let first = try await client.get(SiteURL.accountAccess.path).bodyText
            #expect(first.components(separatedBy: "class=\"access\"").count - 1 == SharedWorkStore.accessPageSize)
            let older = try #require(first.range(of: "/account/access?before=")).upperBound
            let seq = String(first[older...].prefix { $0.isNumber })
            let second = try await client.get(SiteURL.accountAccess.path + "?before=\(seq)").bodyText
            #expect(second.components(separatedBy: "class=\"access\"").count - 1 == 3)
            #expect(!second.contains("?before="))
        }
    }

    @Test func revokingAShareTakesEffectOnTheNextRequest() async throws {
        try await withApp { app in
            let (client, therapist, clientID) = try await Self.setUp(app)
            let id = try await JournalTests.write(client, "Revocable")
            try await Self.share(client, journal: id)
            let path = SiteURL.clientSharedItem(clientID, kind: "journal", entry: id).path
            #expect(try await therapist.get(path).status == .ok)
            try await Self.share(client, journal: id, false)
            #expect(try await therapist.get(path).status == .notFound)
            #expect(!(try await therapist.get(SiteURL.client(clientID).path).bodyText.contains(id)))
            #expect(try await therapist.get(SiteURL.clients.path).bodyText.contains("nothing shared yet"))
        }
    }

    @Test func openingTheSameItemManyTimesAtOnceKeepsOneReadMark() async throws {
        try await withApp { app in
            let (client, therapist, clientID) = try await Self.setUp(app)
            let id = try await JournalTests.write(client, "Burst")
            try await Self.share(client, journal: id)
            let path = SiteURL.clientSharedItem(clientID, kind: "journal", entry: id).path
            // More than the SQLite readers plus writer, and more than the PostgreSQL pool.
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for _ in 0..<16 { group.addTask { try await therapist.get(path).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.count == 16 && statuses.allSatisfy { $0 == .ok })
            #expect(try await app.count("therapist_read_marks") == 1)
        }
    }

    @Test func theRosterCountsUnreadItemsAcrossKindsAndEachOpeningTakesOneOff() async throws {
        try await withApp { app in
            // setup: a shared safety plan (kept in seconds) and two shared journal entries (milliseconds)
            let (client, therapist, clientID) = try await Self.setUp(app)
            let owner = try await app.user("c@example.org")
            var plan = SafetyPlan()
            plan.warningSigns = ["A sign"]
            _ = try await app.services.safetyPlans.save(plan, for: owner, address: nil)
            _ = try await app.services.safetyPlans.setShared(true, for: owner, address: nil)
            let first = try await JournalTests.write(client, "First shared")
            let second = try await JournalTests.write(client, "Second shared")
            try await Self.share(client, journal: first)
            try await Self.share(client, journal: second)
            _ = try await JournalTests.write(client, "Private")
            // check: three unread, then one fewer with each opening, whatever its kind
            #expect(try await therapist.get(SiteURL.clients.path).bodyText.contains("Newly shared: 3 items"))
            _ = try await therapist.get(SiteURL.clientSharedItem(clientID, kind: "safety-plan", entry: clientID).path)
            #expect(try await therapist.get(SiteURL.clients.path).bodyText.contains("Newly shared: 2 items"))
            _ = try await therapist.get(SiteURL.clientSharedItem(clientID, kind: "journal", entry: first).path)
            #expect(try await therapist.get(SiteURL.clients.path).bodyText.contains("Newly shared: 1 item"))
            // a change after opening counts again; unsharing takes an unread item off
            let edited = try await client.submit(SiteURL.journalEntry(first).path, fields: ["body": "First, changed", "feeling": ""],
                                                 formPage: SiteURL.journalEdit(first).path)
            #expect(edited.status == .seeOther)
            #expect(try await therapist.get(SiteURL.clients.path).bodyText.contains("Newly shared: 2 items"))
            try await Self.share(client, journal: second, false)
            #expect(try await therapist.get(SiteURL.clients.path).bodyText.contains("Newly shared: 1 item"))
        }
    }

    @Test func aSharedSafetyPlanIsListedOpenedReadOnlyAndMarkedRead() async throws {
        try await withApp { app in
            // setup
            let (client, therapist, clientID) = try await Self.setUp(app)
            let owner = try await app.user("c@example.org")
            let marker = "plan-\(UUID().uuidString.prefix(8))"
            var plan = SafetyPlan()
            plan.warningSigns = [marker]
            _ = try await app.services.safetyPlans.save(plan, for: owner, address: nil)
            let path = SiteURL.clientSharedItem(clientID, kind: "safety-plan", entry: clientID).path
            #expect(try await therapist.get(path).status == .notFound)
            _ = try await app.services.safetyPlans.setShared(true, for: owner, address: nil)
            // act
            let list = try await therapist.get(SiteURL.client(clientID).path).bodyText
            let opened = try await therapist.get(path)
            // check
            #expect(list.contains(path) && list.contains(">New<") && !list.contains(marker))
            #expect(opened.status == .ok && opened.bodyText.contains(marker))
            #expect(!(try await therapist.get(SiteURL.client(clientID).path).bodyText.contains(">New<")))
            #expect(try await client.get(SiteURL.accountAccess.path).bodyText.contains("opened the safety plan"))
            _ = try await app.services.safetyPlans.setShared(false, for: owner, address: nil)
            #expect(try await therapist.get(path).status == .notFound)
            #expect(try await therapist.get(SiteURL.clients.path).bodyText.contains("nothing shared yet"))
        }
    }

    @Test func whoSawMyDataIsServedByTheIndexOfOthersRecords() async throws {
        try await withApp { app in
            guard app.usesSQLite else { return }  // PostgreSQL's planner may prefer a scan of a table this small.
            let plan = try await app.services.database.sql.raw("""
                EXPLAIN QUERY PLAN SELECT audit_events.seq FROM audit_events
                WHERE audit_events.subject_user_id = 'someone' AND audit_events.actor_id <> audit_events.subject_user_id
                ORDER BY audit_events.seq DESC LIMIT 51
                """).all()
            let details = try plan.map { try $0.decode(column: "detail", as: String.self) }.joined(separator: " ")
            #expect(details.contains("audit_events_others_idx"), "\(details)")
        }
    }
}
