import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Goals, progress over perfection: private, sealed and audited; progress as steps done and
/// partly done; a setback reflection offered when a step slips.
@Suite struct GoalsTests {
    static func setUp(_ app: TestApp) async throws -> Browser {
        try await app.createUser(.therapist, email: "t@example.org")
        try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
        return try await app.signedIn("c@example.org")
    }

    /// Posts a goal form with every step, as a browser sends repeated fields.
    static func postGoal(_ client: Browser, to path: String, formPage: String, title: String = "Get back to running",
                         value: String = "Health", goodEnough: String = "Twice a week, any pace",
                         steps: [(id: String, text: String)] = [("", "Find my shoes"), ("", "Walk for ten minutes"), ("", "Jog one lamp post")]) async throws -> TestResponse {
        let token = try #require(Browser.csrfToken(in: try await client.get(formPage).bodyText))
        var pairs = [("_csrf", token), ("title", title), ("value", value), ("goodEnough", goodEnough)]
        for step in steps { pairs += [("stepID", step.id), ("step", step.text)] }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = pairs.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
        return try await client.send(path, method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .origin: client.origin],
                                     body: ByteBuffer(string: body))
    }

    static func create(_ client: Browser, title: String = "Get back to running") async throws -> String {
        let saved = try await postGoal(client, to: SiteURL.goals.path, formPage: SiteURL.goalsNew.path, title: title)
        #expect(saved.status == .seeOther)
        let location = try #require(saved.headers[.location])
        return String(try #require(location.split(separator: "?").first).dropFirst("/goals/".count))
    }

    static func goal(_ app: TestApp, _ id: String) async throws -> Goal {
        try #require(try await app.services.goals.load(id: id, for: try await app.user("c@example.org"), address: nil)).entry
    }

    static func setStep(_ client: Browser, _ goalID: String, _ stepID: String, _ fields: [String: String]) async throws -> TestResponse {
        try await client.submit(SiteURL.goalStep(goalID, step: stepID).path, fields: fields, formPage: SiteURL.goal(goalID).path)
    }


    /// Breaking out of an attribute would put the script tag itself into the page.
    static let payload = "\"><script>alert(1)</script>x\" onmouseover=\"alert(2)"

    static func expectInert(_ page: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(page.status == .ok || page.status == .unprocessableContent, sourceLocation: sourceLocation)
        #expect(!page.bodyText.contains("<script>alert"), sourceLocation: sourceLocation)
        #expect(page.bodyText.contains("&lt;script&gt;alert(1)"), sourceLocation: sourceLocation)
    }

    @Test func markupInAGoalIsShownAsTextEverywhere() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let saved = try await Self.postGoal(client, to: SiteURL.goals.path, formPage: SiteURL.goalsNew.path, title: Self.payload,
                                                value: Self.payload, goodEnough: Self.payload, steps: [("", Self.payload)])
            let id = String(try #require(saved.headers[.location]?.split(separator: "?").first).dropFirst("/goals/".count))
            let stepID = try await Self.goal(app, id).steps[0].id
            _ = try await Self.setStep(client, id, stepID, ["missed": "1"])
            _ = try await client.submit(SiteURL.goalReflection(id).path, fields: ["stepText": Self.payload, "goalTitle": Self.payload,
                                                                               "friend": Self.payload], formPage: SiteURL.goalReflection(id).path)
            // act
            let pages = [
                try await client.get(SiteURL.goals.path), try await client.get(SiteURL.goal(id).path),
                try await client.get(SiteURL.goalEdit(id).path), try await client.get(SiteURL.goalReflection(id).path + "?step=" + stepID),
                try await Self.postGoal(client, to: SiteURL.goals.path, formPage: SiteURL.goalsNew.path, title: Self.payload, value: " ",
                                        steps: [("", Self.payload)]),
                try await client.get("/account/export/print"),
            ]
            // check
            for page in pages { Self.expectInert(page) }
        }
    }

    @Test func aClientSetsAGoalWithALadderAndMarksProgressPartlyAndDone() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let id = try await Self.create(client)
            let steps = try await Self.goal(app, id).steps
            // act
            let partly = try await Self.setStep(client, id, steps[0].id, ["progress": "partly"])
            let done = try await Self.setStep(client, id, steps[1].id, ["progress": "done"])
            let page = try await client.get(SiteURL.goal(id).path).bodyText
            let list = try await client.get(SiteURL.goals.path).bodyText
            // check
            #expect(steps.map(\.text) == ["Find my shoes", "Walk for ten minutes", "Jog one lamp post"])
            #expect(partly.status == .seeOther && done.status == .seeOther)
            #expect(partly.headers[.location]?.hasPrefix(SiteURL.goal(id).path + "?done=progress") == true)
            #expect(page.contains("1 of 3 steps, 1 partly"))
            #expect(page.contains("Twice a week, any pace"))
            #expect(page.contains("For Health"))
            #expect(list.contains("Get back to running") && list.contains("1 of 3 steps, 1 partly"))
            #expect(!page.contains("%"))
            #expect(try await app.auditTrail().filter { $0.action == "goal.write" }.count == 3)
        }
    }

    @Test func aStepThatSlipsOffersASetbackReflectionSavedWithTheGoal() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let id = try await Self.create(client)
            let steps = try await Self.goal(app, id).steps
            _ = try await Self.setStep(client, id, steps[0].id, ["progress": "done"])
            // act
            let wentDown = try await Self.setStep(client, id, steps[0].id, ["progress": "partly"])
            let missed = try await Self.setStep(client, id, steps[1].id, ["missed": "1"])
            let offer = try await client.get(try #require(missed.headers[.location])).bodyText
            let saved = try await client.submit(SiteURL.goalReflection(id).path, fields: [
                "stepText": steps[1].text, "goalTitle": "Get back to running",
                "whatHappened": "I was tired after work.", "othersToo": "Lots of people skip a walk.", "friend": "Rest counts too.",
            ], formPage: SiteURL.goalReflection(id).path)
            let page = try await client.get(SiteURL.goal(id).path).bodyText
            // check
            #expect(wentDown.headers[.location] == SiteURL.goalReflection(id).path + "?step=" + steps[0].id)
            #expect(missed.headers[.location] == SiteURL.goalReflection(id).path + "?step=" + steps[1].id)
            #expect(offer.contains("A step went differently than you hoped."))
            #expect(offer.contains("Walk for ten minutes"))
            #expect(offer.contains("What would I say to a friend?"))
            #expect(offer.contains("Skip for now"))
            #expect(saved.status == .seeOther)
            let goal = try await Self.goal(app, id)
            #expect(goal.reflections.map(\.friend) == ["Rest counts too."])
            #expect(goal.reflections.first?.stepText == "Walk for ten minutes")
            #expect(goal.steps[1].missed)
            #expect(page.contains("Lots of people skip a walk."))
            #expect(page.contains("Didn&#39;t happen this time") || page.contains("Didn't happen this time"))
        }
    }

    @Test func badInputComesBackAsTypedWithTheReasonLinked() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let tooMany = (0...Goal.stepLimit).map { (id: "", text: "Step \($0) of many") }
            // act
            let noValue = try await Self.postGoal(client, to: SiteURL.goals.path, formPage: SiteURL.goalsNew.path, value: "  ",
                                                  goodEnough: "Kept <good> enough")
            let noSteps = try await Self.postGoal(client, to: SiteURL.goals.path, formPage: SiteURL.goalsNew.path, steps: [("", " ")])
            let overLadder = try await Self.postGoal(client, to: SiteURL.goals.path, formPage: SiteURL.goalsNew.path, steps: tooMany)
            let id = try await Self.create(client)
            let emptyReflection = try await client.submit(SiteURL.goalReflection(id).path, fields: ["whatHappened": " ", "goalTitle": "Run"],
                                                          formPage: SiteURL.goalReflection(id).path)
            let longReflection = try await client.submit(SiteURL.goalReflection(id).path,
                                                         fields: ["friend": String(repeating: "k", count: SetbackReflection.maximumLength + 1)],
                                                         formPage: SiteURL.goalReflection(id).path)
            let badProgress = try await Self.setStep(client, id, try await Self.goal(app, id).steps[0].id, ["progress": "perfect"])
            // check
            #expect(noValue.status == .unprocessableContent)
            #expect(noValue.bodyText.contains("href=\"#value\""))
            #expect(noValue.bodyText.contains("Kept &lt;good&gt; enough"))
            #expect(noValue.bodyText.contains("value=\"Get back to running\""))
            #expect(noSteps.status == .unprocessableContent)
            #expect(noSteps.bodyText.contains("href=\"#step-1\""))
            #expect(overLadder.status == .unprocessableContent)
            #expect(overLadder.bodyText.contains("value=\"Step \(Goal.stepLimit) of many\""))
            #expect(emptyReflection.status == .unprocessableContent)
            #expect(emptyReflection.bodyText.contains("href=\"#whatHappened\""))
            #expect(longReflection.status == .unprocessableContent)
            #expect(longReflection.bodyText.contains(String(repeating: "k", count: SetbackReflection.maximumLength + 1)))
            #expect(badProgress.status == .unprocessableContent)
            #expect(try await app.count("goals") == 1)
            #expect(try await Self.goal(app, id).reflections.isEmpty)
        }
    }

    @Test func rewritingTheLadderKeepsProgressOfTheStepsThatStay() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let id = try await Self.create(client)
            let steps = try await Self.goal(app, id).steps
            _ = try await Self.setStep(client, id, steps[1].id, ["progress": "done"])
            // act
            let changed = try await Self.postGoal(client, to: SiteURL.goal(id).path, formPage: SiteURL.goalEdit(id).path, title: "Run, gently",
                                                  steps: [(steps[1].id, "Walk for fifteen minutes"), ("", "Run to the corner")])
            // check
            #expect(changed.status == .seeOther)
            let goal = try await Self.goal(app, id)
            #expect(goal.title == "Run, gently")
            #expect(goal.steps.map(\.text) == ["Walk for fifteen minutes", "Run to the corner"])
            #expect(goal.steps.map(\.progress) == [.done, .notStarted])
            #expect(goal.steps[0].id == steps[1].id)
        }
    }

    @Test func anotherClientATherapistAndAnAdminCannotReadOrChangeIt() async throws {
        try await withApp { app in
            // setup
            let owner = try await Self.setUp(app)
            let id = try await Self.create(owner, title: "Only my goal")
            let stepID = try await Self.goal(app, id).steps[0].id
            try await app.createUser(.client, email: "other@example.org", therapist: "t@example.org")
            try await app.createUser(.admin, email: "a@example.org")
            let other = try await app.signedIn("other@example.org", address: "198.51.100.3")
            let therapist = try await app.signedIn("t@example.org", address: "198.51.100.4")
            let admin = try await app.signedIn("a@example.org", address: "198.51.100.5")
            // act + check
            #expect(try await other.get(SiteURL.goal(id).path).status == .notFound)
            #expect(try await other.get(SiteURL.goalEdit(id).path).status == .notFound)
            #expect(try await other.get(SiteURL.goalReflection(id).path).status == .notFound)
            #expect(try await Self.postGoal(other, to: SiteURL.goal(id).path, formPage: SiteURL.goalsNew.path).status == .notFound)
            #expect(try await other.submit(SiteURL.goalStep(id, step: stepID).path, fields: ["progress": "done"], formPage: SiteURL.goalsNew.path).status == .notFound)
            #expect(try await other.submit(SiteURL.goalReflection(id).path, fields: ["friend": "x"], formPage: SiteURL.goalsNew.path).status == .notFound)
            #expect(try await other.submit(SiteURL.goalSharing(id).path, fields: ["shared": "1"], formPage: SiteURL.goalsNew.path).status == .notFound)
            #expect(try await other.submit(SiteURL.goalDelete(id).path, fields: [:], formPage: SiteURL.goalsNew.path).status == .notFound)
            #expect(!(try await other.get(SiteURL.goals.path).bodyText.contains("Only my goal")))
            #expect(try await therapist.get(SiteURL.goal(id).path).status == .forbidden)
            #expect(try await admin.get(SiteURL.goals.path).status == .forbidden)
            let goal = try await Self.goal(app, id)
            #expect(goal.title == "Only my goal" && goal.steps[0].progress == .notStarted && goal.reflections.isEmpty)
            #expect(try await owner.get(SiteURL.goal(id).path).bodyText.contains("Only my goal"))
            if app.usesSQLite {
                #expect(try app.rawDatabaseBytes().range(of: Data("Only my goal".utf8)) == nil)
            }
        }
    }

    @Test func aTherapistSeesOnlyGoalsTheirOwnClientSharesAndRevokingWorksAtOnce() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let shared = try await Self.create(client, title: "Shared goal")
            _ = try await Self.create(client, title: "Private goal")
            let therapist = try await app.user("t@example.org")
            try await app.createUser(.therapist, email: "t2@example.org")
            let otherTherapist = try await app.user("t2@example.org")
            let clientID = try await app.user("c@example.org").id
            // act
            let share = try await client.submit(SiteURL.goalSharing(shared).path, fields: ["shared": "1"], formPage: SiteURL.goal(shared).path)
            let seen = try #require(try await app.services.goals.shared(clientID: clientID, therapist: therapist, address: nil))
            let notTheirs = try await app.services.goals.shared(clientID: clientID, therapist: otherTherapist, address: nil)
            _ = try await client.submit(SiteURL.goalSharing(shared).path, fields: ["shared": "0"], formPage: SiteURL.goal(shared).path)
            let afterRevoking = try #require(try await app.services.goals.shared(clientID: clientID, therapist: therapist, address: nil))
            // check
            #expect(share.status == .seeOther)
            #expect(seen.map(\.entry.title) == ["Shared goal"])
            #expect(notTheirs == nil)
            #expect(afterRevoking.isEmpty)
            #expect(try await app.auditTrail().filter { $0.action == "goal.read" && $0.outcome == "denied" }.count == 1)
            #expect(try await app.auditTrail().contains { $0.action == "goal.share" })
        }
    }

    @Test func aGoalWrittenAfterTheSessionEndedComesBackAfterSigningIn() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let token = try #require(Browser.csrfToken(in: try await client.get(SiteURL.goalsNew.path).bodyText))
            client.setCookie(app.services.cookies.sessionName, "")
            // act
            let rejected = try await client.post(SiteURL.goals.path, form: ["_csrf": token, "title": "Sleep by eleven", "value": "Rest",
                                                                            "goodEnough": "Most nights <ish>", "step": "Phone out of the bedroom"])
            let loginToken = try #require(Browser.csrfToken(in: rejected.bodyText))
            let resumed = try await client.post(SiteURL.login.path, form: [
                "_csrf": loginToken, "email": "c@example.org", "password": TestApp.password,
                "_held_path": SiteURL.goals.path, "_held.title": "Sleep by eleven", "_held.value": "Rest",
                "_held.goodEnough": "Most nights <ish>", "_held.step": "Phone out of the bedroom",
            ])
            // check
            #expect(rejected.status == .unauthorized)
            #expect(Browser.inputValue("_held.goodEnough", in: rejected.bodyText) == "Most nights &lt;ish&gt;")
            #expect(resumed.status == .ok)
            #expect(resumed.bodyText.contains("Most nights &lt;ish&gt;"))
            #expect(resumed.bodyText.contains("value=\"Phone out of the bedroom\""))
            #expect(try await app.count("goals") == 0)
        }
    }

    @Test func exportIncludesGoalsAndErasingRemovesThem() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.setUp(app)
            let id = try await Self.create(client, title: "A goal for my export")
            _ = try await client.submit(SiteURL.goalReflection(id).path, fields: ["friend": "Reflection for my export"], formPage: SiteURL.goalReflection(id).path)
            // act
            let json = try await client.get(SiteURL.accountExport.path).bodyText
            let page = try await client.get("/account/export/print").bodyText
            let erased = try await client.submit("/account/erase", fields: ["currentPassword": TestApp.password, "confirm": "erase"],
                                                 formPage: SiteURL.account.path)
            // check
            #expect(json.contains("\"goals\"") && json.contains("A goal for my export") && json.contains("Reflection for my export"))
            #expect(page.contains("A goal for my export") && page.contains("Reflection for my export"))
            #expect(erased.status == .seeOther)
            #expect(try await app.count("goals") == 0)
        }
    }

    @Test func deletingAGoalRemovesItAndItsReflections() async throws {
        try await withApp { app in
            let client = try await Self.setUp(app)
            let id = try await Self.create(client)
            let deleted = try await client.submit(SiteURL.goalDelete(id).path, fields: [:], formPage: SiteURL.goal(id).path)
            #expect(deleted.status == .seeOther)
            #expect(try await client.get(SiteURL.goal(id).path).status == .notFound)
            #expect(try await app.count("goals") == 0)
            #expect(try await app.auditTrail().contains { $0.action == "goal.delete" })
        }
    }

    @Test func progressOnEveryStepFromTwoDevicesAtOnceIsAllKept() async throws {
        try await withApp { app in
            // setup: two goals of twelve steps; every step changed at once from a phone and a
            // laptop (more requests than the pool has connections, on two rows)
            _ = try await Self.setUp(app)
            let phone = try await app.signedIn("c@example.org", address: "198.51.100.7")
            let laptop = try await app.signedIn("c@example.org", address: "198.51.100.8")
            let ladder = (1...Goal.stepLimit).map { (id: "", text: "Rung \($0)") }
            var goals: [(String, [Goal.Step])] = []
            for title in ["First", "Second"] {
                let saved = try await Self.postGoal(phone, to: SiteURL.goals.path, formPage: SiteURL.goalsNew.path, title: title, steps: ladder)
                let id = String(try #require(saved.headers[.location]?.split(separator: "?").first).dropFirst("/goals/".count))
                goals.append((id, try await Self.goal(app, id).steps))
            }
            let phoneToken = try #require(Browser.csrfToken(in: try await phone.get(SiteURL.goals.path).bodyText))
            let laptopToken = try #require(Browser.csrfToken(in: try await laptop.get(SiteURL.goals.path).bodyText))
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (id, steps) in goals {
                    for (index, step) in steps.enumerated() {
                        let (device, token) = index % 2 == 0 ? (phone, phoneToken) : (laptop, laptopToken)
                        group.addTask {
                            try await device.post(SiteURL.goalStep(id, step: step.id).path,
                                                  form: ["_csrf": token, "progress": index % 3 == 0 ? "partly" : "done"]).status
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.count == Goal.stepLimit * 2)
            #expect(statuses.allSatisfy { $0 == .seeOther })
            for (id, _) in goals {
                #expect(try await Self.goal(app, id).progressText == "8 of 12 steps, 4 partly")
            }
            #expect(try await app.services.audit.verify().ok)
        }
    }

    @Test func manyGoalsSavedAtOnceAreAllKept() async throws {
        try await withApp { app in
            // setup: more simultaneous writes than the pool has connections, from several clients
            try await app.createUser(.therapist, email: "t@example.org")
            var clients: [(Browser, String)] = []
            for index in 0..<6 {
                try await app.createUser(.client, email: "c\(index)@example.org", therapist: "t@example.org")
                let browser = try await app.signedIn("c\(index)@example.org", address: "198.51.100.\(index + 1)")
                clients.append((browser, try #require(Browser.csrfToken(in: try await browser.get(SiteURL.goalsNew.path).bodyText))))
            }
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for (index, (browser, token)) in clients.enumerated() {
                    for number in 0..<5 {
                        group.addTask {
                            try await browser.post(SiteURL.goals.path, form: ["_csrf": token, "title": "Goal \(index).\(number)", "value": "Calm",
                                                                              "step": "One small step"]).status
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.count == 30 && statuses.allSatisfy { $0 == .seeOther })
            #expect(try await app.count("goals") == 30)
            #expect(try await app.auditTrail().filter { $0.action == "goal.write" }.count == 30)
        }
    }
}
