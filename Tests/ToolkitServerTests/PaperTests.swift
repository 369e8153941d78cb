import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Paper that works: a filled-in worksheet's print carries no therapist notes unless a therapist
/// asks for them on their own copy; a packet keeps the chosen order and prints the typed cover
/// (escaped, never stored); ticks survive searching; program weeks name items by title and print
/// a week as a packet.
@Suite struct PaperTests {
    static let worksheet = "reworking-self-critical-thoughts"

    /// The part of a page after `marker`, for checks on what follows it.
    static func after(_ marker: String, in text: String) -> Substring {
        text.range(of: marker).map { text[$0.upperBound...] } ?? ""
    }

    /// Posts fields that may repeat (several `items`), as a form does.
    static func post(_ browser: Browser, _ path: String, _ pairs: [(String, String)]) async throws -> TestResponse {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = pairs.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
        return try await browser.send(path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .origin: browser.origin],
                                      body: ByteBuffer(string: body))
    }

    static func packetPath(_ ids: [String]) -> String {
        SiteURL.libraryPacket.path + "?" + ids.map { "items=\($0)" }.joined(separator: "&")
    }

    /// Where each title first appears after `marker` (the contents list, then the items).
    static func positions(of titles: [String], after marker: String, in text: String) -> [Int] {
        let rest = after(marker, in: text)
        return titles.map { title in rest.range(of: title).map { rest.distance(from: rest.startIndex, to: $0.lowerBound) } ?? -1 }
    }

    // MARK: - A filled-in worksheet on paper

    @Test func theWorksheetPageWritesAnswersOutForPaperAndOffersNotesOnlyToTherapists() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.admin, email: "a@example.org")
            let therapist = try await app.signedIn("t@example.org")
            let admin = try await app.signedIn("a@example.org", address: "203.0.113.12")
            // act
            let visitor = try await app.browser().get(SiteURL.libraryItem(Self.worksheet).path).bodyText
            let forTherapist = try await therapist.get(SiteURL.libraryItem(Self.worksheet).path).bodyText
            let forAdmin = try await admin.get(SiteURL.libraryItem(Self.worksheet).path).bodyText
            // check: each field says its type, so worksheet.js can write the answer out in full
            for type in ["long-text", "rating", "list"] { #expect(visitor.contains("data-field-type=\"\(type)\""), "\(type)") }
            #expect(visitor.contains("/worksheet.js"))
            // evidence and related items stay on screen; the notes are for the screen too
            #expect(visitor.contains("class=\"evidence no-print\""))
            #expect(visitor.contains("class=\"related no-print\""))
            // only a signed-in therapist or administrator may add the notes to their copy
            #expect(!visitor.contains("id=\"print-notes\""))
            #expect(forTherapist.contains("id=\"print-notes\""))
            #expect(forAdmin.contains("id=\"print-notes\""))
        }
    }

    @Test func thePrintedItemCarriesTherapistNotesOnlyWhenATherapistAsks() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let therapist = try await app.signedIn("t@example.org")
            let client = try await app.signedIn("c@example.org", address: "203.0.113.11")
            let print = SiteURL.libraryPrint(Self.worksheet).path
            // act
            let visitorAsking = try await app.browser().get(print + "?notes=1").bodyText
            let clientAsking = try await client.get(print + "?notes=1").bodyText
            let therapistPlain = try await therapist.get(print).bodyText
            let therapistAsking = try await therapist.get(print + "?notes=1").bodyText
            // check
            #expect(!visitorAsking.contains("Notes for therapists"))
            #expect(!clientAsking.contains("Notes for therapists"))
            #expect(!clientAsking.contains("Include therapist notes"))
            #expect(!therapistPlain.contains("Notes for therapists"), "a therapist's print is the client's copy unless they ask")
            #expect(therapistPlain.contains("Include therapist notes"))
            #expect(therapistAsking.contains("Notes for therapists"))
        }
    }

    // MARK: - Packets

    @Test func aPacketKeepsTheChosenOrderOnItsCoverAndInItsPages() async throws {
        try await withApp { app in
            // setup
            let ids = ["self-care-plan", "grounding-5-4-3-2-1", "compassionate-letter"]
            let titles = try ids.map { try #require(app.services.library.item($0)).title }
            // act
            let page = try await app.browser().get(Self.packetPath(ids)).bodyText
            // check: the order to check, the contents and the items all follow the chosen order
            let order = Self.positions(of: titles, after: "class=\"packet-order\"", in: page)
            let contents = Self.positions(of: titles, after: "class=\"packet-contents\"", in: page)
            let items = Self.positions(of: titles, after: "class=\"print-item\"", in: page)
            for found in [order, contents] { #expect(found.allSatisfy { $0 >= 0 } && found == found.sorted(), "\(found)") }
            #expect(items[0] >= 0 && items == items.sorted(), "\(items)")
            #expect(!page.contains("Notes for therapists"), "a visitor's packet has no therapist notes")
            // and the other way round
            let reversed = try await app.browser().get(Self.packetPath(ids.reversed())).bodyText
            let backwards = Self.positions(of: titles, after: "class=\"packet-contents\"", in: reversed)
            #expect(backwards == backwards.sorted(by: >), "\(backwards)")
        }
    }

    @Test func movingAnItemWithoutJavaScriptKeepsTheCoverAsTyped() async throws {
        try await withApp { app in
            // setup
            let browser = app.browser()
            let ids = ["self-care-plan", "grounding-5-4-3-2-1", "compassionate-letter"]
            let titles = try ids.map { try #require(app.services.library.item($0)).title }
            let form = try await browser.get(Self.packetPath(ids))
            let token = try #require(Browser.csrfToken(in: form.bodyText))
            let auditBefore = try await app.count("audit_events")
            // act: "Move up" on the third item, with a cover typed
            let moved = try await Self.post(browser, SiteURL.libraryPacket.path,
                                            [("_csrf", token)] + ids.map { ("items", $0) }
                                            + [("name", "Sam"), ("date", "2026-05-14"), ("note", "Go gently this week."), ("move", "up:compassionate-letter")])
            // check
            #expect(moved.status == .ok)
            let page = moved.bodyText
            let contents = Self.positions(of: [titles[0], titles[2], titles[1]], after: "class=\"packet-contents\"", in: page)
            #expect(contents.allSatisfy { $0 >= 0 } && contents == contents.sorted(), "\(contents)")
            #expect(page.contains("value=\"Sam\""))
            #expect(page.contains(">Go gently this week.</textarea>"))
            let cover = Self.after("class=\"packet-cover\"", in: page)
            #expect(cover.contains("data-cover=\"name\">Sam</dd>"))
            #expect(cover.contains("14 May 2026"))
            #expect(cover.contains(">Go gently this week.</p>"))
            #expect(try await app.count("audit_events") == auditBefore, "nothing about a packet is recorded")
        }
    }

    @Test func theCoverNoteComesOutEscapedAndIsNeverStored() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let therapist = try await app.signedIn("t@example.org")
            let token = try #require(Browser.csrfToken(in: try await therapist.get(Self.packetPath(["self-care-plan"])).bodyText))
            let note = "Marker kiwi-5521 <script>alert('note')</script> & \"quotes\""
            let name = "\"><img src=x onerror=alert(1)>"
            // act
            let response = try await Self.post(therapist, SiteURL.libraryPacket.path,
                                               [("_csrf", token), ("items", "self-care-plan"), ("name", name), ("date", ""), ("note", note)])
            // check
            #expect(response.status == .ok)
            let page = response.bodyText
            #expect(!page.contains("<script>alert"))
            #expect(!page.contains("<img src=x"))
            #expect(page.contains("&lt;script&gt;alert("))
            #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
            // no date asked for: a line to write one on
            #expect(page.contains("class=\"write-blank\" data-cover=\"date\"></dd>"))
            let bytes = try app.rawDatabaseBytes()
            #expect(bytes.range(of: Data("kiwi-5521".utf8)) == nil, "the cover note is printed, never kept")
        }
    }

    @Test func aCoverThatCantBePrintedComesBackWithEverythingTyped() async throws {
        try await withApp { app in
            // setup
            let browser = app.browser()
            let token = try #require(Browser.csrfToken(in: try await browser.get(Self.packetPath(["self-care-plan"])).bodyText))
            let long = String(repeating: "kind words ", count: 120)
            // act
            let response = try await Self.post(browser, SiteURL.libraryPacket.path,
                                               [("_csrf", token), ("items", "self-care-plan"), ("name", "Sam"), ("date", "2026-13-40"), ("note", long)])
            // check
            #expect(response.status == .unprocessableContent)
            let page = response.bodyText
            #expect(page.contains("href=\"#field-note\""))
            #expect(page.contains("href=\"#field-date\""))
            #expect(page.contains(long.trimmingCharacters(in: .whitespaces) + "</textarea>"))
            #expect(page.contains("value=\"2026-13-40\""))
            #expect(page.contains("value=\"Sam\""))
        }
    }

    @Test func aCoverFromAnotherSiteOrWithoutItsTokenIsRefused() async throws {
        try await withApp { app in
            let browser = app.browser()
            _ = try await browser.get(Self.packetPath(["self-care-plan"]))
            let noToken = try await Self.post(browser, SiteURL.libraryPacket.path, [("items", "self-care-plan"), ("note", "hello")])
            #expect(noToken.status == .forbidden)
            let elsewhere = try await browser.post(SiteURL.libraryPacket.path, form: ["items": "self-care-plan"], origin: "https://evil.example")
            #expect(elsewhere.status == .forbidden)
        }
    }

    @Test func therapistNotesInAPacketAreForTherapistsOnly() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let therapist = try await app.signedIn("t@example.org")
            let client = try await app.signedIn("c@example.org", address: "203.0.113.11")
            let path = Self.packetPath(["self-compassion-break"])
            // act
            let forTherapist = try await therapist.get(path).bodyText
            let forClient = try await client.get(path + "&notes=1").bodyText
            // check: the therapist's page has them, hidden until "Include therapist notes" is ticked
            #expect(forTherapist.contains("id=\"include-notes\""))
            #expect(!forTherapist.contains("id=\"include-notes\" name=\"notes\" value=\"1\" checked"))
            #expect(forTherapist.contains("Notes for therapists"))
            #expect(try await therapist.get(path + "&notes=1").bodyText.contains("value=\"1\" checked"))
            #expect(!forClient.contains("Notes for therapists"))
            #expect(!forClient.contains("include-notes"))
        }
    }

    @Test func ticksTravelThroughSearchesAndFilters() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let therapist = try await app.signedIn("t@example.org")
            let client = try await app.signedIn("c@example.org", address: "203.0.113.11")
            // act: a search that shows the sleep practice, with two items ticked earlier
            let path = "/library?q=sleep&items=self-compassion-break-for-sleep&items=self-care-plan&items=no-such-item"
            let page = try await therapist.get(path).bodyText
            // check: the one shown stays ticked, the other travels hidden, the made-up one is dropped
            #expect(page.contains("name=\"items\" value=\"self-compassion-break-for-sleep\" checked"))
            #expect(page.contains("type=\"hidden\" name=\"items\" value=\"self-care-plan\""))
            #expect(!page.contains("no-such-item"))
            #expect(page.contains("data-packet-order=\"self-compassion-break-for-sleep self-care-plan\""))
            #expect(page.contains("formaction=\"/library/packet\""))
            #expect(page.contains("<span data-packet-count=\"true\">2</span>"))
            // the search, filters and ticks are one form, so searching sends the ticks along
            let form = Self.after("id=\"library-form\"", in: page)
            #expect(form.contains("name=\"q\""))
            #expect(form.contains("name=\"items\""))
            // a client reads the library without packets
            let forClient = try await client.get(path).bodyText
            #expect(!forClient.contains("Print packet"))
            #expect(!forClient.contains("name=\"items\""))
        }
    }

    // MARK: - Program weeks

    @Test func programWeeksNameTheirItemsByTitleAndPrintAsAPacket() async throws {
        try await withApp { app in
            // setup
            let program = try #require(app.services.library.item("four-week-introduction-program"))
            let week = try #require(program.weeks.first)
            // act
            let page = try await app.browser().get(SiteURL.libraryItem(program.id).path).bodyText
            // check: titles, not slugs
            #expect(page.contains("<a href=\"/library/what-is-self-compassion\">What is self-compassion?</a>"))
            #expect(!page.contains(">what is self compassion<"))
            // the week's items as one packet, in session first, then home practice, each once
            let ids = Packet.order(week.inSession + week.homePractice)
            #expect(ids == ["what-is-self-compassion", "self-compassion-myths", "self-compassion-break", "affectionate-breathing"])
            let link = Self.packetPath(ids).replacingOccurrences(of: "&", with: "&amp;")
            #expect(page.contains("href=\"\(link)\""))
            #expect(page.components(separatedBy: ">Print this week<").count - 1 == program.weeks.count)
            let packet = try await app.browser().get(Self.packetPath(ids))
            #expect(packet.status == .ok)
            #expect(packet.bodyText.components(separatedBy: "<div class=\"print-item\">").count - 1 == ids.count)
        }
    }

    // MARK: - Load

    @Test func aBurstOfCoversAllSucceed() async throws {
        try await withApp { app in
            // setup
            let browser = app.browser()
            let token = try #require(Browser.csrfToken(in: try await browser.get(Self.packetPath(["self-care-plan"])).bodyText))
            // act
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<ConcurrencyTests.simultaneous {
                    group.addTask {
                        try await Self.post(browser, SiteURL.libraryPacket.path,
                                            [("_csrf", token), ("items", "self-care-plan"), ("items", "grounding-5-4-3-2-1"),
                                             ("note", "Note \(index)"), ("move", "down:self-care-plan")]).status.code
                    }
                }
                var all: [Int] = []
                for try await status in group { all.append(status) }
                return all
            }
            // check
            #expect(statuses.count == ConcurrencyTests.simultaneous)
            #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses.filter { $0 != 200 })")
        }
    }
}
