import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing
import ToolkitCore
@testable import ToolkitServer

/// The safety plan through the web pages and the API: private by default, shared on request,
/// encrypted at rest, versioned and audited.
@Suite struct SafetyPlanRouteTests {
    /// Two therapists, each with one client.
    func practice(_ app: TestApp) async throws {
        try await app.createUser(.therapist, email: "t1@example.org")
        try await app.createUser(.therapist, email: "t2@example.org")
        try await app.createUser(.client, email: "c1@example.org", therapist: "t1@example.org")
        try await app.createUser(.client, email: "c2@example.org", therapist: "t2@example.org")
    }

    func auditActions(_ app: TestApp, subject: String) async throws -> [(action: String, outcome: String, actor: String?)] {
        struct Row: Decodable { var action: String; var outcome: String; var actorId: String? }
        return try await app.services.database.sql.select().columns("action", "outcome", "actor_id").from("audit_events")
            .where("subject_user_id", .equal, subject).orderBy("seq")
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            .map { ($0.action, $0.outcome, $0.actorId) }
    }

    @Test func aClientBuildsAPlanThatIsEncryptedAtRestAndVersioned() async throws {
        try await withApp { app in
            try await practice(app)
            let client = try await app.signedIn("c1@example.org")
            let marker = "MARKER-\(UUID().uuidString)"
            // act: save twice through the form
            let first = try await client.submit("/safety-plan/edit", fields: [
                "warningSigns": "I stop answering texts\n\(marker)", "example-copingStrategies": "Go for a short walk",
                "peopleToAsk": "Sam 07700 900123", "likelihood": "7", "whereKept": "phone"])
            #expect(first.status == .seeOther)
            _ = try await client.submit("/safety-plan/edit", fields: ["warningSigns": "Second version"])
            // check
            let page = try await client.get("/safety-plan")
            #expect(page.bodyText.contains("Second version"))
            #expect(!page.bodyText.contains(marker))
            let version1 = try await client.get("/safety-plan?version=1")
            #expect(version1.bodyText.contains(marker))
            #expect(version1.bodyText.contains("Go for a short walk"))
            #expect(try await client.get("/safety-plan/versions").bodyText.contains("Version 2"))
            let raw = try app.rawDatabaseBytes()
            #expect(raw.range(of: Data(marker.utf8)) == nil)
            #expect(raw.range(of: Data("Second version".utf8)) == nil)
        }
    }

    @Test func aRejectedPlanComesBackWithEverythingTyped() async throws {
        try await withApp { app in
            try await practice(app)
            let client = try await app.signedIn("c1@example.org")
            let long = String(repeating: "x", count: SafetyPlan.maximumEntryLength + 1)
            let response = try await client.submit("/safety-plan/edit", fields: ["warningSigns": long, "whereKept": "kept in my wallet"])
            #expect(response.status == .unprocessableContent)
            #expect(response.bodyText.contains(long))
            #expect(response.bodyText.contains("kept in my wallet"))
            #expect(try await client.get("/safety-plan").bodyText.contains("Start my safety plan"))
        }
    }

    @Test func therapistsSeeOnlyTheirOwnClientsSharedPlanAndRevokingWorksAtOnce() async throws {
        try await withApp { app in
            try await practice(app)
            let c1 = try await app.services.accounts.find(email: "c1@example.org")!
            let client = try await app.signedIn("c1@example.org")
            let therapist = try await app.signedIn("t1@example.org", address: "203.0.113.20")
            let other = try await app.signedIn("t2@example.org", address: "203.0.113.21")
            let marker = "SHARED-\(UUID().uuidString)"
            _ = try await client.submit("/safety-plan/edit", fields: ["reasonsForLiving": marker])
            let path = "/clients/\(c1.id)/safety-plan"
            // unshared: no therapist sees it, and the roster shows nothing of it
            #expect(try await therapist.get(path).status == .notFound)
            #expect(!(try await therapist.get("/clients").bodyText.contains(marker)))
            // shared: the client's own therapist only
            #expect(try await client.submit("/safety-plan/sharing", fields: ["shared": "1"], formPage: "/safety-plan").status == .seeOther)
            let shared = try await therapist.get(path)
            #expect(shared.status == .ok)
            #expect(shared.bodyText.contains(marker))
            #expect(try await other.get(path).status == .notFound)
            // revoked: gone on the very next request
            _ = try await client.submit("/safety-plan/sharing", fields: ["shared": "0"], formPage: "/safety-plan")
            let revoked = try await therapist.get(path)
            #expect(revoked.status == .notFound)
            #expect(!revoked.bodyText.contains(marker))
        }
    }

    @Test func everyReadAndWriteIsAuditedWithoutContent() async throws {
        try await withApp { app in
            try await practice(app)
            let c1 = try await app.services.accounts.find(email: "c1@example.org")!
            let t2 = try await app.services.accounts.find(email: "t2@example.org")!
            let client = try await app.signedIn("c1@example.org")
            let marker = "AUDIT-\(UUID().uuidString)"
            _ = try await client.submit("/safety-plan/edit", fields: ["warningSigns": marker])
            _ = try await client.get("/safety-plan")
            let other = try await app.signedIn("t2@example.org", address: "203.0.113.30")
            _ = try await other.get("/clients/\(c1.id)/safety-plan")
            let actions = try await auditActions(app, subject: c1.id)
            #expect(actions.contains { $0.action == "safety-plan.write" && $0.outcome == "success" })
            #expect(actions.filter { $0.action == "safety-plan.read" && $0.outcome == "success" }.count >= 2)
            #expect(actions.contains { $0.action == "safety-plan.read" && $0.outcome == "denied" && $0.actor == t2.id })
            let everything = try await app.services.database.sql.raw("SELECT * FROM audit_events").all()
            let text = everything.map { "\($0)" }.joined()
            #expect(!text.contains(marker))
            #expect(try await app.services.audit.verify().ok)
        }
    }

    @Test func theAPIReadsWritesVersionsAndShares() async throws {
        try await withApp { app in
            try await practice(app)
            let c1 = try await app.services.accounts.find(email: "c1@example.org")!
            let token = try await app.apiToken("c1@example.org")
            let therapistToken = try await app.apiToken("t1@example.org")
            let otherToken = try await app.apiToken("t2@example.org")
            func call(_ method: HTTPRequest.Method, _ path: String, _ token: String, json: String? = nil) async throws -> TestResponse {
                var headers = HTTPFields.bearer(token)
                if json != nil { headers[.contentType] = "application/json" }
                return try await app.client.executeRequest(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
            }
            #expect(try await call(.get, "/api/v1/me/safety-plan", token).status == .notFound)
            let put = try await call(.put, "/api/v1/me/safety-plan", token,
                                     json: #"{"warningSigns":["api sign"],"peopleToAsk":["Jo 0800 111"],"reflection":{"likelihood":8,"obstacles":"","whereKept":"wallet"}}"#)
            #expect(put.status == .ok)
            #expect(put.bodyText.contains("\"version\":1"))
            _ = try await call(.put, "/api/v1/me/safety-plan", token, json: #"{"warningSigns":["second"]}"#)
            let versions = try await call(.get, "/api/v1/me/safety-plan/versions", token)
            #expect(versions.bodyText.contains("\"version\":2") && versions.bodyText.contains("\"version\":1"))
            let bad = try await call(.put, "/api/v1/me/safety-plan", token, json: #"{"warningSigns":"not a list"}"#)
            #expect(bad.status == .badRequest)
            // not shared yet: the therapist gets 404
            #expect(try await call(.get, "/api/v1/clients/\(c1.id)/safety-plan", therapistToken).status == .notFound)
            #expect(try await call(.put, "/api/v1/me/safety-plan/sharing", token, json: #"{"shared":true}"#).status == .ok)
            let shared = try await call(.get, "/api/v1/clients/\(c1.id)/safety-plan", therapistToken)
            #expect(shared.status == .ok)
            #expect(shared.bodyText.contains("second"))
            #expect(try await call(.get, "/api/v1/clients/\(c1.id)/safety-plan", otherToken).status == .notFound)
            _ = try await call(.put, "/api/v1/me/safety-plan/sharing", token, json: #"{"shared":false}"#)
            #expect(try await call(.get, "/api/v1/clients/\(c1.id)/safety-plan", therapistToken).status == .notFound)
            // a therapist has no plan of their own, and no one reaches it without a token
            #expect(try await call(.get, "/api/v1/me/safety-plan", therapistToken).status == .forbidden)
            let anonymous = try await app.client.executeRequest(uri: "/api/v1/me/safety-plan", method: .get, headers: [:], body: nil)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func aKeptAPIAnswerIsAuditedEachTimeAndFollowsEveryChangeAndTheTokensLife() async throws {
        // A token lives 4 s, stored to the whole second: it stops somewhere between 3 and 4 s
        // after it was asked for.
        try await withApp(configure: { $0.apiTokenLifetime = 4 }) { app in
            // setup
            try await practice(app)
            let c1 = try await app.services.accounts.find(email: "c1@example.org")!
            let issued = Date()
            let token = try await app.apiToken("c1@example.org")
            let received = Date()
            func call(_ method: HTTPRequest.Method, _ token: String, json: String? = nil) async throws -> TestResponse {
                var headers = HTTPFields.bearer(token)
                if json != nil { headers[.contentType] = "application/json" }
                return try await app.client.executeRequest(uri: "/api/v1/me/safety-plan", method: method, headers: headers,
                                                           body: json.map { ByteBuffer(string: $0) })
            }
            func reads() async throws -> Int {
                try await app.auditTrail().filter { $0.action == "safety-plan.read" && $0.actorId == c1.id && $0.outcome == "success" }.count
            }
            let firstSave = try await call(.put, token, json: #"{"warningSigns":["first"]}"#)
            let readsBefore = try await reads()
            // act: the same answer three times, a change, and again
            let answers = [try await call(.get, token), try await call(.get, token), try await call(.get, token)]
            let change = try await call(.put, token, json: #"{"warningSigns":["second"]}"#)
            let afterChange = try await call(.get, token)
            let readsAfter = try await reads()
            // check: one read record per answer, kept or not, and the change seen at once
            // (only while the token certainly lived: a very busy machine may take longer)
            if Date().timeIntervalSince(issued) < 2.5 {
                #expect(firstSave.status == .ok && change.status == .ok)
                #expect(answers.allSatisfy { $0.status == .ok && $0.bodyText.contains("first") })
                #expect(afterChange.bodyText.contains("second") && !afterChange.bodyText.contains("first"))
                #expect(readsAfter - readsBefore == 4)
            }
            // act: the token expires while its answer is kept (no write in between)
            try await Task.sleep(for: .seconds(max(0, 4.5 - Date().timeIntervalSince(received))))
            // check
            #expect(try await call(.get, token).status == .unauthorized)
            // and a revoked token stops at once
            let secondAskedFor = Date()
            let second = try await app.apiToken("c1@example.org")
            let beforeRevoking = try await call(.get, second).status
            if Date().timeIntervalSince(secondAskedFor) < 2.5 { #expect(beforeRevoking == .ok) }
            try await app.services.apiTokens.revoke(token: second)
            #expect(try await call(.get, second).status == .unauthorized)
        }
    }

    @Test func theStrugglingFlowKeepsRatingsPrivateAndSealed() async throws {
        try await withApp { app in
            try await practice(app)
            let client = try await app.signedIn("c1@example.org")
            let start = try await client.submit("/struggling", fields: ["rating": "8"])
            #expect(start.status == .seeOther)
            let flowPath = try #require(start.headers[.location])
            let flow = try await client.get(flowPath)
            #expect(flow.bodyText.contains("Ground yourself"))
            let done = try await client.submit(flowPath, fields: ["rating": "5"])
            #expect(done.status == .seeOther)
            let history = try await client.get("/struggling/history?done=1")
            #expect(history.bodyText.contains("You started at 8 out of 10 and you're at 5 now."))
            // another client can't finish or see it
            let other = try await app.signedIn("c2@example.org", address: "203.0.113.40")
            #expect(try await other.submit(flowPath, fields: ["rating": "1"], formPage: "/struggling").status == .notFound)
            #expect(!(try await other.get("/struggling/history").bodyText.contains("before 8")))
            // therapists don't get the flow at all
            let therapist = try await app.signedIn("t1@example.org", address: "203.0.113.41")
            #expect(try await therapist.get("/struggling").status == .forbidden)
            let rows = try await app.services.database.sql.raw("SELECT content FROM distress_check_ins").all()
            #expect(rows.count == 1)
            #expect(try rows[0].decode(column: "content", as: String.self).hasPrefix("v1:"))
        }
    }

    @Test func printAndWalletCardShowThePlanWithoutNavigation() async throws {
        try await withApp { app in
            try await practice(app)
            let client = try await app.signedIn("c1@example.org")
            _ = try await client.submit("/safety-plan/edit", fields: ["warningSigns": "Card sign", "peopleToAsk": "Sam 07700 900123"])
            let page = try await client.get("/safety-plan")
            #expect(page.bodyText.contains("href=\"tel:07700900123\""))
            for path in ["/safety-plan/print", "/safety-plan/card"] {
                let printed = try await client.get(path)
                #expect(printed.bodyText.contains("Card sign"), "\(path)")
                #expect(!printed.bodyText.contains("class=\"site-header\""), "\(path)")
            }
        }
    }
}
