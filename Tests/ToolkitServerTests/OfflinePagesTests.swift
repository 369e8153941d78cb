import Foundation
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// The stand-ins the service worker shows for My safety plan and I'm struggling when the app
/// can't be reached: the same anonymous page for everyone, never anything personal, cacheable.
@Suite struct OfflinePagesTests {
    static let pages = [SiteURL.offlineSafetyPlan.path, SiteURL.offlineStruggling.path]

    /// A client with a plan holding a marker and a phone number, signed in.
    func clientWithPlan(_ app: TestApp, marker: String) async throws -> Browser {
        try await app.createUser(.therapist, email: "t@example.org")
        try await app.createUser(.client, email: "c@example.org", name: "Casey Client", therapist: "t@example.org")
        let client = try await app.signedIn("c@example.org")
        let saved = try await client.submit(SiteURL.safetyPlanEdit.path, fields: [
            "warningSigns": marker, "peopleToAsk": "Sam 07700 900123", "professionals": "Lifeline: 988"])
        #expect(saved.status == .seeOther)
        return client
    }

    @Test func theyAreTheSameAnonymousPageForEveryoneAndHoldNothingPersonal() async throws {
        try await withApp { app in
            // setup
            let marker = "OFFLINE-\(UUID().uuidString)"
            let client = try await clientWithPlan(app, marker: marker)
            let visitor = app.browser()
            for path in Self.pages {
                // act
                let signedIn = try await client.get(path)
                let anonymous = try await visitor.get(path)
                // check
                #expect(signedIn.status == .ok, "\(path)")
                #expect(signedIn.bodyText == anonymous.bodyText, "\(path)")
                for personal in [marker, "Casey Client", "c@example.org", "07700", "Sign out", "_csrf"] {
                    #expect(!signedIn.bodyText.contains(personal), "\(path) holds \(personal)")
                }
                #expect(signedIn.headers[.setCookie] == nil, "\(path)")
                #expect(anonymous.headers[.setCookie] == nil, "\(path)")
            }
        }
    }

    @Test func theyAreCacheableAndRevalidated() async throws {
        try await withApp { app in
            let browser = app.browser()
            for path in Self.pages {
                // act
                let first = try await browser.get(path)
                let etag = try #require(first.headers[.eTag], "\(path)")
                let again = try await browser.get(path, headers: [.ifNoneMatch: etag])
                // check
                #expect(first.headers[.cacheControl] == "public, max-age=0, must-revalidate", "\(path)")
                #expect(first.headers[.contentType] == "text/html; charset=utf-8", "\(path)")
                #expect(first.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true, "\(path)")
                #expect(again.status == .notModified, "\(path)")
            }
        }
    }

    @Test func theyGiveTheCrisisLinesAsCallLinksOrTheEmergencyNumber() async throws {
        try await withApp { app in
            let browser = app.browser()
            // check: no lines configured
            for path in Self.pages {
                let body = try await browser.get(path).bodyText
                #expect(body.contains("local emergency number"), "\(path)")
                #expect(!body.contains("tel:"), "\(path)")
            }
            // act: the lines change, and the pages with them
            try app.services.crisisLines.save([CrisisLine(name: "Test Lifeline", phone: "0800 123 456", text: "85258")])
            for path in Self.pages {
                let body = try await browser.get(path).bodyText
                #expect(body.contains("Test Lifeline") && body.contains("href=\"tel:0800123456\""), "\(path)")
                #expect(body.contains("href=\"sms:85258\""), "\(path)")
            }
        }
    }

    @Test func theStrugglingStandInHasGroundingAndSaysRatingsArentSaved() async throws {
        try await withApp { app in
            let body = try await app.browser().get(SiteURL.offlineStruggling.path).bodyText
            #expect(body.contains("<h1>I'm struggling</h1>"))
            #expect(body.contains("Five things you can see"))
            #expect(body.contains("id=\"grounding-steps\""))
            #expect(body.contains("Ratings aren't saved while the app can't be reached"))
            // The talk-to-someone part comes before grounding.
            let talk = try #require(body.range(of: "id=\"talk\""))
            let ground = try #require(body.range(of: "id=\"ground\""))
            #expect(talk.lowerBound < ground.lowerBound)
            #expect(body.contains("/static/crisis.js") && body.contains("/static/practice.js"))
        }
    }

    @Test func theDeviceCopyCarriesThePlansNumbersReadyToDial() async throws {
        try await withApp { app in
            // setup
            let client = try await clientWithPlan(app, marker: "copy marker")
            // act
            let page = try await client.get(SiteURL.safetyPlan.path).bodyText
            // check
            let attribute = try #require(page.range(of: "data-plan=\"")).upperBound
            let escaped = String(page[attribute...].prefix { $0 != "\"" })
            let json = escaped.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
            struct Copy: Decodable {
                struct Step: Decodable { var title: String; var entries: [String] }
                struct Contact: Decodable, Equatable { var label: String; var phone: String }
                var steps: [Step]
                var contacts: [Contact]
            }
            let copy = try JSONDecoder().decode(Copy.self, from: Data(json.utf8))
            #expect(copy.contacts == [Copy.Contact(label: "Sam 07700 900123", phone: "07700900123"),
                                      Copy.Contact(label: "Lifeline: 988", phone: "988")])
            #expect(copy.steps.first?.entries == ["copy marker"])
        }
    }
}
