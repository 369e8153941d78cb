import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing
import ToolkitCore
@testable import ToolkitServer

/// On PostgreSQL a GET from a session or token in use is answered under a claim on the latest
/// content generation the process has seen (see `GenerationClaim`). A write by another app
/// process must still take effect at once, nothing may be written or recorded on the strength of
/// a claim that no longer holds, and every read served is recorded exactly once.
/// (SQLite has one server process, whose generation is read without waiting: no claims.)
@Suite(.enabled(if: !(ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").isEmpty))
struct GenerationClaimTests {
    /// A client with a saved plan, read twice, so their token and the answer are kept.
    private static func clientReadingTheirPlan(_ app: TestApp) async throws -> (client: User, token: String) {
        try await app.createUser(.therapist, email: "t@example.org")
        let client = try await app.createUser(.client, email: "claim@example.org", therapist: "t@example.org")
        let token = try await app.apiToken("claim@example.org")
        #expect(try await ConcurrencyTests.call(app, .put, "/api/v1/me/safety-plan", token: token, json: ConcurrencyTests.planJSON("kept")).status == .ok)
        for _ in 0..<2 {
            #expect(try await ConcurrencyTests.call(app, .get, "/api/v1/me/safety-plan", token: token).status == .ok)
        }
        return (client, token)
    }

    private static func planReads(_ app: TestApp, by client: User) async throws -> Int {
        try await app.auditTrail().filter { $0.action == "safety-plan.read" && $0.actorId == client.id }.count
    }

    @Test func aTokenRevokedByAnotherProcessIsRefusedAtOnceAndNoReadIsRecordedForIt() async throws {
        try await withApp { app in
            // setup
            let (client, token) = try await Self.clientReadingTheirPlan(app)
            let readsBefore = try await Self.planReads(app, by: client)
            // act: another app process on the same database revokes the token
            try await withAppOnExistingStorage(app.services.configuration) { other in
                try await other.services.apiTokens.revoke(token: token)
            }
            let response = try await ConcurrencyTests.call(app, .get, "/api/v1/me/safety-plan", token: token)
            // check
            #expect(response.status == .unauthorized)
            #expect(!response.bodyText.contains("kept"))
            #expect(try await Self.planReads(app, by: client) == readsBefore)
            #expect(try await app.services.audit.verify().ok)
        }
    }

    @Test func aSessionEndedByAnotherProcessNoLongerShowsItsPage() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "claim@example.org", therapist: "t@example.org")
            let browser = try await app.signedIn("claim@example.org")
            for _ in 0..<2 { #expect(try await browser.get(SiteURL.today.path).status == .ok) }
            let idHash = Randomness.sha256Hex(try #require(app.sessionToken(of: browser)))
            // act: another app process ends the session
            try await withAppOnExistingStorage(app.services.configuration) { other in
                try await other.services.sessions.end(idHash: idHash)
            }
            let response = try await browser.get(SiteURL.today.path)
            // check: asked to sign in, not shown the kept page
            #expect(response.status == .unauthorized)
            #expect(response.bodyText.contains("Please sign in"))
            #expect(!response.bodyText.contains("Sign out"))
        }
    }

    @Test func aReadAnsweredAgainAfterAnotherProcessWroteIsRecordedOnce() async throws {
        try await withApp { app in
            // setup
            let (client, token) = try await Self.clientReadingTheirPlan(app)
            let readsBefore = try await Self.planReads(app, by: client)
            // act: another process writes something unrelated, so the claimed generation is outdated
            try await withAppOnExistingStorage(app.services.configuration) { other in
                try await other.services.database.sql.update("users").set("name", to: "Someone Else")
                    .where("email", .equal, "nobody@example.org").run()
            }
            let response = try await ConcurrencyTests.call(app, .get, "/api/v1/me/safety-plan", token: token)
            let again = try await ConcurrencyTests.call(app, .get, "/api/v1/me/safety-plan", token: token)
            // check: both served, each recorded exactly once, on one unbroken chain
            #expect(response.status == .ok)
            #expect(again.status == .ok)
            #expect(response.bodyText.contains("kept"))
            #expect(try await Self.planReads(app, by: client) == readsBefore + 2)
            #expect(try await app.services.audit.verify().ok)
        }
    }

    @Test func nothingIsWrittenOrRecordedUnderAClaimTheGenerationNoLongerBearsOut() async throws {
        try await withApp { app in
            // setup: a claim on the generation as read, then another process moves it on
            let database = app.services.database
            _ = try #require(await database.contentGeneration())
            let outdated = try #require(database.generationClaim())
            try await withAppOnExistingStorage(app.services.configuration) { other in
                try await other.services.database.sql.update("users").set("name", to: "Someone Else")
                    .where("email", .equal, "nobody@example.org").run()
            }
            let trailBefore = try await app.auditTrail().count
            // act
            let rename = { @Sendable (db: any SQLDatabase) async throws in
                try await db.update("users").set("name", to: "Renamed").where("email", .equal, "nobody@example.org").run()
            }
            let refusals = await GenerationClaim.$current.withValue(outdated) {
                [
                    await Self.refusedBecauseMoved { try await database.transaction { try await rename($0) } },
                    await Self.refusedBecauseMoved { try await rename(database.sql) },
                    await Self.refusedBecauseMoved { try await app.services.audit.append(AuditEvent(action: "test.read")) },
                ]
            }
            let trailAfterRefusals = try await app.auditTrail().count
            _ = await database.contentGeneration()
            let current = try #require(database.generationClaim())
            try await GenerationClaim.$current.withValue(current) {
                try await app.services.audit.append(AuditEvent(action: "test.read"))
            }
            // check: all three refused with nothing written; under a current claim the record goes in and confirms it
            #expect(refusals == [true, true, true])
            #expect(!outdated.isConfirmed)
            #expect(trailAfterRefusals == trailBefore)
            #expect(try await app.auditTrail().count == trailBefore + 1)
            #expect(current.isConfirmed)
            #expect(try await app.services.audit.verify().ok)
        }
    }

    private static func refusedBecauseMoved(_ work: @Sendable () async throws -> Void) async -> Bool {
        do {
            try await work()
            return false
        } catch {
            return error is GenerationMoved
        }
    }

    @Test func readsAndWritesAtOnceAreAllServedAndEachReadRecordedOnce() async throws {
        try await withApp { app in
            // setup
            let (client, token) = try await Self.clientReadingTheirPlan(app)
            let readsBefore = try await Self.planReads(app, by: client)
            // act: more requests than the pool has connections, a save among every four reads
            let statuses = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                for index in 0..<ConcurrencyTests.simultaneous {
                    group.addTask {
                        if index % 5 == 4 {
                            return ("save", try await ConcurrencyTests.call(app, .put, "/api/v1/me/safety-plan", token: token,
                                                                            json: ConcurrencyTests.planJSON("save \(index)")).status.code)
                        }
                        return ("read", try await ConcurrencyTests.call(app, .get, "/api/v1/me/safety-plan", token: token).status.code)
                    }
                }
                return try await group.reduce(into: [(String, Int)]()) { $0.append($1) }
            }
            // check
            let reads = statuses.filter { $0.0 == "read" }
            let refused = statuses.filter { $0.1 != 200 }
            #expect(statuses.count == ConcurrencyTests.simultaneous)
            #expect(refused.isEmpty, "\(refused)")
            #expect(try await Self.planReads(app, by: client) == readsBefore + reads.count)
            #expect(try await app.services.audit.verify().ok)
        }
    }
}
