import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Library worksheets filled in and saved by a client: every save a sealed, audited version;
/// private until shared; printable in full; never lost to an ended session.
@Suite struct SavedWorksheetTests {
    /// A worksheet with long text, a list, a rating and a choice.
    static let phrases = "finding-your-own-phrases"

    static func setUp(_ app: TestApp) async throws -> Browser {
        try await app.createUser(.therapist, email: "t@example.org")
        try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
        return try await app.signedIn("c@example.org")
    }

    static func fields(_ answers: [String: String], item: String = phrases, status: String = "draft") -> [String: String] {
        var fields = ["item": item, "status": status]
        for (id, value) in answers { fields[WorksheetForm.inputName(id)] = value }
        return fields
    }

    /// Saves a new sheet from the worksheet's library page and returns its id.
    static func save(_ client: Browser, _ answers: [String: String], item: String = phrases, status: String = "draft") async throws -> String {
        let saved = try await client.submit(SiteURL.worksheets.path, fields: fields(answers, item: item, status: status),
                                            formPage: SiteURL.libraryItem(item).path)
        #expect(saved.status == .seeOther, "\(saved.bodyText.prefix(400))")
        return try id(saved)
    }

    static func id(_ response: TestResponse) throws -> String {
        let location = try #require(response.headers[.location])
        return String(try #require(location.split(separator: "?").first).dropFirst("/worksheets/".count))
    }

    static let filled = ["need-to-hear": "That I am doing my best.", "my-phrases": "May I be kind to myself\n\n  May I be patient  ",
                         "how-they-feel": "7", "where-i-keep-them": "A note on my phone"]

    @Test func aClientGetsARealFormAndVisitorsKeepTheDeviceOnlyOne() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            // act
            let mine = try await client.get(SiteURL.libraryItem(Self.phrases).path).bodyText
            let visitor = try await app.browser().get(SiteURL.libraryItem(Self.phrases).path).bodyText
            // check
            #expect(mine.contains("action=\"/worksheets\""))
            #expect(mine.contains("Save draft") && mine.contains("Save as completed"))
            #expect(mine.contains("name=\"answer-need-to-hear\""))
            #expect(mine.contains("data-idle-seconds") && mine.contains("id=\"idle-warning\""))
            #expect(mine.contains("unsaved-form.js") && !mine.contains("worksheet.js"))
            #expect(!mine.contains("stays on this device"))
            #expect(visitor.contains("stays on this device"))
            #expect(!visitor.contains("action=\"/worksheets\""))
        }
    }

    @Test func everyLibraryWorksheetCanBeFilledSavedAndReadBackWithEachTypeOfAnswer() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let worksheets = app.services.library.items.filter { !$0.fields.isEmpty }
            for item in worksheets {
                var answers: [String: String] = [:]
                for field in item.fields {
                    switch field.type {
                    case .shortText: answers[field.id] = "Short \(field.id)"
                    case .longText: answers[field.id] = "Long answer for \(field.id)\nwith a second line"
                    case .rating: answers[field.id] = "6"
                    case .list: answers[field.id] = "first of \(field.id)\n\nsecond of \(field.id)"
                    case .choice: answers[field.id] = field.options?.first ?? ""
                    }
                }
                // act
                let id = try await Self.save(client, answers, item: item.id, status: "completed")
                let page = try await client.get(SiteURL.worksheet(id).path).bodyText
                // check
                #expect(page.contains("Completed"), "\(item.id)")
                for field in item.fields {
                    switch field.type {
                    case .shortText: #expect(page.contains("Short \(field.id)"), "\(item.id)")
                    case .longText: #expect(page.contains("Long answer for \(field.id)\nwith a second line"), "\(item.id)")
                    case .rating: #expect(page.contains("Rating: 6 of 10"), "\(item.id)")
                    case .list:
                        #expect(page.contains("<li>first of \(field.id)</li><li>second of \(field.id)</li>"), "\(item.id)")
                    case .choice: #expect(page.contains("☑ \(field.options?.first ?? "")"), "\(item.id)")
                    }
                }
            }
            let list = try await client.get(SiteURL.worksheets.path).bodyText
            for item in worksheets { #expect(list.contains(item.title.replacingOccurrences(of: "'", with: "&#39;")) || list.contains(item.title), "\(item.id)") }
            #expect(try await app.count("saved_worksheets") == worksheets.count)
        }
    }

    @Test func aFormWithSomethingToFixComesBackWithEverythingTypedAndTheReasonLinked() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let long = String(repeating: "kept words ", count: 1_000)  // 11,000 characters: over the limit
            // act
            let rejected = try await client.submit(SiteURL.worksheets.path, fields: Self.fields([
                "need-to-hear": long, "wish-for-a-friend": "A friend <deserves> rest", "my-phrases": "line one\nline two",
                "how-they-feel": "11", "where-i-keep-them": "A note on my phone",
            ]), formPage: SiteURL.libraryItem(Self.phrases).path)
            let empty = try await client.submit(SiteURL.worksheets.path, fields: Self.fields(["need-to-hear": "   "]),
                                                formPage: SiteURL.libraryItem(Self.phrases).path)
            // check
            #expect(rejected.status == .unprocessableContent)
            let page = rejected.bodyText
            #expect(page.contains("href=\"#ws-need-to-hear\""))
            #expect(page.contains("href=\"#ws-how-they-feel\""))
            #expect(page.contains("id=\"ws-how-they-feel-error\""))
            #expect(page.contains(long.trimmingCharacters(in: .whitespaces)))
            #expect(page.contains("A friend &lt;deserves&gt; rest"))
            #expect(page.contains("line one\nline two"))
            #expect(page.contains("value=\"A note on my phone\" checked"))
            #expect(page.contains("Up to 10,000 characters."))
            #expect(empty.status == .unprocessableContent)
            #expect(empty.bodyText.contains("href=\"#ws-need-to-hear\""))
            #expect(try await app.count("saved_worksheets") == 0)
        }
    }

    @Test func typedMarkupStaysInertInTheFormTheSheetAndThePrint() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let payload = "\"><script>alert(1)</script>"
            let ritual = "building-a-daily-ritual"
            // act
            let rejected = try await client.submit(SiteURL.worksheets.path, fields: Self.fields(
                ["ritual": payload, "missed-day": String(repeating: "x", count: WorksheetAnswers.Limits.longText + 1)], item: ritual),
                formPage: SiteURL.libraryItem(ritual).path)
            let id = try await Self.save(client, ["ritual": payload, "easier": payload], item: ritual)
            let pages = [rejected.bodyText, try await client.get(SiteURL.worksheet(id).path).bodyText,
                         try await client.get(SiteURL.worksheetEdit(id).path).bodyText,
                         try await client.get(SiteURL.worksheetPrint(id).path).bodyText]
            // check
            #expect(rejected.status == .unprocessableContent)
            for page in pages {
                #expect(!page.contains("<script>alert(1)"))
                #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            }
            #expect(pages[0].contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
        }
    }

    @Test func changingASheetMakesVersionTwoAndVersionOneCanStillBeRead() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let id = try await Self.save(client, Self.filled)
            // act
            let edit = try await client.get(SiteURL.worksheetEdit(id).path).bodyText
            let changed = try await client.submit(SiteURL.worksheet(id).path, fields: Self.fields(["need-to-hear": "Rest is allowed.", "how-they-feel": "9"],
                                                                                                  status: "completed"),
                                                  formPage: SiteURL.worksheetEdit(id).path)
            let current = try await client.get(SiteURL.worksheet(id).path).bodyText
            let versions = try await client.get(SiteURL.worksheetVersions(id).path).bodyText
            let first = try await client.get(SiteURL.worksheetVersion(id, 1).path)
            let missing = try await client.get(SiteURL.worksheetVersion(id, 3).path)
            // check
            #expect(edit.contains("That I am doing my best."))
            #expect(edit.contains("May I be kind to myself\nMay I be patient"))
            #expect(edit.contains("value=\"7\" checked"))
            #expect(changed.status == .seeOther)
            #expect(changed.headers[.location]?.hasSuffix("done=saved-completed") == true)
            #expect(current.contains("Rest is allowed.") && current.contains("Rating: 9 of 10") && !current.contains("That I am doing my best."))
            #expect(current.contains("Completed · version 2"))
            #expect(versions.contains(SiteURL.worksheetVersion(id, 1).path) && versions.contains(SiteURL.worksheetVersion(id, 2).path))
            #expect(versions.contains("Draft") && versions.contains("Completed"))
            #expect(first.status == .ok)
            #expect(first.bodyText.contains("That I am doing my best.") && first.bodyText.contains("Rating: 7 of 10"))
            #expect(first.bodyText.contains("earlier version"))
            #expect(missing.status == .notFound)
            let writes = try await app.auditTrail().filter { $0.action == "worksheet.write" }
            #expect(writes.map(\.detail) == ["version=1", "version=2"])
            #expect(writes.allSatisfy { $0.targetId == id })
        }
    }

    @Test func twoDevicesSavingOneSheetAtOnceAllSucceedAsSeparateVersions() async throws {
        try await withApp { app in
            // setup: the same client on two devices, each with its own session
            let phone = try await Self.setUp(app)
            let laptop = try await app.signedIn("c@example.org", address: "198.51.100.7")
            let id = try await Self.save(phone, Self.filled)
            let tokens = [try #require(Browser.csrfToken(in: try await phone.get(SiteURL.worksheetEdit(id).path).bodyText)),
                          try #require(Browser.csrfToken(in: try await laptop.get(SiteURL.worksheetEdit(id).path).bodyText))]
            let devices = [phone, laptop]
            // act: more saves at the same moment than storage has connections
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<ConcurrencyTests.simultaneous {
                    group.addTask {
                        var form = Self.fields(["need-to-hear": "Saved from device \(index % 2), save \(index)"])
                        form["_csrf"] = tokens[index % 2]
                        return try await devices[index % 2].post(SiteURL.worksheet(id).path, form: form).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.allSatisfy { $0 == 303 }, "\(statuses.filter { $0 != 303 })")
            let versions = try await app.services.database.sql.select().column("version").from("saved_worksheet_versions")
                .orderBy("version").all(decodingColumn: "version", as: Int.self)
            #expect(versions == Array(1...(ConcurrencyTests.simultaneous + 1)))
            let current = try await app.services.database.sql.select().column("current_version").from("saved_worksheets")
                .first(decodingColumn: "current_version", as: Int.self)
            #expect(current == ConcurrencyTests.simultaneous + 1)
            let history = try #require(try await app.services.worksheets.history(id: id, for: try await app.user("c@example.org"), address: nil))
            #expect(Set(history.map(\.sheet.answers).map { $0.text("need-to-hear") }).count == ConcurrencyTests.simultaneous + 1)
        }
    }

    @Test func aBurstOfNewSheetsLargerThanThePoolIsAllKeptAndAudited() async throws {
        try await withApp { app in
            // setup: several clients, more simultaneous saves than the pool has connections
            try await app.createUser(.therapist, email: "t@example.org")
            var clients: [(Browser, String)] = []
            for index in 0..<6 {
                try await app.createUser(.client, email: "c\(index)@example.org", therapist: "t@example.org")
                let browser = try await app.signedIn("c\(index)@example.org", address: "198.51.100.\(index + 1)")
                clients.append((browser, try #require(Browser.csrfToken(in: try await browser.get(SiteURL.libraryItem(Self.phrases).path).bodyText))))
            }
            let perClient = 5
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (index, (browser, token)) in clients.enumerated() {
                    for number in 0..<perClient {
                        group.addTask {
                            var form = Self.fields(["need-to-hear": "Client \(index) sheet \(number)", "how-they-feel": "\(number)"])
                            form["_csrf"] = token
                            return try await browser.post(SiteURL.worksheets.path, form: form).status
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.count == clients.count * perClient)
            #expect(statuses.allSatisfy { $0 == .seeOther })
            #expect(try await app.count("saved_worksheets") == clients.count * perClient)
            #expect(try await app.count("saved_worksheet_versions") == clients.count * perClient)
            #expect(try await app.auditTrail().filter { $0.action == "worksheet.write" }.count == clients.count * perClient)
            #expect(try await app.services.audit.verify().ok)
        }
    }

    @Test func thePrintPageHasEveryWordOfALongAnswerAndSaysTheRatingInWords() async throws {
        try await withApp { app in
            // setup: a 3000-character answer of words that each appear once
            let client = try await Self.setUp(app)
            var words: [String] = []
            var index = 0
            while (words.map(\.count).reduce(0, +) + words.count) < 3_000 { words.append("word\(String(format: "%04d", index))"); index += 1 }
            let long = String(words.joined(separator: " ").prefix(3_000)).trimmingCharacters(in: .whitespaces)
            #expect(long.count >= 2_990)
            let id = try await Self.save(client, ["need-to-hear": long, "how-they-feel": "7", "where-i-keep-them": "Somewhere else"])
            let item = try #require(app.services.library.item(Self.phrases))
            let note = String(TextBlock.plainText(item.therapistNotes).prefix(40))
            // act
            let page = try await client.get(SiteURL.worksheetPrint(id).path).bodyText
            // check
            for word in long.split(separator: " ") { #expect(page.contains(String(word)), "\(word)") }
            #expect(page.contains(long))
            #expect(page.contains("Rating: 7 of 10"))
            #expect(page.contains("<span class=\"rating-mark chosen\">7</span>"))
            #expect(page.contains("☑ Somewhere else"))
            #expect(!page.contains("Notes for therapists") && !page.contains("Evidence base") && !page.contains(">Related<"))
            #expect(!note.isEmpty && !page.contains(note))
            #expect(page.contains("class=\"print\""))
        }
    }

    @Test func anotherClientATherapistAndAnAdminCannotReadOrChangeIt() async throws {
        try await withApp { app in
            // setup
            let owner = try await Self.setUp(app)
            let id = try await Self.save(owner, ["need-to-hear": "Only mine to read"])
            try await app.createUser(.client, email: "other@example.org", therapist: "t@example.org")
            try await app.createUser(.admin, email: "a@example.org")
            let other = try await app.signedIn("other@example.org", address: "198.51.100.3")
            let therapist = try await app.signedIn("t@example.org", address: "198.51.100.4")
            let admin = try await app.signedIn("a@example.org", address: "198.51.100.5")
            let form = SiteURL.libraryItem(Self.phrases).path
            // act + check: the other client finds nothing at any of its addresses
            for path in [SiteURL.worksheet(id).path, SiteURL.worksheetEdit(id).path, SiteURL.worksheetVersions(id).path,
                         SiteURL.worksheetVersion(id, 1).path, SiteURL.worksheetPrint(id).path] {
                let response = try await other.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(!response.bodyText.contains("Only mine to read"))
                #expect(try await therapist.get(path).status == .forbidden, "\(path)")
                #expect(try await admin.get(path).status == .forbidden, "\(path)")
            }
            #expect(try await other.submit(SiteURL.worksheet(id).path, fields: Self.fields(["need-to-hear": "changed"]), formPage: form).status == .notFound)
            #expect(try await other.submit(SiteURL.worksheetSharing(id).path, fields: ["shared": "1"], formPage: form).status == .notFound)
            #expect(try await other.submit(SiteURL.worksheetDelete(id).path, fields: [:], formPage: form).status == .notFound)
            #expect(!(try await other.get(SiteURL.worksheets.path).bodyText.contains("Only mine to read")))
            let untouched = try await owner.get(SiteURL.worksheet(id).path).bodyText
            #expect(untouched.contains("Only mine to read") && untouched.contains("version 1"))
            #expect(try await app.count("saved_worksheet_versions") == 1)
        }
    }

    @Test func aTherapistSeesOnlyWhatTheirOwnClientSharesAndRevokingWorksAtOnce() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let shared = try await Self.save(client, ["need-to-hear": "Shared words for my therapist"])
            _ = try await Self.save(client, ["need-to-hear": "Private words only for me"])
            try await app.createUser(.therapist, email: "t2@example.org")
            let therapist = try await app.signedIn("t@example.org", address: "198.51.100.4")
            let otherTherapist = try await app.signedIn("t2@example.org", address: "198.51.100.6")
            let clientID = try await app.user("c@example.org").id
            let page = SiteURL.clientWorksheets(clientID).path
            // act
            let clients = try await therapist.get(SiteURL.clients.path).bodyText
            let before = try await therapist.get(page).bodyText
            let share = try await client.submit(SiteURL.worksheetSharing(shared).path, fields: ["shared": "1"], formPage: SiteURL.worksheet(shared).path)
            let seen = try await therapist.get(page).bodyText
            let notTheirs = try await otherTherapist.get(page)
            _ = try await client.submit(SiteURL.worksheetSharing(shared).path, fields: ["shared": "0"], formPage: SiteURL.worksheet(shared).path)
            let afterRevoking = try await therapist.get(page).bodyText
            // check
            #expect(clients.contains("href=\"\(page)\""))
            #expect(!before.contains("Shared words for my therapist"))
            #expect(share.status == .seeOther)
            #expect(seen.contains("Shared words for my therapist"))
            #expect(!seen.contains("Private words only for me"))
            #expect(notTheirs.status == .notFound)
            #expect(!notTheirs.bodyText.contains("Shared words"))
            #expect(!afterRevoking.contains("Shared words for my therapist"))
            let trail = try await app.auditTrail()
            #expect(trail.filter { $0.action == "worksheet.read" && $0.outcome == "denied" }.count == 1)
            #expect(trail.contains { $0.action == "worksheet.share" } && trail.contains { $0.action == "worksheet.unshare" })
            let therapistID = try await app.user("t@example.org").id
            #expect(trail.contains { $0.action == "worksheet.read" && $0.actorId == therapistID && $0.subjectUserId == clientID && $0.outcome == "success" })
        }
    }

    @Test func readsAndDeletesAreAuditedWithoutContent() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let marker = "audit-marker-\(UUID().uuidString.prefix(8))"
            let id = try await Self.save(client, ["need-to-hear": marker])
            // act
            _ = try await client.get(SiteURL.worksheets.path)
            _ = try await client.get(SiteURL.worksheet(id).path)
            _ = try await client.get(SiteURL.worksheetPrint(id).path)
            let deleted = try await client.submit(SiteURL.worksheetDelete(id).path, fields: [:], formPage: SiteURL.worksheet(id).path)
            // check
            #expect(deleted.status == .seeOther)
            #expect(try await client.get(SiteURL.worksheet(id).path).status == .notFound)
            #expect(try await app.count("saved_worksheets") == 0)
            #expect(try await app.count("saved_worksheet_versions") == 0)
            let trail = try await app.auditTrail().filter { $0.action.hasPrefix("worksheet.") }
            #expect(trail.map(\.action).filter { $0 == "worksheet.read" }.count >= 4)
            #expect(trail.contains { $0.action == "worksheet.delete" && $0.targetId == id })
            #expect(!trail.contains { ($0.detail ?? "").contains(marker) })
        }
    }

    @Test func whatIsWrittenAndWhichWorksheetItIsAreSealedAtRest() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let phrase = "sealed-phrase-\(UUID().uuidString)"
            // act
            _ = try await Self.save(client, ["need-to-hear": "Something private \(phrase)", "my-phrases": "list-\(phrase)"])
            // check
            let rows = try await app.services.database.sql.raw("SELECT content FROM saved_worksheet_versions").all()
            #expect(rows.count == 1)
            #expect(try rows[0].decode(column: "content", as: String.self).hasPrefix("v1:"))
            if app.usesSQLite {
                let raw = try app.rawDatabaseBytes()
                #expect(raw.range(of: Data(phrase.utf8)) == nil)
                #expect(raw.range(of: Data(Self.phrases.utf8)) == nil)
            }
        }
    }

    @Test func answersTypedAfterTheSessionEndedComeBackAfterSigningIn() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let id = try await Self.save(client, Self.filled)
            let token = try #require(Browser.csrfToken(in: try await client.get(SiteURL.libraryItem(Self.phrases).path).bodyText))
            client.setCookie(app.services.cookies.sessionName, "")
            let words = "Typed on the train <and> kept safe"
            // act: a new sheet and a changed one, both sent after the session ended
            var newForm = Self.fields(["need-to-hear": words, "how-they-feel": "3", "where-i-keep-them": "A sticky note at home"])
            newForm["_csrf"] = token
            let rejected = try await client.post(SiteURL.worksheets.path, form: newForm)
            let loginToken = try #require(Browser.csrfToken(in: rejected.bodyText))
            var login = ["_csrf": loginToken, "email": "c@example.org", "password": TestApp.password, "_held_path": SiteURL.worksheets.path]
            for (name, value) in newForm where name != "_csrf" { login["_held." + name] = value }
            let resumed = try await client.post(SiteURL.login.path, form: login)
            // a changed sheet whose page went stale while still signed in
            var changeForm = Self.fields(["need-to-hear": "Changed on a stale page"])
            changeForm["_csrf"] = "stale-token"
            let stale = try await client.post(SiteURL.worksheet(id).path, form: changeForm)
            // check
            #expect(rejected.status == .unauthorized)
            #expect(Browser.inputValue("_held.answer-need-to-hear", in: rejected.bodyText) == "Typed on the train &lt;and&gt; kept safe")
            #expect(resumed.status == .ok)
            #expect(resumed.bodyText.contains("Typed on the train &lt;and&gt; kept safe"))
            #expect(resumed.bodyText.contains("value=\"3\" checked"))
            #expect(resumed.bodyText.contains("value=\"A sticky note at home\" checked"))
            #expect(resumed.bodyText.contains("action=\"/worksheets\""))
            #expect(stale.status == .ok)
            #expect(stale.bodyText.contains("Changed on a stale page"))
            #expect(stale.bodyText.contains("action=\"\(SiteURL.worksheet(id).path)\""))
            #expect(try await app.count("saved_worksheets") == 1)
            #expect(try await app.count("saved_worksheet_versions") == 1)
        }
    }

    @Test func exportIncludesEveryVersionAndErasingRemovesThem() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let id = try await Self.save(client, ["need-to-hear": "First words for export"])
            _ = try await client.submit(SiteURL.worksheet(id).path, fields: Self.fields(["need-to-hear": "Second words for export"], status: "completed"),
                                        formPage: SiteURL.worksheetEdit(id).path)
            // act
            let json = try await client.get(SiteURL.accountExport.path).bodyText
            let page = try await client.get("/account/export/print").bodyText
            let erased = try await client.submit("/account/erase", fields: ["currentPassword": TestApp.password, "confirm": "erase"],
                                                 formPage: SiteURL.account.path)
            // check
            struct Export: Decodable {
                struct Sheet: Decodable {
                    struct Version: Decodable { var version: Int; var status: String; var answers: [String: String] }
                    var worksheet: String; var questions: [String: String]; var versions: [Version]
                }
                var worksheets: [Sheet]
            }
            let export = try JSONDecoder().decode(Export.self, from: Data(json.utf8))
            let sheet = try #require(export.worksheets.first)
            #expect(sheet.worksheet == Self.phrases)
            #expect(sheet.questions["need-to-hear"] != nil)
            #expect(sheet.versions.map(\.version) == [1, 2])
            #expect(sheet.versions.map(\.status) == ["draft", "completed"])
            #expect(sheet.versions.map { $0.answers["need-to-hear"] } == ["First words for export", "Second words for export"])
            #expect(page.contains("First words for export") && page.contains("Second words for export"))
            #expect(erased.status == .seeOther)
            #expect(try await app.count("saved_worksheets") == 0)
            #expect(try await app.count("saved_worksheet_versions") == 0)
        }
    }
}
