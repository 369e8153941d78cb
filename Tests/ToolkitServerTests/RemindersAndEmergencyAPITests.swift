import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// The API for what the workspace offers on its pages: a client's reminder feed, and an
/// administrator's emergency access to a client's safety plan, with the same rules as the pages.
@Suite struct RemindersAndEmergencyAPITests {
    static func call(_ app: TestApp, _ method: HTTPRequest.Method, _ path: String, token: String, json: String? = nil) async throws -> TestResponse {
        try await ConcurrencyTests.call(app, method, path, token: token, json: json)
    }

    @Test func aClientTurnsRemindersOnChangesThemAndTurnsThemOff() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let token = try await app.apiToken("c@example.org")
            let therapistToken = try await app.apiToken("t@example.org")
            // act: read while off, turn on, change without a new address
            let off = try ClientSpaceAPITests.object(try await Self.call(app, .get, "/api/v1/me/reminders", token: token))
            let on = try await Self.call(app, .put, "/api/v1/me/reminders", token: token, json: #"{"time":"07:30","weekdays":[1,3]}"#)
            let onBody = try ClientSpaceAPITests.object(on)
            let changed = try ClientSpaceAPITests.object(try await Self.call(app, .put, "/api/v1/me/reminders", token: token,
                                                                            json: #"{"time":"08:15","weekdays":[2]}"#))
            // check
            #expect(off["enabled"] as? Bool == false && off["address"] == nil)
            #expect(on.status == .ok && onBody["enabled"] as? Bool == true && onBody["time"] as? String == "07:30")
            let address = try #require(onBody["address"] as? String)
            let path = String(address[try #require(address.range(of: "/calendar/"))!.lowerBound...])
            let calendar = try await app.client.executeRequest(uri: path, method: .get, headers: [:], body: nil)
            #expect(calendar.status == .ok && calendar.bodyText.contains("BEGIN:VCALENDAR") && calendar.bodyText.contains("Practice time"))
            #expect(changed["address"] == nil && changed["time"] as? String == "08:15" && changed["weekdays"] as? [Int] == [2])
            // bad input, extra properties and other roles are refused with a sentence
            #expect(try await Self.call(app, .put, "/api/v1/me/reminders", token: token, json: #"{"time":"25:00","weekdays":[1]}"#).status == .unprocessableContent)
            #expect(try await Self.call(app, .put, "/api/v1/me/reminders", token: token, json: #"{"time":"07:00","weekdays":[]}"#).status == .unprocessableContent)
            #expect(try await Self.call(app, .put, "/api/v1/me/reminders", token: token, json: #"{"time":"07:00","weekdays":[1],"text":"x"}"#).status == .badRequest)
            #expect(try await Self.call(app, .get, "/api/v1/me/reminders", token: therapistToken).status == .forbidden)
            // act: off
            #expect(try await Self.call(app, .delete, "/api/v1/me/reminders", token: token).status == .noContent)
            // check: the address stops working
            #expect(try await app.client.executeRequest(uri: path, method: .get, headers: [:], body: nil).status == .notFound)
            #expect(try await app.auditTrail().filter { $0.action.hasPrefix("calendar-feed") }.count >= 3)
        }
    }

    @Test func anAdministratorOpensReadsAndClosesEmergencyAccessOverTheAPI() async throws {
        try await withApp { app in
            // setup: a client with a plan, their therapist, an administrator
            try await app.createUser(.therapist, email: "t@example.org")
            let client = try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            try await app.createUser(.admin, email: "a@example.org")
            let clientToken = try await app.apiToken("c@example.org")
            #expect(try await Self.call(app, .put, "/api/v1/me/safety-plan", token: clientToken, json: ConcurrencyTests.planJSON("walk the dog")).status == .ok)
            let admin = try await app.apiToken("a@example.org")
            let therapist = try await app.apiToken("t@example.org")
            let base = "/api/v1/admin/clients/\(client.id)/emergency-access"
            // act and check: nothing is readable before a window is open, and a thin reason is refused
            #expect(try await Self.call(app, .get, base + "/safety-plan", token: admin).status == .forbidden)
            #expect(try await Self.call(app, .get, base, token: admin).status == .notFound)
            #expect(try await Self.call(app, .post, base, token: admin, json: #"{"reason":"because","minutes":15}"#).status == .unprocessableContent)
            #expect(try await Self.call(app, .post, base, token: admin, json: #"{"reason":"The client called in distress and asked us to check.","minutes":45}"#).status == .unprocessableContent)
            // act: open, open again, read
            let opened = try await Self.call(app, .post, base, token: admin, json: #"{"reason":"The client called in distress and asked us to check.","minutes":15}"#)
            let again = try await Self.call(app, .post, base, token: admin, json: #"{"reason":"A second reason that is long enough.","minutes":30}"#)
            let plan = try await Self.call(app, .get, base + "/safety-plan", token: admin)
            // check
            #expect(opened.status == .created)
            #expect(again.status == .ok)
            #expect(try ClientSpaceAPITests.object(again)["id"] as? String == (try ClientSpaceAPITests.object(opened)["id"] as? String))
            #expect(plan.status == .ok && plan.bodyText.contains("walk the dog"))
            let trail = try await app.auditTrail()
            #expect(trail.contains { $0.action == "safety-plan.read" && $0.subjectUserId == client.id && ($0.detail ?? "").hasPrefix("emergency-access=") })
            // nobody but an administrator, and only for a client
            #expect(try await Self.call(app, .post, base, token: therapist, json: #"{"reason":"The client called in distress today.","minutes":15}"#).status == .forbidden)
            #expect(try await Self.call(app, .get, base + "/safety-plan", token: clientToken).status == .forbidden)
            let therapistID = try await app.user("t@example.org").id
            #expect(try await Self.call(app, .get, "/api/v1/admin/clients/\(therapistID)/emergency-access/safety-plan", token: admin).status == .notFound)
            // act: close
            #expect(try await Self.call(app, .delete, base, token: admin).status == .noContent)
            #expect(try await Self.call(app, .get, base + "/safety-plan", token: admin).status == .forbidden)
        }
    }
}
