import Foundation
import NIOConcurrencyHelpers
import SQLKit
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Checklist 21 (who did what, when, with what outcome, and no content) and 22 (append-only,
/// hash-chained, and no content served without its audit record).
@Suite struct AuditTests {
    @Test func signInsSucceededAndFailedAreRecorded() async throws {
        try await withApp { app in
            // setup
            let therapist = try await app.createUser(.therapist, email: "t@example.org")
            let start = Int64(Date().timeIntervalSince1970 * 1000)
            // act
            _ = try await app.signedIn("t@example.org", address: "192.0.2.1")
            _ = try await app.browser(address: "198.51.100.2").submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": "wrong words"])
            // check
            let logins = try await app.auditTrail().filter { $0.action == "login" }
            #expect(logins.count == 2)
            let success = try #require(logins.first { $0.outcome == "success" })
            #expect(success.actorId == therapist.id)
            #expect(success.actorRole == "therapist")
            #expect(success.address == "192.0.2.1")
            #expect(success.at >= start && success.at <= Int64(Date().timeIntervalSince1970 * 1000))
            let failure = try #require(logins.first { $0.outcome == "failure" })
            #expect(failure.address == "198.51.100.2")
            #expect(failure.actorId == nil)
            for record in try await app.auditTrail() {
                #expect(![record.detail, record.targetId, record.address].contains("wrong words"))
            }
        }
    }

    @Test func aThrottledSignInIsRecordedAsDenied() async throws {
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            let browser = app.browser()
            for _ in 0..<6 {
                _ = try await browser.submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": "wrong words"])
            }
            let denied = try await app.auditTrail().filter { $0.action == "login" && $0.outcome == "denied" }
            #expect(denied.count == 1)
        }
    }

    @Test func readsWritesAndDeniedReadsOfAPlanAreRecordedWithoutContent() async throws {
        try await withApp { app in
            // setup
            let therapistA = try await app.createUser(.therapist, email: "ta@example.org")
            let therapistB = try await app.createUser(.therapist, email: "tb@example.org")
            let client = try await app.createUser(.client, email: "c@example.org", therapist: "ta@example.org")
            let marker = "AUDIT-MARKER-\(UUID().uuidString)"
            var plan = SafetyPlan()
            plan.warningSigns = [marker]
            let plans = app.services.safetyPlans
            // act
            _ = try await plans.save(plan, for: client, address: "192.0.2.5")
            _ = try await plans.load(for: client, address: "192.0.2.5")
            _ = try await plans.setShared(true, for: client, address: "192.0.2.5")
            let denied = try await plans.loadShared(clientID: client.id, therapist: therapistB, address: "198.51.100.9")
            let allowed = try await plans.loadShared(clientID: client.id, therapist: therapistA, address: "192.0.2.6")
            // check
            #expect(denied == nil)
            #expect(allowed?.plan.plan == plan)
            let trail = try await app.auditTrail()
            let write = try #require(trail.first { $0.action == "safety-plan.write" })
            #expect(write.actorId == client.id && write.subjectUserId == client.id && write.outcome == "success")
            #expect(trail.contains { $0.action == "safety-plan.read" && $0.actorId == client.id && $0.outcome == "success" })
            #expect(trail.contains { $0.action == "safety-plan.share" && $0.actorId == client.id })
            let refused = try #require(trail.first { $0.action == "safety-plan.read" && $0.actorId == therapistB.id })
            #expect(refused.outcome == "denied")
            #expect(refused.targetId == client.id)
            #expect(refused.address == "198.51.100.9")
            #expect(trail.contains { $0.action == "safety-plan.read" && $0.actorId == therapistA.id && $0.outcome == "success" })
            let everything = trail.map { [$0.action, $0.detail ?? "", $0.targetId ?? "", $0.targetType ?? "", $0.address ?? ""].joined() }.joined()
            #expect(!everything.contains(marker))
        }
    }

    @Test func anIntactChainVerifies() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            try await app.createUser(.therapist, email: "t@example.org")
            _ = try await app.signedIn("t@example.org")
            _ = try await app.browser().submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": "nope nope"])
            // act
            let result = try await app.services.verifyAuditTrail()
            // check
            #expect(result.firstBrokenSeq == nil)
            #expect(result.count == (try await app.count("audit_events")))
            #expect(result.count >= 4)
            let trail = try await app.auditTrail()
            #expect(trail.first?.prevHash == AuditLog.genesisHash)
            for (earlier, later) in zip(trail, trail.dropFirst()) { #expect(later.prevHash == earlier.hash) }
        }
    }

    @Test func hashesAreWrittenAsLowerCaseHexOfSHA256() {
        // Stored token hashes and the audit chain depend on this exact form (FIPS 180-2 test vector).
        #expect(Randomness.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Randomness.hex([0x00, 0x0f, 0xf0, 0xff]) == "000ff0ff")
    }

    /// A client, and what concurrent requests append together: a read of their plan (no detail),
    /// their API sign-in (a detail) and a refused attempt by nobody known (no actor).
    static func mixedEvents(_ app: TestApp) async throws -> (client: User, events: [AuditEvent]) {
        try await app.createUser(.therapist, email: "t@example.org")
        let client = try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
        return (client, [
            AuditEvent(actorID: client.id, actorRole: client.role, action: "safety-plan.read", targetType: "safety-plan",
                       targetID: client.id, subjectUserID: client.id, address: "192.0.2.1"),
            AuditEvent(actorID: client.id, actorRole: client.role, action: "login", subjectUserID: client.id,
                       address: "192.0.2.2", detail: "api"),
            AuditEvent(action: "login", outcome: .failure, address: "192.0.2.3"),
        ])
    }

    @Test func oneGroupCommitTakesRecordsWithDifferentEmptyFields() async throws {
        try await withApp { app in
            // setup
            let (_, events) = try await Self.mixedEvents(app)
            let before = try await app.count("audit_events")
            // act: the batch a group commit writes, in one transaction
            let kind = app.services.database.kind
            _ = try await app.services.database.transaction { db in try await AuditLog.append(events, on: db, kind: kind) }
            // check: all three, in order, on one unbroken chain
            #expect(try await app.count("audit_events") == before + 3)
            let trail = try await app.auditTrail().suffix(3)
            #expect(trail.map(\.action) == ["safety-plan.read", "login", "login"])
            #expect(try await app.services.verifyAuditTrail().firstBrokenSeq == nil)
        }
    }

    @Test func theOneStatementAppendKeepsEveryFieldEmptyFieldsAsNullAndExtendsTheChain() async throws {
        try await withApp { app in
            // setup
            let (client, events) = try await Self.mixedEvents(app)
            let tip = try #require(try await app.auditTrail().last.map { AuditLog.ChainLink(seq: $0.seq, hash: $0.hash) })
            // act: the append a group commit makes onto the link the last batch left
            let link = try await app.services.database.withAuditAppends { appendAfter in
                try? await appendAfter(events, tip, nil)
            }
            // check: both records as given, NULL where a field was empty, on one unbroken chain
            let trail = try await app.auditTrail()
            let appended = Array(trail.suffix(3))
            #expect(link == trail.last.map { AuditLog.ChainLink(seq: $0.seq, hash: $0.hash) })
            #expect(appended.map(\.seq) == [tip.seq + 1, tip.seq + 2, tip.seq + 3])
            #expect(appended.first?.prevHash == tip.hash)
            #expect(appended.map(\.actorId) == [client.id, client.id, nil])
            #expect(appended.map(\.actorRole) == [client.role, client.role, nil])
            #expect(appended.map(\.action) == ["safety-plan.read", "login", "login"])
            #expect(appended.map(\.targetType) == ["safety-plan", nil, nil])
            #expect(appended.map(\.targetId) == [client.id, nil, nil])
            #expect(appended.map(\.subjectUserId) == [client.id, client.id, nil])
            #expect(appended.map(\.outcome) == ["success", "success", "failure"])
            #expect(appended.map(\.address) == ["192.0.2.1", "192.0.2.2", "192.0.2.3"])
            #expect(appended.map(\.detail) == [nil, "api", nil])
            #expect(try await app.services.verifyAuditTrail().firstBrokenSeq == nil)
        }
    }

    @Test func theDatabaseRefusesToChangeOrRemoveARecord() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            _ = try await app.browser().submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": "nope nope"])
            let sql = app.services.database.sql
            let before = try await app.auditTrail()
            // act + check
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_events SET outcome = 'success' WHERE outcome = 'failure'").run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("UPDATE audit_events SET address = \(bind: "10.0.0.1")").run()
            }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_events").run() }
            await #expect(throws: (any Error).self) {
                try await sql.raw("DELETE FROM audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)").run()
            }
            let after = try await app.auditTrail()
            #expect(after.map(\.hash) == before.map(\.hash))
            #expect(after.map(\.outcome) == before.map(\.outcome))
            #expect(try await app.services.verifyAuditTrail().firstBrokenSeq == nil)
        }
    }

    @Test func aForgedRecordBreaksTheChainWhereItWasAdded() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            _ = try await app.signedIn("t@example.org")
            let trail = try await app.auditTrail()
            let tip = try #require(trail.last)
            // act: a row that claims the right place in the chain, with a made-up hash
            let forged = AuditRecord(seq: tip.seq + 1, at: tip.at + 1, actorId: nil, actorRole: nil, action: "login",
                                     targetType: nil, targetId: nil, subjectUserId: nil, outcome: "success",
                                     address: "10.9.9.9", detail: nil, prevHash: tip.hash, hash: String(repeating: "a", count: 64))
            try await app.services.database.sql.insert(into: "audit_events").model(forged, keyEncodingStrategy: .convertToSnakeCase).run()
            // check
            let result = try await app.services.verifyAuditTrail()
            #expect(result.firstBrokenSeq == forged.seq)
            #expect(result.count == trail.count)
        }
    }

    @Test func aRecordWithABrokenLinkIsFound() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let tip = try #require(try await app.auditTrail().last)
            // act: a row with a self-consistent hash that doesn't link to the one before
            var forged = AuditRecord(seq: tip.seq + 1, at: tip.at + 1, actorId: nil, actorRole: nil, action: "account.enable",
                                     targetType: nil, targetId: nil, subjectUserId: nil, outcome: "success",
                                     address: nil, detail: nil, prevHash: AuditLog.genesisHash, hash: "")
            forged.hash = forged.computedHash()
            try await app.services.database.sql.insert(into: "audit_events").model(forged, keyEncodingStrategy: .convertToSnakeCase).run()
            // check
            #expect(try await app.services.verifyAuditTrail().firstBrokenSeq == forged.seq)
        }
    }

    @Test func withoutAnAuditRecordNothingIsServed() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let client = try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            var plan = SafetyPlan()
            plan.warningSigns = ["kept private"]
            _ = try await app.services.safetyPlans.save(plan, for: client, address: nil)
            _ = try await app.services.safetyPlans.setShared(true, for: client, address: nil)
            let therapist = try await app.user("t@example.org")
            // act
            try await app.services.database.sql.raw("DROP TABLE audit_events").run()
            // check
            await #expect(throws: (any Error).self) { try await app.services.safetyPlans.load(for: client, address: nil) }
            await #expect(throws: (any Error).self) {
                try await app.services.safetyPlans.loadShared(clientID: client.id, therapist: therapist, address: nil)
            }
            // A write that can't be audited isn't kept either.
            plan.warningSigns = ["second version"]
            await #expect(throws: (any Error).self) { try await app.services.safetyPlans.save(plan, for: client, address: nil) }
            let versions = try await app.count("safety_plan_versions")
            #expect(versions == 1)
        }
    }

    @Test func aSignInThatCannotBeAuditedDoesNotHappen() async throws {
        try await withApp(logs: LogCapture()) { app in
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.services.database.sql.raw("DROP TABLE audit_events").run()
            let browser = app.browser()
            let response = try await browser.submit(SiteURL.login.path, fields: ["email": "t@example.org", "password": TestApp.password])
            #expect(response.status == .internalServerError)
            #expect(try await browser.get(SiteURL.account.path).status == .unauthorized)
        }
    }

    @Test func anAppInAnotherSchemaKeepsItsOwnTrailWithoutWaitingForThisOne() async throws {
        try await withApp { first in
            guard !first.usesSQLite else { return }  // SQLite: one database file, one writer, per app
            try await withApp { second in
                // setup: a transaction of the first app holds its trail's lock
                let event = AuditEvent(action: "test.hold", detail: "held")
                // act: meanwhile the second app, in its own schema, appends to its own trail
                let appending = NIOLockedValueBox<Task<Void, any Error>?>(nil)
                let appended = try await first.services.database.transaction { db in
                    try await AuditLog.append([event], on: db, kind: .postgresql)
                    appending.withLockedValue { $0 = Task { try await second.services.audit.append(AuditEvent(action: "test.other")) } }
                    for _ in 0..<300 {
                        if try await second.auditTrail().contains(where: { $0.action == "test.other" }) { return true }
                        try await Task.sleep(for: .milliseconds(100))
                    }
                    return false
                }
                try await appending.withLockedValue { $0 }?.value
                // check: it didn't wait for the other schema's lock, and each trail is whole
                #expect(appended)
                #expect(try await second.auditTrail().contains { $0.action == "test.other" })
                #expect(try await first.auditTrail().contains { $0.action == "test.hold" })
                #expect(try await first.services.audit.verify().ok)
            }
        }
    }

    @Test func batchesAroundRolledBackAndCommittedAppendsMakeOneChain() async throws {
        try await withApp { app in
            // setup: a batch on its own; the next one may chain onto what the first left
            let audit = app.services.audit
            try await audit.append(AuditEvent(action: "test.first"))
            try await audit.append(AuditEvent(action: "test.second"))
            // act: an append inside a transaction that rolls back, a batch, an append inside a
            // transaction that commits, a batch
            struct Abandoned: Error {}
            let kind = app.services.database.kind
            await #expect(throws: Abandoned.self) {
                try await app.services.database.transaction { db in
                    try await AuditLog.append([AuditEvent(action: "test.rolled-back")], on: db, kind: kind)
                    throw Abandoned()
                }
            }
            try await audit.append(AuditEvent(action: "test.third"))
            _ = try await app.services.database.transaction { db in
                try await AuditLog.append([AuditEvent(action: "test.in-transaction")], on: db, kind: kind)
            }
            try await audit.append([AuditEvent(action: "test.fourth"), AuditEvent(action: "test.fifth")])
            // check: every record that committed, in order, on one unbroken chain
            let actions = try await app.auditTrail().map(\.action).filter { $0.hasPrefix("test.") }
            #expect(actions == ["test.first", "test.second", "test.third", "test.in-transaction", "test.fourth", "test.fifth"])
            #expect(try await audit.verify().ok)
        }
    }

    @Test func anotherProcessAppendingBetweenBatchesLeavesOneChain() async throws {
        try await withApp { app in
            // setup: this process has appended a batch and knows where the chain ends
            try await app.services.audit.append(AuditEvent(action: "test.here"))
            // act: another app process on the same database appends, then this one again
            try await withAppOnExistingStorage(app.services.configuration) { other in
                try await other.services.audit.append(AuditEvent(action: "test.there"))
            }
            try await app.services.audit.append(AuditEvent(action: "test.here-again"))
            // check: the second batch here went after the other process's record, not beside it
            let actions = try await app.auditTrail().map(\.action).filter { $0.hasPrefix("test.") }
            #expect(actions == ["test.here", "test.there", "test.here-again"])
            #expect(try await app.services.audit.verify().ok)
        }
    }

    @Test func twoProcessesAppendingAtOnceLeaveOneChainWithEveryRecord() async throws {
        try await withApp { app in
            // setup: a second app process on the same database
            let before = try await app.count("audit_events")
            try await withAppOnExistingStorage(app.services.configuration) { other in
                // act: both append many records at once, so that each one's batches keep being
                // refused because the other took the next seq
                // twenty rounds of five at once each, so that the two keep taking turns
                func burst(_ audit: AuditLog, _ name: String) async throws {
                    for round in 0..<20 {
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            for index in (round * 5)..<(round * 5 + 5) {
                                group.addTask { try await audit.append(AuditEvent(action: "test.\(name)", targetID: String(index))) }
                            }
                            try await group.waitForAll()
                        }
                    }
                }
                async let here: Void = burst(app.services.audit, "here")
                async let there: Void = burst(other.services.audit, "there")
                _ = try await (here, there)
            }
            // check: every record of both, once each, on one chain
            let trail = try await app.auditTrail()
            #expect(trail.count == before + 200)
            for name in ["here", "there"] {
                let targets = trail.filter { $0.action == "test.\(name)" }.compactMap(\.targetId)
                #expect(Set(targets) == Set((0..<100).map(String.init)) && targets.count == 100)
            }
            #expect(try await app.services.audit.verify().ok)
        }
    }

    @Test func manyConcurrentReadsAreAllRecordedOnOneChain() async throws {
        try await withApp { app in
            // setup
            let audit = app.services.audit
            let before = try await app.count("audit_events")
            // act: more callers at once than any pool has connections, some with two records
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<120 {
                    group.addTask {
                        let event = AuditEvent(action: "test.read", targetID: String(index))
                        if index % 3 == 0 {
                            try await audit.append([event, AuditEvent(action: "test.read", targetID: "\(index)b")])
                        } else {
                            try await audit.append(event)
                        }
                    }
                }
                try await group.waitForAll()
            }
            // check: all 160 records, each caller's pair side by side, one chain
            let trail = try await app.auditTrail()
            #expect(trail.count == before + 160)
            for record in trail where record.action == "test.read" && record.targetId?.hasSuffix("b") == true {
                let first = trail.first { $0.seq == record.seq - 1 }
                #expect(first?.targetId.map { $0 + "b" } == record.targetId)
            }
            #expect(try await audit.verify().ok)
        }
    }
}
