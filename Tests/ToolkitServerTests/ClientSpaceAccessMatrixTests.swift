import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Every page of a client's own space, asked for by everyone but its owner: another client, the
/// client's own therapist, another therapist, an administrator and a visitor. None gets the
/// page or sees a word of what the client wrote; the owner's private writing appears in no
/// therapist response at all.
@Suite struct ClientSpaceAccessMatrixTests {
    /// One private entry of every kind, each carrying the marker, and the pages that show them.
    static func ownersSpace(_ app: TestApp, marker: String) async throws -> (get: [String], post: [String]) {
        let owner = try await JournalTests.setUp(app)
        let journal = try await JournalTests.write(owner, "Journal \(marker)")
        let thought = try await ThoughtCoachTests.start(owner, "I always fail \(marker)")
        let critic = try await CriticScriptTests.add(owner, critic: "Critic \(marker)", answer: "Answer \(marker)", in: app)
        let practice = try await PracticeLogTests.record(owner, try PracticeLogTests.practice(app), ["note": "Note \(marker)"])
        let worksheet = try await SavedWorksheetTests.save(owner, ["need-to-hear": "Sheet \(marker)"])
        let goal = try await GoalsTests.create(owner, title: "Goal \(marker)")
        _ = try await RitualsTests.addOwn(owner, "Ritual \(marker)")
        try await SelfCarePlanTests.savePlan(owner, ["body": "Plan \(marker)"])
        let checkIn = try SelfCarePlanTests.id(try await SelfCarePlanTests.checkIn(owner, ["what-helped": "Check-in \(marker)"]))
        let get = [
            SiteURL.today.path, SiteURL.sharing.path,
            SiteURL.journal.path, SiteURL.journalEntry(journal).path, SiteURL.journalEdit(journal).path,
            SiteURL.thoughtCoach.path, SiteURL.thoughtRecord(thought).path,
            SiteURL.critic.path, SiteURL.criticLineEdit(critic).path, SiteURL.criticCard.path,
            SiteURL.practiceLog.path, SiteURL.practiceRecord(practice).path,
            SiteURL.worksheets.path, SiteURL.worksheet(worksheet).path, SiteURL.worksheetEdit(worksheet).path,
            SiteURL.worksheetVersions(worksheet).path, SiteURL.worksheetVersion(worksheet, 1).path, SiteURL.worksheetPrint(worksheet).path,
            SiteURL.goals.path, SiteURL.goal(goal).path, SiteURL.goalEdit(goal).path, SiteURL.goalReflection(goal).path,
            SiteURL.rituals.path, SiteURL.selfCare.path, SiteURL.selfCarePlan.path, SiteURL.selfCareCheckIn(checkIn).path,
            "/api/v1/me/journal/\(journal)", "/api/v1/me/thought-records/\(thought)", "/api/v1/me/critic-lines/\(critic)",
        ]
        let post = [
            SiteURL.journalSharing(journal).path, SiteURL.journalDelete(journal).path,
            SiteURL.thoughtRecordSharing(thought).path, SiteURL.thoughtRecordDelete(thought).path,
            SiteURL.criticLineSharing(critic).path, SiteURL.criticLineDelete(critic).path,
            SiteURL.practiceRecordSharing(practice).path, SiteURL.practiceRecordDelete(practice).path,
            SiteURL.worksheetSharing(worksheet).path, SiteURL.worksheetDelete(worksheet).path,
            SiteURL.goalSharing(goal).path, SiteURL.goalDelete(goal).path,
            SiteURL.selfCareCheckInSharing(checkIn).path, SiteURL.selfCareCheckInDelete(checkIn).path,
        ]
        return (get, post)
    }

    /// Pages every client has, each showing only its reader's own things.
    static let ownPages: Set<String> = [
        SiteURL.today.path, SiteURL.sharing.path, SiteURL.journal.path, SiteURL.thoughtCoach.path, SiteURL.critic.path,
        SiteURL.criticCard.path, SiteURL.practiceLog.path, SiteURL.worksheets.path, SiteURL.goals.path, SiteURL.rituals.path,
        SiteURL.selfCare.path, SiteURL.selfCarePlan.path,
    ]

    @Test func nobodyButTheOwnerReachesAnyOfItAndNothingTheyWroteLeaks() async throws {
        try await withApp { app in
            // setup
            let marker = "matrix-\(UUID().uuidString.prefix(8))"
            let space = try await Self.ownersSpace(app, marker: marker)
            try await app.createUser(.client, email: "other@example.org", therapist: "t@example.org")
            try await app.createUser(.therapist, email: "t2@example.org")
            try await app.createUser(.admin, email: "a@example.org")
            let others: [(String, Browser)] = [
                ("another client", try await app.signedIn("other@example.org", address: "198.51.100.21")),
                ("the client's own therapist", try await app.signedIn("t@example.org", address: "198.51.100.22")),
                ("another therapist", try await app.signedIn("t2@example.org", address: "198.51.100.23")),
                ("an administrator", try await app.signedIn("a@example.org", address: "198.51.100.24")),
                ("a visitor", app.browser(address: "198.51.100.25")),
            ]
            let clientID = try await app.user("c@example.org").id
            let therapistPages = ["/", SiteURL.clients.path, SiteURL.clientSafetyPlan(clientID).path, SiteURL.clientWorksheets(clientID).path,
                                  SiteURL.client(clientID).path]
            // check first: the owner does see their words on each page about one entry, so their
            // absence below means something
            let owner = try await app.signedIn("c@example.org", address: "198.51.100.20")
            let ownerToken = try await app.apiToken("c@example.org")
            // (the versions list shows only times)
            for path in space.get where !Self.ownPages.contains(path) && !path.hasSuffix("/versions") {
                let answer = path.hasPrefix("/api/") ? try await ConcurrencyTests.call(app, .get, path, token: ownerToken) : try await owner.get(path)
                #expect(answer.status == .ok && answer.bodyText.contains(marker), "owner: GET \(path) answered \(answer.status.code)")
            }
            // act + check
            for (who, browser) in others {
                let token = Browser.csrfToken(in: try await browser.get(SiteURL.account.path).bodyText) ?? ""
                for path in space.get {
                    let answer = try await browser.get(path)
                    // Another client has pages of their own at the same addresses; only those answer them.
                    let theirOwn = who == "another client" && Self.ownPages.contains(path)
                    #expect(theirOwn ? answer.status == .ok : [.unauthorized, .forbidden, .notFound].contains(answer.status),
                            "\(who): GET \(path) answered \(answer.status.code)")
                    #expect(!answer.bodyText.contains(marker), "\(who): GET \(path) showed the owner's words")
                }
                for path in space.post {
                    let answer = try await browser.post(path, form: ["_csrf": token, "shared": "1"])
                    #expect([.unauthorized, .forbidden, .notFound].contains(answer.status), "\(who): POST \(path) answered \(answer.status.code)")
                }
                for path in therapistPages {
                    #expect(!(try await browser.get(path).bodyText.contains(marker)), "\(who): \(path) showed the owner's words")
                }
            }
            // check: nothing was shared, changed or deleted along the way
            for table in ["journal_entries", "thought_records", "critic_answers", "practice_log_entries", "saved_worksheets", "goals", "self_care_check_ins"] {
                let rows = try await app.services.database.sql.raw("SELECT shared FROM \(unsafeRaw: table)").all()
                #expect(rows.count == 1, "\(table)")
                #expect(try rows.allSatisfy { try $0.decode(column: "shared", as: Int.self) == 0 }, "\(table)")
            }
        }
    }
}
