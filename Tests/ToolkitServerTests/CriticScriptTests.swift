import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// My critic and my answers: a private calming script that appears where hard moments are met,
/// sealed at rest, shared one line or all lines at a time.
@Suite struct CriticScriptTests {
    static func setUp(_ app: TestApp) async throws -> Browser {
        try await app.createUser(.therapist, email: "t@example.org")
        try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
        return try await app.signedIn("c@example.org")
    }

    @discardableResult
    static func add(_ client: Browser, critic: String, answer: String, in app: TestApp) async throws -> String {
        let saved = try await client.submit(SiteURL.critic.path, fields: ["critic": critic, "answer": answer])
        #expect(saved.status == .seeOther)
        // The new line is the newest one stored.
        let row = try await app.services.database.sql.select().column("id").from("critic_answers")
            .orderBy("created_at", .descending).orderBy("id", .descending).limit(1).first()
        return try #require(try row?.decode(column: "id", as: String.self))
    }

    @Test func aClientWritesAnswersAndSeesTheScriptWhereHardMomentsAreMet() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            // act
            try await Self.add(client, critic: "You always mess things up", answer: "I got one thing wrong. That's human.", in: app)
            let waiting = try await Self.add(client, critic: "Nobody wants you around", answer: "", in: app)
            let page = try await client.get(SiteURL.critic.path).bodyText
            let flow = try await client.get(HardMomentsTests.startCheckIn(client, rating: 5)).bodyText
            let personal = try await client.get(SiteURL.crisisPersonal.path).bodyText
            let card = try await client.get(SiteURL.criticCard.path).bodyText
            // check: the script lists answered lines; the unanswered one waits, and appears nowhere else
            #expect(page.contains("You always mess things up"))
            #expect(page.contains("Waiting for an answer"))
            #expect(page.contains(SiteURL.criticLineEdit(waiting).path))
            for text in [flow, card] {
                #expect(text.contains("I got one thing wrong. That&#39;s human.") || text.contains("I got one thing wrong. That's human."))
                #expect(!text.contains("Nobody wants you around"))
            }
            #expect(flow.contains("Your answers to your critic"))
            let json = try JSONDecoder().decode(CrisisController.Personal.self, from: Data(personal.utf8))
            #expect(json.criticScript == [CriticAnswer(critic: "You always mess things up", answer: "I got one thing wrong. That's human.")])
            let actions = try await app.auditTrail().map(\.action)
            #expect(actions.filter { $0 == "critic-answer.write" }.count == 2)
            #expect(actions.contains("critic-answer.read"))
        }
    }

    @Test func theCrisisPageItselfNeverCarriesTheScript() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            try await Self.add(client, critic: "You are pathetic", answer: "critic-answer-marker", in: app)
            // act
            let crisis = try await client.get(SiteURL.crisis.path).bodyText
            let visitor = try await app.browser(address: "198.51.100.9").get(SiteURL.crisisPersonal.path).bodyText
            // check: the page is the same for everyone; the script arrives only with the client's own request
            #expect(!crisis.contains("critic-answer-marker"))
            #expect(crisis.contains("id=\"my-answers\""))
            #expect(!visitor.contains("critic-answer-marker"))
        }
    }

    @Test func aLineIsChangedDeletedAndKeepsWhatWasTypedWhenRejected() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let id = try await Self.add(client, critic: "You should have known better", answer: "", in: app)
            let long = String(repeating: "kind ", count: 250)
            // act
            let empty = try await client.submit(SiteURL.critic.path, fields: ["critic": "  ", "answer": "An answer <kept>"])
            let tooLong = try await client.submit(SiteURL.criticLine(id).path, fields: ["critic": "You should have known better", "answer": long],
                                                  formPage: SiteURL.criticLineEdit(id).path)
            let changed = try await client.submit(SiteURL.criticLine(id).path,
                                                  fields: ["critic": "You should have known better", "answer": "Nobody knows everything in advance."],
                                                  formPage: SiteURL.criticLineEdit(id).path)
            let afterChange = try await client.get(SiteURL.critic.path).bodyText
            let deleted = try await client.submit(SiteURL.criticLineDelete(id).path, fields: [:], formPage: SiteURL.criticLineEdit(id).path)
            // check
            #expect(empty.status == .unprocessableContent)
            #expect(empty.bodyText.contains("An answer &lt;kept&gt;"))
            #expect(empty.bodyText.contains("href=\"#field-critic\""))
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.bodyText.contains(long.trimmingCharacters(in: .whitespaces)))
            #expect(tooLong.bodyText.contains("href=\"#field-answer\""))
            #expect(changed.status == .seeOther)
            #expect(afterChange.contains("Nobody knows everything in advance."))
            #expect(deleted.status == .seeOther)
            #expect(try await app.count("critic_answers") == 0)
            #expect(try await client.get(SiteURL.criticLineEdit(id).path).status == .notFound)
        }
    }

    @Test func whatIsWrittenIsSealedAtRest() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let critic = "critic-marker-\(UUID().uuidString)"
            let answer = "answer-marker-\(UUID().uuidString)"
            // act
            try await Self.add(client, critic: critic, answer: answer, in: app)
            // check
            let rows = try await app.services.database.sql.raw("SELECT content FROM critic_answers").all()
            #expect(rows.count == 1)
            #expect(try rows[0].decode(column: "content", as: String.self).hasPrefix("v1:"))
            if app.usesSQLite {
                let raw = try app.rawDatabaseBytes()
                #expect(raw.range(of: Data(critic.utf8)) == nil)
                #expect(raw.range(of: Data(answer.utf8)) == nil)
            }
        }
    }

    @Test func otherPeopleCannotReadOrChangeALine() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let id = try await Self.add(client, critic: "You're a burden", answer: "I matter too.", in: app)
            try await app.createUser(.client, email: "other@example.org", therapist: "t@example.org")
            let other = try await app.signedIn("other@example.org", address: "198.51.100.7")
            let therapist = try await app.signedIn("t@example.org", address: "198.51.100.8")
            // act
            let otherEdit = try await other.get(SiteURL.criticLineEdit(id).path)
            let otherChange = try await other.submit(SiteURL.criticLine(id).path, fields: ["critic": "changed", "answer": "changed"],
                                                     formPage: SiteURL.critic.path)
            let otherShare = try await other.submit(SiteURL.criticLineSharing(id).path, fields: ["shared": "1"], formPage: SiteURL.critic.path)
            let otherPage = try await other.get(SiteURL.critic.path).bodyText
            let therapistPage = try await therapist.get(SiteURL.critic.path)
            // check
            #expect(otherEdit.status == .notFound)
            #expect(otherChange.status == .notFound)
            #expect(otherShare.status == .notFound)
            #expect(!otherPage.contains("You're a burden") && !otherPage.contains("You&#39;re a burden"))
            #expect(therapistPage.status == .forbidden)
            let page = try await client.get(SiteURL.critic.path).bodyText
            #expect(page.contains("I matter too."))
            #expect(!page.contains("shared with your therapist"))
        }
    }

    @Test func sharingOneLineOrAllLinesIsWhatTheTherapistSeesAndRevokingWorksAtOnce() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let first = try await Self.add(client, critic: "Shared line", answer: "Shared answer", in: app)
            try await Self.add(client, critic: "Private line", answer: "Private answer", in: app)
            let therapist = try await app.user("t@example.org")
            try await app.createUser(.therapist, email: "t2@example.org")
            let otherTherapist = try await app.user("t2@example.org")
            let clientID = try await app.user("c@example.org").id
            let store = app.services.criticAnswers
            // act: one line
            _ = try await client.submit(SiteURL.criticLineSharing(first).path, fields: ["shared": "1"], formPage: SiteURL.criticLineEdit(first).path)
            let one = try #require(try await store.shared(clientID: clientID, therapist: therapist, address: nil))
            let sharingPage = try await client.get(SiteURL.sharing.path).bodyText
            // act: all lines, now and later
            let all = try await client.submit(SiteURL.sharingKind("critic").path, fields: ["shared": "1"], formPage: SiteURL.critic.path)
            try await Self.add(client, critic: "Written later", answer: "Shared from the start", in: app)
            let everything = try #require(try await store.shared(clientID: clientID, therapist: therapist, address: nil))
            let notTheirs = try await store.shared(clientID: clientID, therapist: otherTherapist, address: nil)
            // act: stop sharing all
            _ = try await client.submit(SiteURL.sharingKind("critic").path, fields: ["shared": "0", "back": "sharing"], formPage: SiteURL.sharing.path)
            let afterRevoking = try #require(try await store.shared(clientID: clientID, therapist: therapist, address: nil))
            try await Self.add(client, critic: "Written after", answer: "Private again", in: app)
            let afterNew = try #require(try await store.shared(clientID: clientID, therapist: therapist, address: nil))
            let finalPage = try await client.get(SiteURL.sharing.path).bodyText
            // check
            #expect(one.map(\.entry.critic) == ["Shared line"])
            #expect(sharingPage.contains("2 in all, 1 shared."))
            #expect(sharingPage.contains("Shared line"))
            #expect(!sharingPage.contains("Private line"))
            #expect(all.status == .seeOther)
            #expect(Set(everything.map(\.entry.critic)) == ["Shared line", "Private line", "Written later"])
            #expect(notTheirs == nil)
            #expect(afterRevoking.isEmpty)
            #expect(afterNew.isEmpty)
            #expect(finalPage.contains("4 in all, none shared."))
            let actions = try await app.auditTrail().map(\.action)
            #expect(actions.contains("critic-answer.share-all"))
            #expect(actions.contains("critic-answer.unshare-all"))
        }
    }

    @Test func sharingAnUnknownKindIsNotFoundAndOnlyClientsHaveASharingPage() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let therapist = try await app.signedIn("t@example.org", address: "198.51.100.8")
            // act
            let unknown = try await client.submit(SiteURL.sharingKind("nothing").path, fields: ["shared": "1"], formPage: SiteURL.sharing.path)
            let therapistPage = try await therapist.get(SiteURL.sharing.path)
            let empty = try await client.get(SiteURL.sharing.path).bodyText
            // check
            #expect(unknown.status == .notFound)
            #expect(therapistPage.status == .forbidden)
            #expect(empty.contains("Nothing. Everything you write here is private"))
        }
    }

    @Test func aLineTypedAfterTheSessionEndedComesBackAfterSigningIn() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let token = try #require(Browser.csrfToken(in: try await client.get(SiteURL.critic.path).bodyText))
            client.setCookie(app.services.cookies.sessionName, "")
            // act
            let rejected = try await client.post(SiteURL.critic.path, form: ["_csrf": token, "critic": "You're hopeless", "answer": "I'm learning <slowly>"])
            let loginToken = try #require(Browser.csrfToken(in: rejected.bodyText))
            let resumed = try await client.post(SiteURL.login.path, form: [
                "_csrf": loginToken, "email": "c@example.org", "password": TestApp.password,
                "_held_path": SiteURL.critic.path, "_held.critic": "You're hopeless", "_held.answer": "I'm learning <slowly>",
            ])
            // check
            #expect(rejected.status == .unauthorized)
            #expect(resumed.status == .ok)
            #expect(resumed.bodyText.contains("I&#39;m learning &lt;slowly&gt;") || resumed.bodyText.contains("I'm learning &lt;slowly&gt;"))
            #expect(resumed.bodyText.contains("action=\"/my-critic\""))
            #expect(try await app.count("critic_answers") == 0)
        }
    }

    @Test func exportIncludesTheScriptAndErasingRemovesIt() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            try await Self.add(client, critic: "Export critic", answer: "Export answer", in: app)
            // act
            let json = try await client.get(SiteURL.accountExport.path).bodyText
            let page = try await client.get("/account/export/print").bodyText
            let erased = try await client.submit("/account/erase", fields: ["currentPassword": TestApp.password, "confirm": "erase"],
                                                 formPage: SiteURL.account.path)
            // check
            #expect(json.contains("\"criticAnswers\""))
            #expect(json.contains("Export answer"))
            #expect(page.contains("Export critic"))
            #expect(erased.status == .seeOther)
            #expect(try await app.count("critic_answers") == 0)
            #expect(try await app.count("sharing_preferences") == 0)
        }
    }

    @Test func manyLinesSavedAtOnceAreAllKeptAndAudited() async throws {
        try await withApp { app in
            // setup: more simultaneous writes (and share-all switches) than the pool has connections
            try await app.createUser(.therapist, email: "t@example.org")
            var clients: [(Browser, String)] = []
            for index in 0..<4 {
                try await app.createUser(.client, email: "c\(index)@example.org", therapist: "t@example.org")
                let browser = try await app.signedIn("c\(index)@example.org", address: "198.51.100.\(index + 1)")
                clients.append((browser, try #require(Browser.csrfToken(in: try await browser.get(SiteURL.critic.path).bodyText))))
            }
            let perClient = 6
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (index, (browser, token)) in clients.enumerated() {
                    for number in 0..<perClient {
                        group.addTask {
                            try await browser.post(SiteURL.critic.path,
                                                   form: ["_csrf": token, "critic": "You never \(index)-\(number)", "answer": "I sometimes do"]).status
                        }
                    }
                    group.addTask { try await browser.post(SiteURL.sharingKind("critic").path, form: ["_csrf": token, "shared": "1"]).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.count == clients.count * (perClient + 1))
            #expect(statuses.allSatisfy { $0 == .seeOther })
            #expect(try await app.count("critic_answers") == clients.count * perClient)
            #expect(try await app.count("sharing_preferences") == clients.count)
            #expect(try await app.auditTrail().filter { $0.action == "critic-answer.write" }.count == clients.count * perClient)
            #expect(try await app.services.audit.verify().ok)
        }
    }
}
