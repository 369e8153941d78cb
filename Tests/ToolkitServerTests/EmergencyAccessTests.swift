import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Break-glass access (checklist item 4): an administrator reads a client's safety plan only
/// with a reason, only for the time chosen, always audited; the client is told and sees it on
/// Who saw my data, and the therapist sees a flag.
@Suite struct EmergencyAccessTests {
    static func setUp(_ app: TestApp, clock: TestClock) async throws -> (admin: Browser, client: Browser, clientID: String) {
        try await app.createUser(.admin, email: "a@example.org", name: "Ada Admin")
        try await app.createUser(.therapist, email: "t@example.org")
        try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
        let client = try await app.signedIn("c@example.org", address: "198.51.100.7")
        let token = try await app.apiToken("c@example.org")
        #expect(try await ConcurrencyTests.call(app, .put, "/api/v1/me/safety-plan", token: token,
                                                json: ConcurrencyTests.planJSON("EMERGENCY-PLAN-MARKER")).status == .ok)
        return (try await app.signedIn("a@example.org"), client, try await app.user("c@example.org").id)
    }

    @Test func aReasonOpensThePlanForTheChosenTimeAndEveryReadIsRecorded() async throws {
        let clock = TestClock()
        try await withApp(configure: { $0.clock = clock.now }) { app in
            // setup
            let (admin, client, clientID) = try await Self.setUp(app, clock: clock)
            let path = SiteURL.adminEmergency(clientID).path
            // before: the form, no plan
            let before = try await admin.get(path).bodyText
            #expect(before.contains("Open emergency access") && !before.contains("EMERGENCY-PLAN-MARKER"))
            // refused without a reason, and with a time not offered
            let noReason = try await admin.submit(path, fields: ["reason": "urgent", "minutes": "30"])
            #expect(noReason.status == .unprocessableContent)
            #expect(noReason.bodyText.contains("Please give the reason in a sentence"))
            #expect(try await admin.submit(path, fields: ["reason": "Client said they were at risk; therapist on leave.", "minutes": "600"]).status
                    == .unprocessableContent)
            #expect(try await app.count("emergency_access") == 0)
            // act: open for 15 minutes
            let opened = try await admin.submit(path, fields: ["reason": "Client said they were at risk; therapist on leave.", "minutes": "15"])
            #expect(opened.status == .seeOther)
            let page = try await admin.get(path)
            // check: the plan, the reason, no caching, and the read on the trail with the admin as actor
            #expect(page.bodyText.contains("EMERGENCY-PLAN-MARKER"))
            #expect(page.headers[.cacheControl] == "no-store")
            let trail = try await app.auditTrail()
            let adminID = try await app.user("a@example.org").id
            #expect(trail.contains { $0.action == "emergency-access.open" && $0.actorId == adminID && $0.subjectUserId == clientID
                && ($0.detail ?? "").contains("therapist on leave") })
            #expect(trail.contains { $0.action == "safety-plan.read" && $0.actorId == adminID && $0.subjectUserId == clientID })
            // the client is told once, and sees it on Who saw my data
            let today = try await client.get(SiteURL.today.path).bodyText
            #expect(today.contains("Ada Admin, an administrator, opened your safety plan through emergency access"))
            let access = try await client.get(SiteURL.accountAccess.path).bodyText
            #expect(access.contains("Ada Admin"))
            // the therapist sees a flag on the roster
            let roster = try await app.signedIn("t@example.org").get(SiteURL.clients.path).bodyText
            #expect(roster.contains("Emergency access by an administrator on"))
            // act: time passes; the window closes by itself
            clock.advance(by: 16 * 60)
            let after = try await admin.get(path).bodyText
            #expect(!after.contains("EMERGENCY-PLAN-MARKER"))
            #expect(after.contains("Open emergency access"))
        }
    }

    @Test func closingEarlyEndsAccessAndOnlyAdministratorsReachClientsThisWay() async throws {
        let clock = TestClock()
        try await withApp(configure: { $0.clock = clock.now }) { app in
            // setup
            let (admin, client, clientID) = try await Self.setUp(app, clock: clock)
            let path = SiteURL.adminEmergency(clientID).path
            _ = try await admin.submit(path, fields: ["reason": "Client said they were at risk; therapist on leave.", "minutes": "60"])
            #expect(try await admin.get(path).bodyText.contains("EMERGENCY-PLAN-MARKER"))
            // act: close now
            let closed = try await admin.submit(SiteURL.adminEmergencyEnd(clientID).path, fields: [:], formPage: path)
            // check
            #expect(closed.status == .seeOther)
            #expect(!(try await admin.get(path).bodyText.contains("EMERGENCY-PLAN-MARKER")))
            #expect(try await app.auditTrail().contains { $0.action == "emergency-access.end" })
            // nobody else: the therapist, the client, a signed-out visitor, a forged form
            let therapist = try await app.signedIn("t@example.org")
            #expect(try await therapist.get(path).status == .forbidden)
            #expect(try await client.get(path).status == .forbidden)
            #expect(try await app.browser().get(path).status == .unauthorized)
            let forged = try await admin.post(path, form: ["_csrf": "forged", "reason": "Client said they were at risk; therapist on leave.", "minutes": "15"])
            #expect(forged.status == .forbidden)
            // only clients' accounts: a therapist's or an unknown id is not found
            let therapistID = try await app.user("t@example.org").id
            #expect(try await admin.get(SiteURL.adminEmergency(therapistID).path).status == .notFound)
            #expect(try await admin.get(SiteURL.adminEmergency("no-such-user").path).status == .notFound)
            #expect(try await app.count("emergency_access") == 1)
        }
    }

    @Test func manyAdministratorsOpeningAtOnceAllGetAnAnswer() async throws {
        try await withApp { app in
            // setup
            let clock = TestClock()
            let (admin, _, clientID) = try await Self.setUp(app, clock: clock)
            let path = SiteURL.adminEmergency(clientID).path
            let csrf = try #require(Browser.csrfToken(in: try await admin.get(path).bodyText))
            // act: 24 opens and reads at once
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        index % 2 == 0
                            ? try await admin.post(path, form: ["_csrf": csrf, "reason": "Client said they were at risk; therapist on leave.", "minutes": "15"]).status
                            : try await admin.get(path).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check: no errors; at most a window or a few, each audited
            #expect(statuses.allSatisfy { $0 == .seeOther || $0 == .ok })
            let windows = try await app.count("emergency_access")
            #expect(windows >= 1)
            #expect(try await app.auditTrail().filter { $0.action == "emergency-access.open" }.count == windows)
        }
    }
}
