import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

@Suite struct LibraryRouteTests {
    @Test func browsingAndSearchingWorkWithoutSigningIn() async throws {
        try await withApp { app in
            let browser = app.browser()
            let index = try await browser.get("/library")
            #expect(index.status == .ok)
            #expect(index.bodyText.contains("All \(app.services.library.items.count) items"))
            let search = try await browser.get("/library?q=can%27t+sleep")
            #expect(search.bodyText.contains("self-compassion-break-for-sleep"))
            #expect(search.bodyText.contains("value=\"can&#39;t sleep\""))
            let filtered = try await browser.get("/library?category=crisis&maxMinutes=5")
            #expect(filtered.bodyText.contains("grounding-5-4-3-2-1"))
            #expect(!filtered.bodyText.contains("/library/eight-week-self-compassion-program\""))
        }
    }

    @Test func anItemPageIsCachedWithAnETagForVisitors() async throws {
        try await withApp { app in
            let browser = app.browser()
            let first = try await browser.get("/library/self-compassion-break")
            #expect(first.status == .ok)
            let etag = try #require(first.headers[.eTag])
            #expect(first.headers[.cacheControl]?.contains("public") == true)
            #expect(first.bodyText.contains("Notes for therapists"))
            let again = try await browser.get("/library/self-compassion-break", headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            // served from memory, and still with every protection header
            let cached = try await browser.get("/library/self-compassion-break")
            #expect(cached.bodyText == first.bodyText)
            #expect(cached.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
            #expect(cached.headers[.xContentTypeOptions] == "nosniff")
            #expect(try await browser.get("/library/no-such-item").status == .notFound)
        }
    }

    @Test func signedInClientsSeeNoTherapistNotesAndNothingIsCachedPublicly() async throws {
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let client = try await app.signedIn("c@example.org")
            let page = try await client.get("/library/self-compassion-break")
            #expect(!page.bodyText.contains("Notes for therapists"))
            #expect(page.headers[.cacheControl] == "no-store")
            let therapist = try await app.signedIn("t@example.org", address: "203.0.113.11")
            #expect(try await therapist.get("/library/self-compassion-break").bodyText.contains("Notes for therapists"))
        }
    }

    @Test func practicePrintAndPacketPagesRender() async throws {
        try await withApp { app in
            let browser = app.browser()
            let practice = try await browser.get("/library/self-compassion-break/practice")
            #expect(practice.bodyText.contains("data-seconds="))
            #expect(practice.bodyText.contains("/static/practice.js"))
            let print = try await browser.get("/library/reworking-self-critical-thoughts/print")
            #expect(print.bodyText.contains("write-line"))
            #expect(!print.bodyText.contains("class=\"site-header\""))
            let packet = try await browser.get("/library/packet?items=self-care-plan&items=grounding-5-4-3-2-1")
            #expect(packet.bodyText.contains("Contents"))
            #expect(packet.bodyText.components(separatedBy: "class=\"print-item\"").count == 3)
            #expect(try await browser.get("/library/packet").status == .badRequest)
        }
    }

    @Test func theLibraryCanRequireSignIn() async throws {
        try await withApp(configure: { $0.libraryRequiresSignIn = true }) { app in
            let page = try await app.browser().get("/library")
            let api = try await app.client.executeRequest(uri: "/api/v1/library", method: .get, headers: [:], body: nil)
            #expect(page.status == .unauthorized)
            #expect(api.status == .unauthorized)
        }
    }

    @Test func theAPIListsAndRanksItems() async throws {
        try await withApp { app in
            struct List: Decodable { struct Item: Decodable { var id, title, summary, kind, category: String; var components: [String]; var minutes: Int }; var items: [Item] }
            let all = try await app.client.executeRequest(uri: "/api/v1/library", method: .get, headers: [:], body: nil)
            let list = try JSONDecoder().decode(List.self, from: Data(buffer: all.body))
            #expect(list.items.count == app.services.library.items.count)
            let ranked = try await app.client.executeRequest(uri: "/api/v1/library?q=loving-kindness&kind=guided-practice&maxMinutes=10", method: .get, headers: [:], body: nil)
            let rankedList = try JSONDecoder().decode(List.self, from: Data(buffer: ranked.body))
            #expect(rankedList.items.first?.id.hasPrefix("loving-kindness") == true)
            #expect(rankedList.items.allSatisfy { $0.kind == "guided-practice" && $0.minutes <= 10 })
            let one = try await app.client.executeRequest(uri: "/api/v1/library/paced-breathing-longer-exhale", method: .get, headers: [:], body: nil)
            #expect(one.status == .ok)
            #expect(one.bodyText.contains("\"exhale\":6"))
            let missing = try await app.client.executeRequest(uri: "/api/v1/library/nope", method: .get, headers: [:], body: nil)
            #expect(missing.status == .notFound)
            #expect(missing.bodyText.contains("\"error\""))
        }
    }

    @Test func pagesStayWithinTheirWeightBudget() async throws {
        try await withApp { app in
            let browser = app.browser()
            let gzip: HTTPFields = [.acceptEncoding: "gzip"]
            var assets = 0
            for asset in ["/static/app.css", "/static/app.js", "/static/practice.js", "/static/crisis.js"] {
                assets += try await browser.get(asset, headers: gzip).body.readableBytes
            }
            for page in ["/library", "/library/self-compassion-break", "/library/self-compassion-break/practice", "/library/self-care-plan"] {
                let response = try await browser.get(page, headers: gzip)
                #expect(response.headers[.contentEncoding] == "gzip")
                #expect(response.body.readableBytes + assets < 60 * 1024, "\(page)")
            }
            let crisis = try await browser.get("/crisis", headers: gzip)
            #expect(crisis.body.readableBytes + assets < 30 * 1024)
        }
    }
}

@Suite struct AttributeEscapingTests {
    static let payload = "\"><img src=x id=injected onerror=alert(1)>"

    @Test func typedTextEchoedIntoAttributesCannotBreakOut() async throws {
        try await withApp { app in
            // the search box echoes the query
            let encoded = Self.payload.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let search = try await app.browser().get("/library?q=\(encoded)")
            #expect(!search.bodyText.contains("<img src=x"))
            #expect(search.bodyText.contains("value=\"&quot;&gt;&lt;img src=x"))
            // a rejected sign-in keeps the typed email
            let login = try await app.browser().submit("/login", fields: ["email": Self.payload, "password": "wrong password"])
            #expect(!login.bodyText.contains("<img src=x"))
        }
    }

    @Test func aSafetyPlanCannotInjectMarkupIntoItsOwnPage() async throws {
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let client = try await app.signedIn("c@example.org")
            _ = try await client.submit("/safety-plan/edit", fields: ["warningSigns": Self.payload, "whereKept": Self.payload])
            for path in ["/safety-plan", "/safety-plan/edit", "/safety-plan/print", "/safety-plan/card"] {
                let page = try await client.get(path)
                #expect(!page.bodyText.contains("<img src=x"), "\(path)")
            }
        }
    }

    @Test func aPacketShowsEachChosenItemOnce() async throws {
        try await withApp { app in
            // setup: the same items ticked again and again, as a hand-made link can
            let ids = app.services.library.items.prefix(2).map(\.id)
            let repeated = Array(repeating: ids, count: 500).flatMap { $0 }
            // act
            let response = try await app.browser().get(SiteURL.libraryPacket.path + "?" + repeated.map { "items=\($0)" }.joined(separator: "&"))
            // check
            #expect(response.status == .ok)
            #expect(response.bodyText.components(separatedBy: "<div class=\"print-item\">").count - 1 == 2)
        }
    }

    @Test func aPacketOfMoreItemsThanTheLimitIsRefusedCalmly() async throws {
        try await withApp { app in
            // setup
            let limit = LibraryController.maximumPacketItems
            let ids = app.services.library.items.map(\.id)
            #expect(ids.count > limit)
            func packet(_ ids: some Sequence<String>) async throws -> TestResponse {
                try await app.browser().get(SiteURL.libraryPacket.path + "?" + ids.map { "items=\($0)" }.joined(separator: "&"))
            }
            // act
            let atTheLimit = try await packet(ids.prefix(limit))
            let overTheLimit = try await packet(ids.prefix(limit + 1))
            // check
            #expect(atTheLimit.status == .ok)
            #expect(overTheLimit.status == .badRequest)
            #expect(overTheLimit.bodyText.contains("A packet can hold up to \(limit) items."))
            #expect(!overTheLimit.bodyText.contains("print-item"))
        }
    }
}
