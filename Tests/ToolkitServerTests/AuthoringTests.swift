import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
import ToolkitCore
@testable import ToolkitServer

/// A therapist's own items: written and previewed in the app, held to the library's checks, seen
/// by their own clients (and, once published, by everyone signed in), never by visitors or other
/// therapists' clients, assignable, completable, exported and imported as library files.
@Suite struct AuthoringTests {
    /// A worksheet that passes the content check (grade 4.5 to 7.5, every part filled in).
    static func worksheet(title: String = "After a long shift", forYou: String? = nil) -> [String: String] {
        [
            "kind": "worksheet", "title": title,
            "summary": "Notice how you speak to yourself after a hard day, and try a kinder voice.",
            "category": "cognitive", "components": "self-kindness", "minutes": "10", "situations": "after-a-mistake",
            "keywords": "work, shift, tired",
            "forYou": forYou ?? """
                This worksheet helps you notice the way you speak to yourself after a demanding day at work, when tiredness \
                makes the inner critic louder than usual. Write down what happened, and then write what a caring friend, someone \
                who knows how hard you have been trying, might say about it.

                There are no right answers, and you can stop whenever you need to. Many people find that their first answer \
                sounds harsh; that is a normal place to begin, and it often softens with practice.
                """,
            "therapistNotes": "Use after week two.",
            "fieldCount": "3",
            "field-0-label": "What happened today that still bothers you?", "field-0-type": "long-text",
            "field-1-label": "What would a caring friend say to you about it?", "field-1-type": "long-text",
            "field-2-label": "How hard are you being on yourself right now?", "field-2-type": "rating",
        ]
    }

    /// A two-step guided practice that passes the content check.
    static func practice(title: String = "Two-minute pause") -> [String: String] {
        [
            "kind": "guided-practice", "title": title, "summary": "A short pause between clients or tasks.",
            "category": "exercise", "components": "mindfulness", "minutes": "2", "situations": "feeling-overwhelmed",
            "forYou": "Use this pause when the day feels crowded. You only need a chair and two minutes.",
            "safetyLine": "If this brings up too much, open your eyes and look around the room.",
            "stepCount": "2",
            "step-0-title": "Stop", "step-0-text": "Put down what you are holding and feel your feet on the floor.", "step-0-seconds": "60",
            "step-1-title": "Look around", "step-1-text": "Name three things you can see, one at a time, slowly.", "step-1-seconds": "60",
        ]
    }

    /// Saves an item through the editor and returns its id.
    static func write(_ therapist: Browser, _ fields: [String: String], expecting done: String = "saved") async throws -> String {
        let saved = try await therapist.submit(SiteURL.authoredItemNew.path, fields: fields.merging(["action": "save"]) { $1 },
                                               formPage: SiteURL.authoredItemNew.path)
        #expect(saved.status == .seeOther, "\(saved.bodyText.prefix(1200))")
        let location = try #require(saved.headers[.location])
        #expect(location.hasSuffix("?done=\(done)"), "\(location)")
        return String(try #require(location.split(separator: "?").first).dropFirst("/library/mine/".count))
    }

    /// Two therapists, each with a client, and the first therapist's browsers.
    static func setUp(_ app: TestApp) async throws -> (author: Browser, client: Browser, otherTherapist: Browser, otherClient: Browser) {
        try await app.createUser(.therapist, email: "t@example.org", name: "Terry Therapist")
        try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
        try await app.createUser(.therapist, email: "t2@example.org")
        try await app.createUser(.client, email: "c2@example.org", therapist: "t2@example.org")
        return (try await app.signedIn("t@example.org", address: "198.51.100.60"), try await app.signedIn("c@example.org", address: "198.51.100.61"),
                try await app.signedIn("t2@example.org", address: "198.51.100.62"), try await app.signedIn("c2@example.org", address: "198.51.100.63"))
    }

    @Test func aTherapistsWorksheetReachesTheirClientsOnlyUntilPublished() async throws {
        try await withApp { app in
            // setup
            let (author, client, otherTherapist, otherClient) = try await Self.setUp(app)
            let visitor = app.browser(address: "198.51.100.64")
            // act: preview (nothing kept), then save
            let preview = try await author.submit(SiteURL.authoredItemNew.path, fields: Self.worksheet().merging(["action": "preview"]) { $1 },
                                                  formPage: SiteURL.authoredItemNew.path + "?kind=worksheet")
            #expect(preview.status == .ok)
            #expect(preview.bodyText.contains("Preview: what a client sees"))
            #expect(preview.bodyText.contains("What would a caring friend say to you about it?"))
            #expect(!preview.bodyText.contains("Before it can go in the library"), "\(preview.bodyText)")
            #expect(try await app.count("authored_items") == 0)
            let id = try await Self.write(author, Self.worksheet())
            // check: the author's client finds it, opens it, searches for it, prints it and saves it filled in
            let page = try await client.get(SiteURL.libraryItem(id).path)
            #expect(page.status == .ok)
            #expect(page.bodyText.contains("Written by Terry Therapist for their clients."))
            #expect(page.bodyText.contains("What happened today that still bothers you?"))
            #expect(!page.bodyText.contains("Use after week two."))
            #expect(try await client.get(SiteURL.library.path + "?q=shift").bodyText.contains(SiteURL.libraryItem(id).path))
            #expect(try await client.get(SiteURL.libraryPrint(id).path).status == .ok)
            let sheet = try await client.submit(SiteURL.worksheets.path, fields: ["item": id, "status": "completed",
                                                                                  WorksheetForm.inputName("what-happened-today-that-still"): "The rota changed again"],
                                                formPage: SiteURL.libraryItem(id).path)
            #expect(sheet.status == .seeOther, "\(sheet.bodyText.components(separatedBy: "error-summary").last?.prefix(600) ?? "")")
            let sheetPath = String(try #require(sheet.headers[.location]?.split(separator: "?").first))
            #expect(try await client.get(sheetPath).bodyText.contains("The rota changed again"))
            // check: nobody else sees it: not another therapist, not their client, not a visitor
            for browser in [otherTherapist, otherClient, visitor] {
                #expect(try await browser.get(SiteURL.libraryItem(id).path).status == .notFound)
                #expect(try await browser.get(SiteURL.libraryPrint(id).path).status == .notFound)
                #expect(try await browser.get(SiteURL.libraryPacket.path + "?items=\(id)").status == .badRequest)
                #expect(!(try await browser.get(SiteURL.library.path + "?q=shift").bodyText.contains(id)))
            }
            let refused = try await otherClient.submit(SiteURL.worksheets.path, fields: ["item": id, "status": "draft"], formPage: SiteURL.worksheets.path)
            #expect(refused.status != .seeOther)
            // act: publish
            let published = try await author.submit(SiteURL.authoredItemPublish(id).path, fields: ["published": "1"], formPage: SiteURL.authoredItems.path)
            #expect(published.status == .seeOther)
            // check: every signed-in person now sees it; visitors still don't
            #expect(try await otherTherapist.get(SiteURL.libraryItem(id).path).bodyText.contains("shared with every therapist here"))
            #expect(try await otherClient.get(SiteURL.libraryItem(id).path).status == .ok)
            #expect(try await visitor.get(SiteURL.libraryItem(id).path).status == .notFound)
            // and every change is audited
            let actions = try await app.auditTrail().filter { $0.targetId == id }.map(\.action)
            #expect(actions == ["authored-item.write", "authored-item.publish"])
        }
    }

    @Test func workThatFailsTheCheckIsKeptAsADraftAndTheLiveVersionStays() async throws {
        try await withApp { app in
            // setup
            let (author, client, _, _) = try await Self.setUp(app)
            let hard = "Notwithstanding considerable organisational complexity, practitioners frequently experience disproportionate self-evaluative criticism, particularly following interpersonal difficulties, institutional reorganisation, or unanticipated professional responsibilities."
            // act: a first save that fails the reading-level check
            let draftID = try await Self.write(author, Self.worksheet(title: "Hard words", forYou: hard), expecting: "draft")
            // check: kept word for word, with the reason, and not in the library
            let editor = try await author.get(SiteURL.authoredItem(draftID).path + "?done=draft").bodyText
            #expect(editor.contains("Notwithstanding considerable organisational complexity"))
            #expect(editor.contains("Before it can go in the library"))
            #expect(editor.contains("reads at grade"))
            #expect(try await client.get(SiteURL.libraryItem(draftID).path).status == .notFound)
            #expect(try await author.get(SiteURL.libraryItem(draftID).path).status == .notFound)
            let cannotShare = try await author.submit(SiteURL.authoredItemPublish(draftID).path, fields: ["published": "1"], formPage: SiteURL.authoredItems.path)
            #expect(cannotShare.status == .conflict)
            // act: a live item, then a change that fails the check
            let id = try await Self.write(author, Self.worksheet())
            let change = try await author.submit(SiteURL.authoredItem(id).path,
                                                 fields: Self.worksheet(title: "Renamed", forYou: hard).merging(["action": "save"]) { $1 })
            #expect(change.headers[.location] == SiteURL.authoredItem(id).path + "?done=draft")
            // check: clients still see the version that passed; the author's editor holds the change
            let live = try await client.get(SiteURL.libraryItem(id).path).bodyText
            #expect(live.contains("After a long shift") && !live.contains("Renamed"))
            let reopened = try await author.get(SiteURL.authoredItem(id).path).bodyText
            #expect(reopened.contains("Renamed") && reopened.contains("Your clients still see the last version that passed"))
            // act: a bad number comes back as typed, nothing saved
            var broken = Self.worksheet(title: "Keep every word of this")
            broken["minutes"] = "ten"
            let rejected = try await author.submit(SiteURL.authoredItemNew.path, fields: broken.merging(["action": "save"]) { $1 },
                                                   formPage: SiteURL.authoredItemNew.path)
            #expect(rejected.status == .unprocessableContent)
            #expect(rejected.bodyText.contains("Keep every word of this"))
            #expect(rejected.bodyText.contains("whole number from 1 to 240"))
            #expect(try await app.count("authored_items") == 2)
        }
    }

    @Test func onlyTheAuthorChangesSharesDeletesOrDownloadsAnItem() async throws {
        try await withApp { app in
            // setup
            let (author, client, otherTherapist, _) = try await Self.setUp(app)
            let id = try await Self.write(author, Self.worksheet())
            // act and check: another therapist gets "not found" for every authoring route, a client is refused
            let token = try #require(Browser.csrfToken(in: try await otherTherapist.get(SiteURL.authoredItems.path).bodyText))
            #expect(try await otherTherapist.get(SiteURL.authoredItem(id).path).status == .notFound)
            #expect(try await otherTherapist.get(SiteURL.authoredItemExport(id).path).status == .notFound)
            var form = Self.worksheet(title: "Taken over")
            form["_csrf"] = token
            form["action"] = "save"
            #expect(try await otherTherapist.post(SiteURL.authoredItem(id).path, form: form).status == .notFound)
            #expect(try await otherTherapist.post(SiteURL.authoredItemPublish(id).path, form: ["_csrf": token, "published": "1"]).status == .notFound)
            #expect(try await otherTherapist.post(SiteURL.authoredItemDelete(id).path, form: ["_csrf": token]).status == .notFound)
            #expect(try await client.get(SiteURL.authoredItems.path).status == .forbidden)
            #expect(try await client.get(SiteURL.authoredItemNew.path).status == .forbidden)
            #expect(try await app.browser(address: "198.51.100.64").get(SiteURL.authoredItems.path).status == .unauthorized)
            // the item is unchanged and still there
            #expect(try await client.get(SiteURL.libraryItem(id).path).bodyText.contains("After a long shift"))
            // act: the author deletes it
            let deleted = try await author.submit(SiteURL.authoredItemDelete(id).path, fields: [:], formPage: SiteURL.authoredItems.path)
            #expect(deleted.status == .seeOther)
            #expect(try await client.get(SiteURL.libraryItem(id).path).status == .notFound)
            #expect(try await app.count("authored_items") == 0)
        }
    }

    @Test func anItemDownloadsAsALibraryFileAndImportsAsANewItem() async throws {
        try await withApp { app in
            // setup
            let (author, _, _, _) = try await Self.setUp(app)
            let id = try await Self.write(author, Self.worksheet())
            // act
            let file = try await author.get(SiteURL.authoredItemExport(id).path)
            // check: the bundled library's own format, read by its own parser
            #expect(file.headers[.contentType]?.hasPrefix("text/markdown") == true)
            #expect(file.headers[.contentDisposition] == "attachment; filename=\"\(id).md\"")
            let parsed = try ItemParser.parse(file.bodyText, fileName: id)
            #expect(parsed.title == "After a long shift")
            #expect(parsed.fields.map(\.label) == ["What happened today that still bothers you?", "What would a caring friend say to you about it?",
                                                   "How hard are you being on yourself right now?"])
            // act: import it back (it opens in the editor, unsaved), then save as a new item
            let opened = try await author.submit(SiteURL.authoredItemImport.path, fields: ["source": file.bodyText])
            #expect(opened.status == .ok)
            #expect(opened.bodyText.contains("After a long shift") && opened.bodyText.contains("What would a caring friend say to you about it?"))
            #expect(try await app.count("authored_items") == 1)
            // act: text that is not a library file, and a kind that can't be written here
            let garbage = try await author.submit(SiteURL.authoredItemImport.path, fields: ["source": "just some words <b>typed</b>"])
            let bundledProgram = try String(contentsOf: try #require(ContentLibrary.bundledFolder()).appendingPathComponent("eight-week-self-compassion-program.md"), encoding: .utf8)
            let program = try await author.submit(SiteURL.authoredItemImport.path, fields: ["source": bundledProgram])
            // check: clear messages, the text kept and escaped
            #expect(garbage.status == .unprocessableContent)
            #expect(garbage.bodyText.contains("must start with a &#39;---&#39; line") || garbage.bodyText.contains("must start with a '---' line"))
            #expect(garbage.bodyText.contains("just some words &lt;b&gt;typed&lt;/b&gt;"))
            #expect(program.status == .unprocessableContent)
            #expect(program.bodyText.contains("This file is a program"))
        }
    }

    @Test func anAssignedPracticeOfTheTherapistsOwnIsDoneByDoingIt() async throws {
        try await withApp { app in
            // setup
            let (author, client, _, _) = try await Self.setUp(app)
            let clientID = try await app.user("c@example.org").id
            let id = try await Self.write(author, Self.practice())
            // act
            _ = try await AssignmentTests.assign(author, clientID: clientID, item: id, start: AssignmentTests.today(app))
            let today = try await client.get(SiteURL.today.path).bodyText
            let player = try await client.get(SiteURL.libraryPractice(id).path)
            let done = try await client.submit(SiteURL.practiceLog.path, fields: ["item": id, "minutes": "2"], formPage: SiteURL.libraryPractice(id).path)
            // check
            #expect(today.contains("Two-minute pause"))
            #expect(player.status == .ok && player.bodyText.contains("Name three things you can see"))
            #expect(done.status == .seeOther, "\(done.bodyText.prefix(600))")
            #expect(try await app.count("assignment_completions") == 1)
            #expect(try await author.get(SiteURL.clientAssignments(clientID).path).bodyText.contains("Two-minute pause"))
        }
    }

    @Test func whatATherapistTypesIsEscapedEverywhereItAppears() async throws {
        try await withApp { app in
            // setup
            let (author, client, _, _) = try await Self.setUp(app)
            let title = "Eve\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\"><script>alert(1)</script>"
            // act
            let id = try await Self.write(author, Self.worksheet(title: title))
            // check: the item page (title, meta tags), the card in search, the list and the editor
            for page in [try await client.get(SiteURL.libraryItem(id).path).bodyText,
                         try await client.get(SiteURL.library.path + "?q=shift").bodyText,
                         try await author.get(SiteURL.authoredItems.path).bodyText,
                         try await author.get(SiteURL.authoredItem(id).path).bodyText] {
                #expect(!page.contains("<script>alert(1)"))
                #expect(!page.contains("<meta http-equiv=\"refresh\""))
            }
            #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
        }
    }

    @Test func manySavesOfOneItemAtOnceAllLandAndAreAudited() async throws {
        try await withApp { app in
            // setup
            let (author, _, _, _) = try await Self.setUp(app)
            let id = try await Self.write(author, Self.worksheet())
            let token = try #require(Browser.csrfToken(in: try await author.get(SiteURL.authoredItem(id).path).bodyText))
            // act: more saves at the same moment than storage has connections
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<ConcurrencyTests.simultaneous {
                    group.addTask {
                        var form = Self.worksheet(title: "Version \(index)")
                        form["_csrf"] = token
                        form["action"] = "save"
                        return try await author.post(SiteURL.authoredItem(id).path, form: form).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check: every save answered, one item, one audit record each
            #expect(statuses.allSatisfy { $0 == 303 }, "\(statuses.filter { $0 != 303 })")
            #expect(try await app.count("authored_items") == 1)
            let writes = try await app.auditTrail().filter { $0.targetId == id && $0.action == "authored-item.write" }
            #expect(writes.count == ConcurrencyTests.simultaneous + 1)
            let title = try #require(try await app.services.catalog.everything().item(id)).title
            #expect(title.hasPrefix("Version "))
        }
    }

    @Test func aSecondSaveInTheSameSecondReachesTheLibrary() async throws {
        try await withApp { app in
            // setup: an item the client's library has already loaded
            let (author, client, _, _) = try await Self.setUp(app)
            let id = try await Self.write(author, Self.worksheet())
            #expect(try await client.get(SiteURL.libraryItem(id).path).bodyText.contains("After a long shift"))
            // act: a new text under the same (whole-second) time stamp, as two quick saves leave it
            let source = try #require(try await app.services.authoredItems.row(id)?.source)
            try await app.services.database.sql.update("authored_items")
                .set("source", to: SQLBind(source.replacingOccurrences(of: "After a long shift", with: "After a short shift")))
                .where("id", .equal, id).run()
            app.services.catalog.invalidate()
            // check
            #expect(try await client.get(SiteURL.libraryItem(id).path).bodyText.contains("After a short shift"))
        }
    }

    @Test func anEditorSentAfterTheSessionEndedComesBackAfterSigningIn() async throws {
        try await withApp { app in
            // setup
            let (author, _, _, _) = try await Self.setUp(app)
            let token = try #require(Browser.csrfToken(in: try await author.get(SiteURL.authoredItemNew.path).bodyText))
            author.setCookie(app.services.cookies.sessionName, "")
            var form = Self.worksheet(title: "Typed on the train")
            form["_csrf"] = token
            form["action"] = "save"
            // act
            let rejected = try await author.post(SiteURL.authoredItemNew.path, form: form)
            let loginToken = try #require(Browser.csrfToken(in: rejected.bodyText))
            var resume = ["_csrf": loginToken, "email": "t@example.org", "password": TestApp.password, "_held_path": SiteURL.authoredItemNew.path]
            for (name, value) in form where name != "_csrf" { resume["_held." + name] = value }
            let resumed = try await author.post(SiteURL.login.path, form: resume)
            // check: nothing saved, and after signing in the editor is back with every word
            #expect(rejected.status == .unauthorized)
            #expect(Browser.inputValue("_held.title", in: rejected.bodyText) == "Typed on the train")
            #expect(resumed.status == .ok)
            #expect(resumed.bodyText.contains("Typed on the train"))
            #expect(resumed.bodyText.contains("What would a caring friend say to you about it?"))
            #expect(try await app.count("authored_items") == 0)
        }
    }

    @Test func theAPIWritesReadsPublishesAndDeletesItemsAsLibraryFiles() async throws {
        try await withApp { app in
            // setup: a library file made through the editor by another route, and two tokens
            let (author, client, _, _) = try await Self.setUp(app)
            let firstID = try await Self.write(author, Self.worksheet())
            let file = try await author.get(SiteURL.authoredItemExport(firstID).path).bodyText
            let token = try await app.apiToken("t@example.org")
            let clientToken = try await app.apiToken("c@example.org")
            func send(_ method: HTTPRequest.Method, _ path: String, _ body: String? = nil, token: String = token,
                      type: String = "text/markdown") async throws -> TestResponse {
                var headers: HTTPFields = [.authorization: "Bearer \(token)", .init("X-Forwarded-For")!: "203.0.113.70"]
                if body != nil { headers[.contentType] = type }
                return try await app.client.executeRequest(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
            }
            // act: create from the file, read it back, list
            let created = try await send(.post, "/api/v1/library/mine", file)
            let createdBody = try ClientSpaceAPITests.object(created)
            let id = try #require(createdBody["id"] as? String)
            let read = try await send(.get, "/api/v1/library/mine/\(id)")
            let list = try ClientSpaceAPITests.object(try await send(.get, "/api/v1/library/mine"))
            // check
            #expect(created.status == .created)
            #expect(createdBody["status"] as? String == "live" && (createdBody["problems"] as? [String])?.isEmpty == true)
            #expect(id != firstID)
            #expect(read.headers[.contentType]?.hasPrefix("text/markdown") == true)
            #expect(try ItemParser.parse(read.bodyText, fileName: id).title == "After a long shift")
            #expect((list["items"] as? [[String: Any]])?.count == 2)
            #expect(try await client.get(SiteURL.libraryItem(id).path).status == .ok)
            // act: a version that fails the check, then publish, then delete
            let hard = file.replacingOccurrences(of: "This worksheet helps you notice", with: "Notwithstanding considerable organisational complexity, practitioners frequently experience disproportionate self-evaluative criticism, particularly following interpersonal difficulties, institutional reorganisation, or unanticipated professional responsibilities; this worksheet helps you notice")
            let draft = try ClientSpaceAPITests.object(try await send(.put, "/api/v1/library/mine/\(id)", hard))
            let published = try await send(.post, "/api/v1/library/mine/\(id)/publish", #"{"published":true}"#, type: "application/json")
            let extra = try await send(.post, "/api/v1/library/mine/\(id)/publish", #"{"published":true,"everyone":1}"#, type: "application/json")
            // check
            #expect(draft["status"] as? String == "live-with-draft")
            #expect((draft["problems"] as? [String])?.contains { $0.contains("reads at grade") } == true)
            #expect(published.status == .ok)
            #expect(extra.status == .badRequest)
            #expect(try await send(.delete, "/api/v1/library/mine/\(id)").status == .noContent)
            #expect(try await send(.get, "/api/v1/library/mine/\(id)").status == .notFound)
            // check: clients, other therapists and bad files are refused with a sentence
            #expect(try await send(.get, "/api/v1/library/mine", token: clientToken).status == .forbidden)
            try await app.createUser(.therapist, email: "t3@example.org")
            let otherToken = try await app.apiToken("t3@example.org")
            #expect(try await send(.get, "/api/v1/library/mine/\(firstID)", token: otherToken).status == .notFound)
            #expect(try await send(.put, "/api/v1/library/mine/\(firstID)", file, token: otherToken).status == .notFound)
            let unreadable = try await send(.post, "/api/v1/library/mine", "not a library file")
            #expect(unreadable.status == .unprocessableContent)
            #expect(unreadable.bodyText.contains("---"))
        }
    }
}
