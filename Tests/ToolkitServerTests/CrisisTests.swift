import Foundation
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

@Suite struct CrisisTests {
    @Test func theCrisisPageIsPublicAndLinkedFromEveryPage() async throws {
        try await withApp { app in
            let browser = app.browser()
            let crisis = try await browser.get("/crisis")
            #expect(crisis.status == .ok)
            #expect(crisis.bodyText.contains("Need help now"))
            for page in ["/", "/login", "/library", "/library/self-care-plan", "/no-such-page"] {
                #expect(try await browser.get(page).bodyText.contains("href=\"/crisis\""), "\(page)")
            }
        }
    }

    @Test func everyoneGetsTheSamePageAndOnlyCrisisMeKnowsWhoIsReading() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let client = try await app.signedIn("c@example.org")
            let visitor = app.browser()
            // act
            let signedInPage = try await client.get(SiteURL.crisis.path)
            let visitorPage = try await visitor.get(SiteURL.crisis.path)
            let me = try await client.get(SiteURL.crisisPersonal.path)
            let nobody = try await visitor.get(SiteURL.crisisPersonal.path)
            // check: the page is the one kept in memory, whoever asks; the client's links are in it, hidden
            #expect(signedInPage.status == .ok)
            #expect(signedInPage.bodyText == visitorPage.bodyText)
            #expect(signedInPage.bodyText.contains("id=\"client-links\""))
            // check: the personal part says who is reading, nothing more, and is never cached
            #expect(me.bodyText.contains("\"signedIn\":true") && me.bodyText.contains("\"role\":\"client\""))
            #expect(me.headers[.cacheControl] == "no-store")
            #expect(nobody.status == .ok)
            #expect(nobody.bodyText.contains("\"signedIn\":false"))
            #expect(!nobody.bodyText.contains("role\":\""))
        }
    }

    @Test func withNoLinesConfiguredItPointsToTheLocalEmergencyNumberOnly() async throws {
        try await withApp { app in
            let body = try await app.browser().get("/crisis").bodyText
            #expect(body.contains("local emergency number"))
            #expect(!body.contains("tel:"))
            #expect(!body.contains("988"))
        }
    }

    @Test func configuredLinesAppearAsCallAndTextLinks() async throws {
        try await withApp { app in
            try app.services.crisisLines.save([CrisisLine(name: "Test Lifeline", phone: "0800 123 456", text: "85258", hours: "24/7")])
            let body = try await app.browser().get("/crisis").bodyText
            #expect(body.contains("href=\"tel:0800123456\""))
            #expect(body.contains("href=\"sms:85258\""))
            #expect(body.contains("Test Lifeline"))
        }
    }

    @Test func anAdminEditsTheLinesAndBadInputComesBackAsTyped() async throws {
        try await withApp { app in
            try await app.createUser(.admin, email: "a@example.org")
            let admin = try await app.signedIn("a@example.org")
            let bad = try await admin.submit("/admin/crisis-lines", fields: ["name0": "Helpline", "phone0": "", "website0": "not-a-site"])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.bodyText.contains("value=\"not-a-site\""))
            let good = try await admin.submit("/admin/crisis-lines", fields: ["name0": "Helpline", "phone0": "116 123"])
            #expect(good.status == .seeOther)
            #expect(app.services.crisisLines.lines() == [CrisisLine(name: "Helpline", phone: "116 123")])
            #expect(try await app.browser().get("/crisis").bodyText.contains("tel:116123"))
        }
    }

    @Test func onlyAdminsEditTheLines() async throws {
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            let therapist = try await app.signedIn("t@example.org")
            #expect(try await therapist.get("/admin/crisis-lines").status == .forbidden)
            #expect(try await app.browser().get("/admin/crisis-lines").status == .unauthorized)
        }
    }

    @Test func theServiceWorkerCachesOnlyPublicCrisisFiles() async throws {
        try await withApp { app in
            let worker = try await app.browser().get("/crisis-sw.js")
            #expect(worker.status == .ok)
            #expect(worker.headers[.contentType]?.hasPrefix("text/javascript") == true)
            let body = worker.bodyText
            #expect(body.contains("credentials: \"omit\""))
            #expect(!body.contains("/api/"))
            // What it keeps: public pages and files only. The signed-in pages are named only as
            // what the offline stand-ins replace, and only the cookie-less refresh stores anything.
            let list = try #require(body.range(of: "var PUBLIC_FILES = [")).upperBound
            let kept = body[list...].prefix { $0 != "]" }.split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            #expect(kept == ["/crisis", "/offline/safety-plan", "/offline/struggling",
                             "/static/app.css", "/static/app.js", "/static/practice.js", "/static/crisis.js"])
            #expect(body.components(separatedBy: "cache.put(").count == 2)
        }
    }
}
