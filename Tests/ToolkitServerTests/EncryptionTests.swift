import Foundation
import SQLKit
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Checklist 17 and 18: client writing is sealed with AES-GCM under a per-user key that lives
/// wrapped by a deployment key kept outside the database; ciphertexts are bound to their row.
@Suite struct EncryptionTests {
    static func plan(with marker: String) -> SafetyPlan {
        var plan = SafetyPlan()
        plan.warningSigns = ["I stop answering messages \(marker)"]
        plan.reasonsForLiving = ["my sister"]
        plan.reflection = .init(likelihood: 7, obstacles: "feeling ashamed \(marker)", whereKept: "in my wallet")
        return plan
    }

    static func client(_ app: TestApp, _ email: String = "c@example.org") async throws -> User {
        if try await app.services.accounts.find(email: "t@example.org") == nil {
            try await app.createUser(.therapist, email: "t@example.org")
        }
        return try await app.createUser(.client, email: email, therapist: "t@example.org")
    }

    @Test func writingIsAbsentFromTheDatabaseFileButReadsBack() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.client(app)
            let marker = "MARKER-\(UUID().uuidString)"
            // act
            _ = try await app.services.safetyPlans.save(Self.plan(with: marker), for: client, address: nil)
            // check
            let loaded = try await app.services.safetyPlans.load(for: client, address: nil)
            #expect(loaded?.plan == Self.plan(with: marker))
            let stored = try await app.services.database.sql.select().column("content").from("safety_plan_versions")
                .all(decodingColumn: "content", as: String.self)
            #expect(stored.count == 1)
            #expect(stored.allSatisfy { $0.hasPrefix("v1:") && !$0.contains(marker) && !$0.contains("wallet") })
            if app.usesSQLite {
                let raw = try app.rawDatabaseBytes()
                #expect(raw.count > 0)
                #expect(raw.range(of: Data(marker.utf8)) == nil)
                #expect(raw.range(of: Data("in my wallet".utf8)) == nil)
            }
        }
    }

    @Test func nothingReadsOnceTheUsersKeyIsDestroyed() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.client(app)
            _ = try await app.services.safetyPlans.save(Self.plan(with: "shred-me"), for: client, address: nil)
            // act
            try await app.services.keys.destroyDataKey(for: client.id, on: app.services.database.sql)
            // check
            await #expect(throws: EncryptionError.self) { try await app.services.safetyPlans.load(for: client, address: nil) }
            await #expect(throws: EncryptionError.self) {
                try await app.services.safetyPlans.save(Self.plan(with: "new"), for: client, address: nil)
            }
        }
    }

    @Test func aCiphertextMovedToAnotherUsersRowDoesNotOpen() async throws {
        try await withApp { app in
            // setup
            let alice = try await Self.client(app, "alice@example.org")
            let bob = try await Self.client(app, "bob@example.org")
            _ = try await app.services.safetyPlans.save(Self.plan(with: "alice's words"), for: alice, address: nil)
            _ = try await app.services.safetyPlans.save(Self.plan(with: "bob's words"), for: bob, address: nil)
            // act
            try await Self.copyContent(app, from: (alice.id, 1), to: (bob.id, 1))
            // check
            await #expect(throws: (any Error).self) { try await app.services.safetyPlans.load(for: bob, address: nil) }
        }
    }

    @Test func aCiphertextMovedToAnotherRowOfTheSameOwnerDoesNotOpen() async throws {
        try await withApp { app in
            // setup: same owner and key, so only the row binding can tell the versions apart
            let client = try await Self.client(app)
            _ = try await app.services.safetyPlans.save(Self.plan(with: "first version"), for: client, address: nil)
            _ = try await app.services.safetyPlans.save(Self.plan(with: "second version"), for: client, address: nil)
            #expect(try await app.services.safetyPlans.load(for: client, address: nil)?.plan == Self.plan(with: "second version"))
            // act: roll the current version back to the old ciphertext
            try await Self.copyContent(app, from: (client.id, 1), to: (client.id, 2))
            // check
            await #expect(throws: (any Error).self) { try await app.services.safetyPlans.load(for: client, address: nil) }
            #expect(try await app.services.safetyPlans.load(for: client, address: nil, version: 1)?.plan == Self.plan(with: "first version"))
        }
    }

    @Test func aWrappedKeyMovedToAnotherUserDoesNotOpen() async throws {
        try await withApp { app in
            let alice = try await Self.client(app, "alice@example.org")
            let bob = try await Self.client(app, "bob@example.org")
            let sql = app.services.database.sql
            let alicesKey = try #require(try await sql.select().column("wrapped_key").from("user_keys").where("user_id", .equal, alice.id)
                .first(decodingColumn: "wrapped_key", as: String.self))
            try await sql.update("user_keys").set("wrapped_key", to: alicesKey).where("user_id", .equal, bob.id).run()
            await #expect(throws: (any Error).self) { try await app.services.keys.dataKey(for: bob.id, on: sql) }
        }
    }

    @Test func theDeploymentKeyFileIsOwnerOnlyAndOutsideTheDatabase() async throws {
        try await withApp { app in
            // setup
            let folder = app.services.configuration.dataDirectory.appendingPathComponent("keys")
            let file = folder.appendingPathComponent("deployment.key")
            // check
            let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder.path)
            #expect((folderAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
            let encoded = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(Data(base64Encoded: encoded)?.count == 32)
            if app.usesSQLite { #expect(try app.rawDatabaseBytes().range(of: Data(encoded.utf8)) == nil) }
        }
    }

    @Test func aDataKeyFromAnotherDeploymentKeyDoesNotOpen() async throws {
        try await withApp { app in
            // setup
            let client = try await Self.client(app)
            _ = try await app.services.safetyPlans.save(Self.plan(with: "sealed"), for: client, address: nil)
            // act: the same database with a different deployment key (say, a stolen copy of the file alone)
            var configuration = app.services.configuration
            configuration.masterKeyBase64 = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
            let otherKeys = try KeyStore.load(configuration)
            // check
            await #expect(throws: (any Error).self) { try await otherKeys.dataKey(for: client.id, on: app.services.database.sql) }
        }
    }

    /// Copies the sealed content of one stored version over another, as someone with database access might.
    static func copyContent(_ app: TestApp, from source: (String, Int), to target: (String, Int)) async throws {
        let sql = app.services.database.sql
        let content = try #require(try await sql.select().column("content").from("safety_plan_versions")
            .where("user_id", .equal, source.0).where("version", .equal, source.1)
            .first(decodingColumn: "content", as: String.self))
        try await sql.update("safety_plan_versions").set("content", to: content)
            .where("user_id", .equal, target.0).where("version", .equal, target.1).run()
    }
}
