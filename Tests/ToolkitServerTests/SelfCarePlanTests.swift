import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// The self-care plan and weekly check-in: forms from the library's own worksheets, sealed,
/// private until shared, audited; the check-in offered when none was written this week.
@Suite struct SelfCarePlanTests {
    static func setUp(_ app: TestApp) async throws -> Browser {
        try await app.createUser(.therapist, email: "t@example.org")
        try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
        return try await app.signedIn("c@example.org")
    }

    @discardableResult
    static func savePlan(_ client: Browser, _ fields: [String: String]) async throws -> TestResponse {
        try await client.submit(SiteURL.selfCarePlan.path, fields: fields, formPage: SiteURL.selfCarePlan.path)
    }

    static func checkIn(_ client: Browser, _ fields: [String: String]) async throws -> TestResponse {
        try await client.submit(SiteURL.selfCareCheckIns.path, fields: fields, formPage: SiteURL.selfCareCheckInNew.path)
    }

    static func id(_ response: TestResponse) throws -> String {
        let location = try #require(response.headers[.location])
        return String(try #require(location.split(separator: "?").first).dropFirst("/self-care/check-ins/".count))
    }


    /// Breaking out of an attribute would put the script tag itself into the page.
    static let payload = "\"><script>alert(1)</script>x\" onmouseover=\"alert(2)"

    static func expectInert(_ page: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(page.status == .ok || page.status == .unprocessableContent, sourceLocation: sourceLocation)
        #expect(!page.bodyText.contains("<script>alert"), sourceLocation: sourceLocation)
        #expect(page.bodyText.contains("&lt;script&gt;alert(1)"), sourceLocation: sourceLocation)
    }

    @Test func markupInThePlanAndCheckInsIsShownAsTextEverywhere() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            try await Self.savePlan(client, ["body": Self.payload, "in-the-way": Self.payload])
            let id = try Self.id(try await Self.checkIn(client, ["what-helped": Self.payload, "next-week": Self.payload]))
            // act
            let pages = [
                try await client.get(SiteURL.selfCare.path), try await client.get(SiteURL.selfCarePlan.path),
                try await client.get(SiteURL.selfCareCheckIn(id).path),
                try await Self.checkIn(client, ["rest": "12", "next-week": Self.payload]),
                try await client.get("/account/export/print"),
            ]
            // check
            for page in pages { Self.expectInert(page) }
        }
    }

    @Test func aClientFillsInThePlanFromTheWorksheetAndChangesItLater() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let form = try await client.get(SiteURL.selfCarePlan.path).bodyText
            // act
            let saved = try await Self.savePlan(client, ["body": "A glass of water\r\nA short walk", "rest": "An early night",
                                                         "in-the-way": "Feeling guilty.\r\nI could start with ten minutes."])
            let first = try await client.get(SiteURL.selfCare.path).bodyText
            let changed = try await Self.savePlan(client, ["body": "A warm shower", "joy": "Music in the kitchen"])
            let second = try await client.get(SiteURL.selfCare.path).bodyText
            // check: the form follows the item's fields, labels and help
            #expect(form.contains("Kindness for my body"))
            #expect(form.contains("Signs I&#39;m running on empty") || form.contains("Signs I'm running on empty"))
            #expect(form.contains("name=\"hard-day\""))
            #expect(form.contains("id=\"idle-warning\""))
            #expect(saved.status == .seeOther && changed.status == .seeOther)
            #expect(first.contains("<li>A glass of water</li>") && first.contains("<li>A short walk</li>"))
            #expect(first.contains("I could start with ten minutes."))
            #expect(second.contains("A warm shower") && second.contains("Music in the kitchen"))
            #expect(!second.contains("A glass of water"))
            #expect(try await app.auditTrail().filter { $0.action == "self-care-plan.write" }.count == 2)
            #expect(try await app.auditTrail().contains { $0.action == "self-care-plan.read" })
        }
    }

    @Test func theWeeklyCheckInIsOfferedUntilOneIsWrittenThisWeekAndListedNewestFirst() async throws {
        let clock = TestClock()
        try await withApp(configure: { $0.clock = clock.now }) { app in
            // setup
            let client = try await Self.setUp(app)
            let before = try await client.get(SiteURL.selfCare.path).bodyText
            // act
            let first = try await Self.checkIn(client, ["rest": "4", "connection": "6", "kindness": "5",
                                                        "what-helped": "A chat with Sam\r\nAn early night", "next-week": "A walk at lunch"])
            let after = try await client.get(SiteURL.selfCare.path).bodyText
            let shown = try await client.get(try #require(first.headers[.location])).bodyText
            clock.advance(by: 8 * 24 * 60 * 60)
            let later = try await app.signedIn("c@example.org")
            let nextWeek = try await later.get(SiteURL.selfCare.path).bodyText
            let second = try await Self.checkIn(later, ["rest": "7", "next-week": "Second week thing"])
            let list = try await later.get(SiteURL.selfCare.path).bodyText
            // check
            #expect(before.contains("Your weekly check-in is ready"))
            #expect(first.status == .seeOther)
            #expect(!after.contains("Your weekly check-in is ready"))
            #expect(after.contains("Rest 4 · Connection 6 · Kindness 5"))
            #expect(shown.contains("A chat with Sam") && shown.contains("A walk at lunch") && shown.contains("4 out of 10"))
            #expect(nextWeek.contains("Your weekly check-in is ready"))
            #expect(second.status == .seeOther)
            let newer = try #require(list.range(of: "Rest 7")), older = try #require(list.range(of: "Rest 4"))
            #expect(newer.lowerBound < older.lowerBound)
            #expect(!list.contains("Your weekly check-in is ready"))
        }
    }

    @Test func badAnswersComeBackAsTypedWithTheReasonLinked() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let long = String(repeating: "m", count: SelfCareAnswers.maximumShortLength + 1)
            // act
            let overlong = try await Self.savePlan(client, ["mind": "Music\r\n" + long, "in-the-way": "Kept <as> typed"])
            let badRating = try await Self.checkIn(client, ["rest": "11", "what-helped": "Kept helper line"])
            let empty = try await Self.checkIn(client, ["next-week": "   "])
            // check
            #expect(overlong.status == .unprocessableContent)
            #expect(overlong.bodyText.contains("href=\"#field-mind\""))
            #expect(overlong.bodyText.contains(long))
            #expect(overlong.bodyText.contains("Kept &lt;as&gt; typed"))
            #expect(badRating.status == .unprocessableContent)
            #expect(badRating.bodyText.contains("href=\"#field-rest-0\""))
            #expect(badRating.bodyText.contains("Kept helper line"))
            #expect(empty.status == .unprocessableContent)
            #expect(try await app.count("self_care_check_ins") == 0)
            #expect(try await app.count("self_care_plans") == 0)
        }
    }

    @Test func othersCannotReadOrChangeItAndATherapistSeesOnlyWhatIsShared() async throws {
        try await withApp { app in
            // setup
            let owner = try await Self.setUp(app)
            let marker = "Walk with Rosalind on Sundays"
            try await Self.savePlan(owner, ["connection": marker])
            let checkInID = try Self.id(try await Self.checkIn(owner, ["what-helped": "Check-in marker Q7", "rest": "3"]))
            try await app.createUser(.client, email: "other@example.org", therapist: "t@example.org")
            try await app.createUser(.therapist, email: "t2@example.org")
            try await app.createUser(.admin, email: "a@example.org")
            let other = try await app.signedIn("other@example.org", address: "198.51.100.3")
            let therapistBrowser = try await app.signedIn("t@example.org", address: "198.51.100.4")
            let admin = try await app.signedIn("a@example.org", address: "198.51.100.5")
            let clientID = try await app.user("c@example.org").id
            let therapist = try await app.user("t@example.org"), otherTherapist = try await app.user("t2@example.org")
            // act + check: another client
            #expect(!(try await other.get(SiteURL.selfCare.path).bodyText.contains(marker)))
            #expect(!(try await other.get(SiteURL.selfCarePlan.path).bodyText.contains(marker)))
            #expect(try await other.get(SiteURL.selfCareCheckIn(checkInID).path).status == .notFound)
            #expect(try await other.submit(SiteURL.selfCareCheckInSharing(checkInID).path, fields: ["shared": "1"], formPage: SiteURL.selfCare.path).status == .notFound)
            #expect(try await other.submit(SiteURL.selfCareCheckInDelete(checkInID).path, fields: [:], formPage: SiteURL.selfCare.path).status == .notFound)
            #expect(try await therapistBrowser.get(SiteURL.selfCare.path).status == .forbidden)
            #expect(try await admin.get(SiteURL.selfCareCheckIn(checkInID).path).status == .forbidden)
            // a therapist: nothing until shared, never another therapist
            #expect(try await app.services.selfCarePlans.shared(clientID: clientID, therapist: therapist, address: nil) == nil)
            #expect(try #require(try await app.services.weeklyCheckIns.shared(clientID: clientID, therapist: therapist, address: nil)).isEmpty)
            #expect(try await owner.submit(SiteURL.selfCarePlanSharing.path, fields: ["shared": "1"], formPage: SiteURL.selfCare.path).status == .seeOther)
            #expect(try await owner.submit(SiteURL.selfCareCheckInSharing(checkInID).path, fields: ["shared": "1"],
                                           formPage: SiteURL.selfCareCheckIn(checkInID).path).status == .seeOther)
            let plan = try await app.services.selfCarePlans.shared(clientID: clientID, therapist: therapist, address: nil)
            let checkIns = try await app.services.weeklyCheckIns.shared(clientID: clientID, therapist: therapist, address: nil)
            #expect(plan?.document["connection"] == marker)
            #expect(checkIns?.map(\.entry.answers["what-helped"]) == ["Check-in marker Q7"])
            #expect(try await app.services.selfCarePlans.shared(clientID: clientID, therapist: otherTherapist, address: nil) == nil)
            #expect(try await app.services.weeklyCheckIns.shared(clientID: clientID, therapist: otherTherapist, address: nil) == nil)
            #expect(try await owner.submit(SiteURL.selfCarePlanSharing.path, fields: ["shared": "0"], formPage: SiteURL.selfCare.path).status == .seeOther)
            #expect(try await app.services.selfCarePlans.shared(clientID: clientID, therapist: therapist, address: nil) == nil)
            let denied = try await app.auditTrail().filter { $0.outcome == "denied" }.map(\.action)
            #expect(denied.filter { $0 == "self-care-plan.read" }.count == 3)
            #expect(denied.filter { $0 == "self-care-check-in.read" }.count == 1)
            if app.usesSQLite {
                let raw = try app.rawDatabaseBytes()
                #expect(raw.range(of: Data(marker.utf8)) == nil)
                #expect(raw.range(of: Data("Check-in marker Q7".utf8)) == nil)
            }
        }
    }

    @Test func aPlanTypedAfterTheSessionEndedComesBackAfterSigningIn() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let token = try #require(Browser.csrfToken(in: try await client.get(SiteURL.selfCarePlan.path).bodyText))
            client.setCookie(app.services.cookies.sessionName, "")
            // act
            let rejected = try await client.post(SiteURL.selfCarePlan.path, form: ["_csrf": token, "rest": "Nap <after> lunch", "joy": "Baking"])
            let loginToken = try #require(Browser.csrfToken(in: rejected.bodyText))
            let resumed = try await client.post(SiteURL.login.path, form: [
                "_csrf": loginToken, "email": "c@example.org", "password": TestApp.password,
                "_held_path": SiteURL.selfCarePlan.path, "_held.rest": "Nap <after> lunch", "_held.joy": "Baking",
            ])
            // check
            #expect(rejected.status == .unauthorized)
            #expect(Browser.inputValue("_held.rest", in: rejected.bodyText) == "Nap &lt;after&gt; lunch")
            #expect(resumed.status == .ok)
            #expect(resumed.bodyText.contains("Nap &lt;after&gt; lunch"))
            #expect(resumed.bodyText.contains("Baking"))
            #expect(try await app.count("self_care_plans") == 0)
        }
    }

    @Test func exportIncludesThePlanAndCheckInsAndErasingRemovesThem() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            try await Self.savePlan(client, ["joy": "Plan line for my export"])
            _ = try await Self.checkIn(client, ["next-week": "Check-in line for my export"])
            // act
            let json = try await client.get(SiteURL.accountExport.path).bodyText
            let page = try await client.get("/account/export/print").bodyText
            let erased = try await client.submit("/account/erase", fields: ["currentPassword": TestApp.password, "confirm": "erase"],
                                                 formPage: SiteURL.account.path)
            // check
            #expect(json.contains("\"selfCarePlan\"") && json.contains("\"weeklyCheckIns\""))
            #expect(json.contains("Plan line for my export") && json.contains("Check-in line for my export"))
            #expect(page.contains("Plan line for my export") && page.contains("Check-in line for my export"))
            #expect(erased.status == .seeOther)
            #expect(try await app.count("self_care_plans") == 0)
            #expect(try await app.count("self_care_check_ins") == 0)
        }
    }

    @Test func clearingThePlanAndDeletingACheckInRemoveThem() async throws {
        try await withApp { app in
            let client = try await Self.setUp(app)
            try await Self.savePlan(client, ["rest": "Early night"])
            let id = try Self.id(try await Self.checkIn(client, ["rest": "5"]))
            #expect(try await client.submit(SiteURL.selfCarePlanDelete.path, fields: [:], formPage: SiteURL.selfCare.path).status == .seeOther)
            #expect(try await client.submit(SiteURL.selfCareCheckInDelete(id).path, fields: [:], formPage: SiteURL.selfCareCheckIn(id).path).status == .seeOther)
            #expect(try await app.count("self_care_plans") == 0)
            #expect(try await app.count("self_care_check_ins") == 0)
            #expect(try await client.get(SiteURL.selfCare.path).bodyText.contains("Fill in my plan"))
        }
    }

    @Test func plansAndCheckInsSavedAtOnceAreAllKept() async throws {
        try await withApp { app in
            // setup: more simultaneous writes than the pool has connections: every client saves
            // their plan twice (two devices) and writes two check-ins, all at once
            try await app.createUser(.therapist, email: "t@example.org")
            var clients: [(Browser, String)] = []
            for index in 0..<6 {
                try await app.createUser(.client, email: "c\(index)@example.org", therapist: "t@example.org")
                let browser = try await app.signedIn("c\(index)@example.org", address: "198.51.100.\(index + 1)")
                clients.append((browser, try #require(Browser.csrfToken(in: try await browser.get(SiteURL.selfCarePlan.path).bodyText))))
            }
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (index, (browser, token)) in clients.enumerated() {
                    for number in 0..<2 {
                        group.addTask {
                            try await browser.post(SiteURL.selfCarePlan.path, form: ["_csrf": token, "rest": "Plan \(index).\(number)"]).status
                        }
                        group.addTask {
                            try await browser.post(SiteURL.selfCareCheckIns.path, form: ["_csrf": token, "kindness": "\(number + 5)"]).status
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.count == clients.count * 4)
            #expect(statuses.allSatisfy { $0 == .seeOther })
            #expect(try await app.count("self_care_plans") == clients.count)
            #expect(try await app.count("self_care_check_ins") == clients.count * 2)
            let trail = try await app.auditTrail()
            #expect(trail.filter { $0.action == "self-care-plan.write" }.count == clients.count * 2)
            #expect(trail.filter { $0.action == "self-care-check-in.write" }.count == clients.count * 2)
            #expect(try await app.services.audit.verify().ok)
        }
    }
}
