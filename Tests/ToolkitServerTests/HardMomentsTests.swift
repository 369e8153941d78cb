import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Support that steps up with distress: the graded "I'm struggling" flow, search that hears risk
/// language, a plan with real numbers, and plans that survive an ended session.
@Suite struct HardMomentsTests {
    static let line = CrisisLine(name: "Night Line", phone: "0800 555 0100", hours: "24 hours")

    /// A therapist, their client with a saved plan holding one person with a number, and a crisis line.
    static func clientWithPlan(_ app: TestApp) async throws -> Browser {
        try await app.createUser(.therapist, email: "t@example.org", name: "Dr Rivers")
        try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
        try app.services.crisisLines.save([line])
        let client = try await app.signedIn("c@example.org")
        let saved = try await client.submit(SiteURL.safetyPlanEdit.path, fields: [
            "warningSigns": "I stop answering texts", "copingStrategies": "Cold water on my face",
            "name-peopleToAsk-0": "Sam", "phone-peopleToAsk-0": "07700 900123", "reasonsForLiving": "My sister",
        ])
        #expect(saved.status == .seeOther)
        return client
    }

    static func startCheckIn(_ client: Browser, rating: Int) async throws -> String {
        let start = try await client.submit(SiteURL.struggling.path, fields: ["rating": String(rating)])
        #expect(start.status == .seeOther)
        return try #require(start.headers[.location])
    }

    /// How Plot writes text into a page.
    static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    static func position(of text: String, in html: String) -> Int? {
        html.range(of: text).map { html.distance(from: html.startIndex, to: $0.lowerBound) }
    }

    // MARK: - The graded flow

    @Test func atHighDistressPeopleAndCrisisLinesComeFirstAsCallButtons() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.clientWithPlan(app)
            // act
            let flow = try await client.get(try await Self.startCheckIn(client, rating: 9)).bodyText
            // check: plan contact and crisis line as tel: links, both before grounding
            let sam = try #require(Self.position(of: "href=\"tel:07700900123\"", in: flow))
            let nightLine = try #require(Self.position(of: "href=\"tel:08005550100\"", in: flow))
            let grounding = try #require(Self.position(of: "Ground yourself", in: flow))
            #expect(sam < grounding && nightLine < grounding)
            #expect(flow.contains("1. Reach someone now"))
            // the warmth-inward break waits for a calmer moment
            #expect(!flow.contains("A short self-compassion break"))
        }
    }

    @Test func atLowerDistressTheGentlerOrderStays() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.clientWithPlan(app)
            // act
            let flow = try await client.get(try await Self.startCheckIn(client, rating: 4)).bodyText
            // check
            let grounding = try #require(Self.position(of: "1. Ground yourself", in: flow))
            let breakStep = try #require(Self.position(of: "2. A short self-compassion break", in: flow))
            let reach = try #require(Self.position(of: "Reach someone now", in: flow))
            #expect(grounding < breakStep && breakStep < reach)
            #expect(flow.contains("href=\"tel:07700900123\""))
        }
    }

    @Test func theDeploymentSetsTheThreshold() async throws {
        try await withApp(configure: { $0.highDistressThreshold = 5 }) { app in
            // setup
            let client = try await Self.clientWithPlan(app)
            // act
            let atFive = try await client.get(try await Self.startCheckIn(client, rating: 5)).bodyText
            let atFour = try await client.get(try await Self.startCheckIn(client, rating: 4)).bodyText
            // check
            #expect(atFive.contains("1. Reach someone now"))
            #expect(atFour.contains("1. Ground yourself"))
        }
    }

    @Test func theThresholdSettingIsCheckedAtStart() throws {
        let folder = ["DATA_DIR": "/tmp/unused"]
        #expect(try AppConfiguration.fromEnvironment(folder).highDistressThreshold == 8)
        #expect(try AppConfiguration.fromEnvironment(folder.merging(["HIGH_DISTRESS_THRESHOLD": "6"]) { $1 }).highDistressThreshold == 6)
        #expect(throws: ConfigurationError.self) { try AppConfiguration.fromEnvironment(folder.merging(["HIGH_DISTRESS_THRESHOLD": "11"]) { $1 }) }
        #expect(throws: ConfigurationError.self) { try AppConfiguration.fromEnvironment(folder.merging(["HIGH_DISTRESS_THRESHOLD": "high"]) { $1 }) }
    }

    @Test func whenTheSecondRatingIsWorseTheEndPageHasCallButtons() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.clientWithPlan(app)
            let worse = try await Self.startCheckIn(client, rating: 5)
            // act
            #expect(try await client.submit(worse, fields: ["rating": "7"]).status == .seeOther)
            let end = try await client.get(SiteURL.strugglingHistory.path + "?done=1").bodyText
            // check: below the threshold, but worse than before: people first
            #expect(end.contains("You started at 5 out of 10 and you're at 7 now."))
            let reach = try #require(Self.position(of: "Reach someone now", in: end))
            let history = try #require(Self.position(of: "Only you can see these", in: end))
            #expect(reach < history)
            #expect(end.contains("href=\"tel:07700900123\""))
            #expect(end.contains("href=\"tel:08005550100\""))
        }
    }

    @Test func whenItEasesTheEndPageStaysQuiet() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.clientWithPlan(app)
            let better = try await Self.startCheckIn(client, rating: 6)
            // act
            _ = try await client.submit(better, fields: ["rating": "3"])
            let end = try await client.get(SiteURL.strugglingHistory.path + "?done=1").bodyText
            // check
            #expect(end.contains("You started at 6 out of 10 and you're at 3 now."))
            #expect(!end.contains("Reach someone now"))
            #expect(!end.contains("tel:"))
        }
    }

    @Test func pressingOnWithoutARatingSaysWhatIsMissingAndKeepsThePlace() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.clientWithPlan(app)
            let flowPath = try await Self.startCheckIn(client, rating: 9)
            // act
            let first = try await client.submit(SiteURL.struggling.path, fields: [:])
            let second = try await client.submit(flowPath, fields: [:])
            // check: a sentence that names what's missing, linked to the choices; the flow stays
            #expect(first.status == .unprocessableContent)
            #expect(first.bodyText.contains("href=\"#rating-0\""))
            #expect(first.bodyText.contains("Please choose how strong the distress is"))
            #expect(first.bodyText.contains("id=\"rating-0\""))
            #expect(second.status == .unprocessableContent)
            #expect(second.bodyText.contains("Please choose how strong the distress is now"))
            #expect(second.bodyText.contains("href=\"tel:07700900123\""))
            #expect(second.bodyText.contains("1. Reach someone now"))
        }
    }

    @Test func aCheckInThatIsNotYoursIsNotFoundEvenToRead() async throws {
        try await withApp { app in
            // setup
            let owner = try await Self.clientWithPlan(app)
            let flowPath = try await Self.startCheckIn(owner, rating: 9)
            try await app.createUser(.client, email: "other@example.org", therapist: "t@example.org")
            let other = try await app.signedIn("other@example.org", address: "198.51.100.3")
            // act
            let read = try await other.get(flowPath)
            let finish = try await other.submit(flowPath, fields: ["rating": "1"], formPage: SiteURL.struggling.path)
            // check
            #expect(read.status == .notFound)
            #expect(finish.status == .notFound)
            #expect(!read.bodyText.contains("07700"))
        }
    }

    // MARK: - Search that hears risk

    @Test func aRiskQueryShowsTheBannerBeforeTheResults() async throws {
        try await withApp { app in
            // setup
            try app.services.crisisLines.save([Self.line])
            let visitor = app.browser()
            // act
            let risky = try await visitor.get(SiteURL.library.path + "?q=I+want+to+die").bodyText
            let ordinary = try await visitor.get(SiteURL.library.path + "?q=I+feel+stupid+after+a+mistake").bodyText
            // check: the banner with the lines, then the results, which are still there
            let banner = try #require(Self.position(of: "You don't have to go through this alone", in: risky))
            let results = try #require(Self.position(of: "id=\"results\"", in: risky))
            #expect(banner < results)
            #expect(risky.contains("href=\"tel:08005550100\""))
            #expect(risky.contains("href=\"/crisis\""))
            #expect(!ordinary.contains("You don't have to go through this alone"))
        }
    }

    @Test func aSignedInClientIsOfferedTheirOwnPlan() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.clientWithPlan(app)
            // act
            let page = try await client.get(SiteURL.library.path + "?q=sucide").bodyText
            // check
            #expect(page.contains("Open my safety plan"))
            #expect(page.contains("href=\"/safety-plan\""))
        }
    }

    @Test func theAPIAnswersTheSameSignalAsAField() async throws {
        try await withApp { app in
            // setup
            try app.services.crisisLines.save([Self.line])
            struct List: Decodable { var items: [Item]; var riskLanguage: Bool; var crisisLines: [CrisisLine]? }
            struct Item: Decodable { var id: String }
            func search(_ query: String) async throws -> List {
                let response = try await app.client.executeRequest(uri: "/api/v1/library?q=" + query, method: .get, headers: [:], body: nil)
                #expect(response.status == .ok)
                return try JSONDecoder().decode(List.self, from: Data(response.bodyText.utf8))
            }
            // act
            let risky = try await search("cant%20go%20on")
            let ordinary = try await search("grief")
            // check
            #expect(risky.riskLanguage)
            #expect(risky.crisisLines == [Self.line])
            #expect(!ordinary.riskLanguage)
            #expect(ordinary.crisisLines == nil)
        }
    }

    // MARK: - A plan with real numbers

    @Test func theProfessionalsStepOffersTheTherapistAndTheCrisisLines() async throws {
        try await withApp { app in
            // setup: the therapist sets how clients can reach them
            try await app.createUser(.therapist, email: "t@example.org", name: "Dr Rivers")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            try app.services.crisisLines.save([Self.line])
            let therapist = try await app.signedIn("t@example.org", address: "198.51.100.20")
            let set = try await therapist.submit(SiteURL.accountPracticeContact.path,
                                                 fields: ["phone": "020 7946 0000", "hours": "Mon-Fri, 9am-5pm"], formPage: SiteURL.account.path)
            #expect(set.status == .seeOther)
            let client = try await app.signedIn("c@example.org")
            // act
            let form = try await client.get(SiteURL.safetyPlanEdit.path).bodyText
            // check: pre-filled, editable rows
            #expect(form.contains("name=\"name-professionals-0\" value=\"Dr Rivers (my therapist)\""))
            #expect(form.contains("name=\"phone-professionals-0\" value=\"020 7946 0000\""))
            #expect(form.contains("name=\"note-professionals-0\" value=\"Mon-Fri, 9am-5pm\""))
            #expect(form.contains("name=\"name-professionals-1\" value=\"Night Line\""))
            #expect(form.contains("name=\"phone-professionals-1\" value=\"0800 555 0100\""))
            #expect(form.contains("name=\"note-professionals-1\" value=\"24 hours\""))
            // act: saved as offered, the numbers become call buttons on the plan
            let saved = try await client.submit(SiteURL.safetyPlanEdit.path, fields: [
                "name-professionals-0": "Dr Rivers (my therapist)", "phone-professionals-0": "020 7946 0000",
                "note-professionals-0": "Mon-Fri, 9am-5pm",
                "name-peopleToAsk-0": "Sam", "phone-peopleToAsk-0": "07700 900123",
            ])
            #expect(saved.status == .seeOther)
            let plan = try await client.get(SiteURL.safetyPlan.path).bodyText
            #expect(plan.contains("href=\"tel:02079460000\""))
            #expect(plan.contains("href=\"tel:07700900123\""))
            #expect(plan.contains("Sam, 07700 900123"))
            #expect(plan.contains("Dr Rivers (my therapist), 020 7946 0000, Mon-Fri, 9am-5pm"))
            #expect(plan.contains("Call Dr Rivers (my therapist): 020 7946 0000"))
            // and once the client has professionals of their own, nothing is pushed back in
            let again = try await client.get(SiteURL.safetyPlanEdit.path).bodyText
            #expect(!again.contains("Night Line"))
        }
    }

    @Test func onlyATherapistSetsTheirContactAndBadNumbersComeBackAsTyped() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let therapist = try await app.signedIn("t@example.org", address: "198.51.100.20")
            let client = try await app.signedIn("c@example.org")
            // act
            let bad = try await therapist.submit(SiteURL.accountPracticeContact.path, fields: ["phone": "call me", "hours": "Weekdays"],
                                                 formPage: SiteURL.account.path)
            let byClient = try await client.submit(SiteURL.accountPracticeContact.path, fields: ["phone": "0800 111 222", "hours": ""],
                                                   formPage: SiteURL.account.path)
            // check
            #expect(bad.status == .unprocessableContent)
            #expect(bad.bodyText.contains("value=\"call me\""))
            #expect(bad.bodyText.contains("value=\"Weekdays\""))
            #expect(byClient.status == .forbidden)
            #expect(try await app.count("practice_contacts") == 0)
        }
    }

    @Test func manyTherapistsSavingTheirContactsAtOnceAllSucceed() async throws {
        try await withApp { app in
            // setup: more therapists saving at once than the pool has connections
            let count = 24
            var therapists: [Browser] = []
            for index in 0..<count {
                try await app.createUser(.therapist, email: "t\(index)@example.org")
                therapists.append(try await app.signedIn("t\(index)@example.org", address: "198.51.100.\(index + 1)"))
            }
            var tokens: [String] = []
            for therapist in therapists {
                tokens.append(try #require(Browser.csrfToken(in: try await therapist.get(SiteURL.account.path).bodyText)))
            }
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (index, therapist) in therapists.enumerated() {
                    let token = tokens[index]
                    group.addTask {
                        try await therapist.post(SiteURL.accountPracticeContact.path,
                                                 form: ["_csrf": token, "phone": "020 7946 \(1000 + index)", "hours": "Weekdays"]).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check: every save answered and kept, each audited
            #expect(statuses.allSatisfy { $0 == .seeOther })
            #expect(try await app.count("practice_contacts") == count)
            #expect(try await app.auditTrail().filter { $0.action == "practice-contact.write" }.count == count)
        }
    }

    @Test func limitsAreShownBeforeTheyAreHitAndErrorsLinkToTheirFields() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.clientWithPlan(app)
            // act
            let form = try await client.get(SiteURL.safetyPlanEdit.path).bodyText
            let tooMany = (1...21).map { "Sign \($0)" }.joined(separator: "\n")
            let rejected = try await client.submit(SiteURL.safetyPlanEdit.path, fields: ["warningSigns": tooMany])
            // check
            #expect(form.contains("Up to 20 lines, each up to 500 characters."))
            #expect(form.contains("aria-describedby=\"limit-warningSigns\""))
            #expect(rejected.status == .unprocessableContent)
            #expect(rejected.bodyText.contains("href=\"#step-warningSigns\""))
            #expect(rejected.bodyText.contains("Sign 21"))
        }
    }

    // MARK: - Nothing typed is lost

    @Test func aPlanSavedAfterTheSessionEndedComesBackAfterSigningIn() async throws {
        try await withApp { app in
            // setup: the form is open, then the session cookie goes
            let client = try await Self.clientWithPlan(app)
            let page = try await client.get(SiteURL.safetyPlanEdit.path).bodyText
            let token = try #require(Browser.csrfToken(in: page))
            let words = "Walk to the river & back <slowly>\nPhone my sister"
            client.setCookie(app.services.cookies.sessionName, "")
            // act: Save
            let rejected = try await client.post(SiteURL.safetyPlanEdit.path, form: [
                "_csrf": token, "copingStrategies": words, "name-peopleToAsk-0": "Ana", "phone-peopleToAsk-0": "07700 900999",
            ])
            // check: asked to sign in, with every word held in the form (escaped), nothing saved
            #expect(rejected.status == .unauthorized)
            #expect(rejected.bodyText.contains("what you typed isn't saved yet"))
            #expect(rejected.bodyText.contains("name=\"_held._csrf\"") == false)
            let held = try #require(Browser.inputValue("_held.copingStrategies", in: rejected.bodyText))
            #expect(held == "Walk to the river &amp; back &lt;slowly&gt;\nPhone my sister")
            // act: sign in through that page, with the held fields
            let loginToken = try #require(Browser.csrfToken(in: rejected.bodyText))
            let signedIn = try await client.post(SiteURL.login.path, form: [
                "_csrf": loginToken, "email": "c@example.org", "password": TestApp.password,
                "_held_path": SiteURL.safetyPlanEdit.path, "_held.copingStrategies": words,
                "_held.name-peopleToAsk-0": "Ana", "_held.phone-peopleToAsk-0": "07700 900999",
            ])
            // check: the plan form, filled in, unsaved; then it saves
            #expect(signedIn.status == .ok)
            #expect(signedIn.bodyText.contains("Nothing has been saved yet"))
            #expect(signedIn.bodyText.contains("Walk to the river &amp; back &lt;slowly&gt;"))
            #expect(signedIn.bodyText.contains("value=\"Ana\""))
            #expect(!(try await client.get(SiteURL.safetyPlan.path).bodyText.contains("Walk to the river")))
            let resumedToken = try #require(Browser.csrfToken(in: signedIn.bodyText))
            let saved = try await client.post(SiteURL.safetyPlanEdit.path, form: [
                "_csrf": resumedToken, "copingStrategies": words, "name-peopleToAsk-0": "Ana", "phone-peopleToAsk-0": "07700 900999",
            ])
            #expect(saved.status == .seeOther)
            let plan = try await client.get(SiteURL.safetyPlan.path).bodyText
            #expect(plan.contains("Walk to the river &amp; back &lt;slowly&gt;"))
            #expect(plan.contains("href=\"tel:07700900999\""))
        }
    }

    @Test func aStaleFormWhileSignedInComesBackFilledIn() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.clientWithPlan(app)
            // act: a token from an earlier session (signed in again in another tab, say)
            let response = try await client.post(SiteURL.safetyPlanEdit.path, form: ["_csrf": "stale", "copingStrategies": "Stretch slowly"])
            // check
            #expect(response.status == .ok)
            #expect(response.bodyText.contains("Stretch slowly"))
            #expect(response.bodyText.contains("Nothing has been saved yet"))
            #expect(!(try await client.get(SiteURL.safetyPlan.path).bodyText.contains("Stretch slowly")))
        }
    }

    @Test func heldTextGoesOnlyToTheClientItBelongsTo() async throws {
        try await withApp { app in
            // setup: a therapist signs in on a page holding a client's typed plan
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = app.browser()
            let login = try await browser.get(SiteURL.login.path)
            let token = try #require(Browser.csrfToken(in: login.bodyText))
            // act
            let response = try await browser.post(SiteURL.login.path, form: [
                "_csrf": token, "email": "t@example.org", "password": TestApp.password,
                "_held_path": SiteURL.safetyPlanEdit.path, "_held.copingStrategies": "Someone else's words",
            ])
            // check: an ordinary sign-in, the text dropped
            #expect(response.status == .seeOther)
            #expect(!response.bodyText.contains("Someone else's words"))
        }
    }

    @Test func stayingSignedInRestartsTheIdleTimeout() async throws {
        let clock = TestClock()
        try await withApp(configure: { $0.clock = clock.now; $0.sessionIdleTimeout = 30 * 60 }) { app in
            // setup
            let client = try await Self.clientWithPlan(app)
            let token = try #require(Browser.csrfToken(in: try await client.get(SiteURL.safetyPlanEdit.path).bodyText))
            // act: 25 minutes typing, "Stay signed in", 25 more
            clock.advance(by: 25 * 60)
            let kept = try await client.send(SiteURL.sessionKeepAlive.path, method: .post,
                                             headers: [CSRFMiddleware.headerName: token, .origin: Browser.origin], body: nil)
            clock.advance(by: 25 * 60)
            // check
            #expect(kept.status == .noContent)
            #expect(try await client.get(SiteURL.safetyPlanEdit.path).status == .ok)
            // and without it, the session ends as before
            clock.advance(by: 31 * 60)
            #expect(try await client.get(SiteURL.safetyPlanEdit.path).status != .ok)
        }
    }

    // MARK: - Paper

    @Test func printedPacketsListTheCrisisLines() async throws {
        try await withApp { app in
            // setup
            try app.services.crisisLines.save([Self.line])
            // act
            let packet = try await app.browser().get(SiteURL.libraryPacket.path + "?items=self-compassion-break").bodyText
            // check
            #expect(packet.contains("Night Line"))
            #expect(packet.contains("call 0800 555 0100"))
        }
    }
}

extension HardMomentsTests {
    @Test func anAdministratorSetsATherapistsContactForThem() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "a@example.org")
            let therapist = try await app.createUser(.therapist, email: "t@example.org", name: "Dr Rivers")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let admin = try await app.signedIn("a@example.org", address: "198.51.100.30")
            let path = SiteURL.adminUserContact(therapist.id).path
            // act
            let list = try await admin.get(SiteURL.adminUsers.path).bodyText
            let saved = try await admin.submit(path, fields: ["phone": "020 7946 0001", "hours": "Weekdays 9-5"])
            let forAClient = try await admin.get(SiteURL.adminUserContact(try await app.user("c@example.org").id).path)
            // check
            #expect(list.contains("href=\"\(path)\""))
            #expect(saved.status == .seeOther)
            #expect(forAClient.status == .notFound)
            let client = try await app.signedIn("c@example.org")
            #expect(try await client.get(SiteURL.safetyPlanEdit.path).bodyText.contains("value=\"020 7946 0001\""))
            let record = try #require(try await app.auditTrail().last { $0.action == "practice-contact.write" })
            #expect(record.actorRole == "admin")
            // and a therapist can't use the admin page
            let asTherapist = try await app.signedIn("t@example.org", address: "198.51.100.31")
            #expect(try await asTherapist.get(path).status == .forbidden)
        }
    }
}

extension HardMomentsTests {
    /// Steps shown outside their item carry the item's safety line and each step's way back.
    @Test func stepsShownOutOfContextCarryTheirWayToStepBack() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.clientWithPlan(app)
            let library = app.services.library
            let breakItem = try #require(library.item("one-minute-self-compassion-break"))
            let grounding = try #require(library.item("grounding-5-4-3-2-1"))
            let critic = try #require(library.item("when-the-critic-is-loud"))
            let warmStep = try #require(breakItem.steps.first { $0.turnsWarmthInward })
            // act
            let flow = try await client.get(try await Self.startCheckIn(client, rating: 3)).bodyText
            let crisis = try await app.browser().get(SiteURL.crisis.path).bodyText
            // check: the struggling flow (its players) and the crisis page (its scripts)
            #expect(flow.contains(Self.html(try #require(breakItem.safetyLine))))
            #expect(flow.contains(Self.html(try #require(grounding.safetyLine))))
            #expect(flow.contains(Self.html(try #require(warmStep.stepBack))))
            #expect(crisis.contains(Self.html(try #require(critic.safetyLine))))
            for step in critic.steps {
                if let back = step.stepBack { #expect(crisis.contains(Self.html(back)), "\(step.title)") }
            }
        }
    }
}

extension HardMomentsTests {
    @Test func aFormFromAnotherSiteIsNeitherHeldNorShownBack() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.clientWithPlan(app)
            client.setCookie(app.services.cookies.sessionName, "")
            // act: a cross-site post to the plan form, with no session
            let response = try await client.post(SiteURL.safetyPlanEdit.path, form: ["copingStrategies": "planted text"],
                                                 origin: "https://elsewhere.example")
            // check
            #expect(response.status == .forbidden)
            #expect(!response.bodyText.contains("planted text"))
        }
    }

    @Test func theFullPagePrintListsTheCrisisLines() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.clientWithPlan(app)
            // act
            let page = try await client.get(SiteURL.safetyPlanPrint.path).bodyText
            // check
            #expect(page.contains("Night Line"))
            #expect(page.contains("call 0800 555 0100"))
            #expect(page.contains("Call your local emergency number"))
        }
    }
}

extension HardMomentsTests {
    @Test func stayingSignedInNeedsASessionAndItsFormToken() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.clientWithPlan(app)
            let token = try #require(Browser.csrfToken(in: try await client.get(SiteURL.safetyPlanEdit.path).bodyText))
            let stranger = app.browser(address: "198.51.100.77")
            // act
            let withoutToken = try await client.send(SiteURL.sessionKeepAlive.path, method: .post, headers: [.origin: Browser.origin], body: nil)
            let withoutSession = try await stranger.send(SiteURL.sessionKeepAlive.path, method: .post,
                                                         headers: [CSRFMiddleware.headerName: token, .origin: Browser.origin], body: nil)
            // check: neither restarts anything
            #expect(withoutToken.status == .forbidden)
            #expect(withoutSession.status != .noContent)
        }
    }
}
