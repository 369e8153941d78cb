import Foundation
import HummingbirdTesting
import Logging
import SQLKit
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Checklist 23 (durable SQLite settings, health route) and 24 (online backup and a tested restore).
/// These are about the embedded SQLite database, so they don't run against PostgreSQL.
@Suite(.enabled(if: (ProcessInfo.processInfo.environment["DATABASE_URL"] ?? "").isEmpty))
struct StorageTests {
    @Test func everyConnectionUsesTheWriteAheadLogWithFullSync() async throws {
        try await withApp { app in
            // Hold several connections at once so the pool has to open more than one.
            struct Settings: Sendable, Equatable { var journal: String; var synchronous: Int; var foreignKeys: Int; var busyTimeout: Int }
            let database = app.services.database
            let seen = try await withThrowingTaskGroup(of: Settings.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await database.sql.withSession { session in
                            let settings = Settings(
                                journal: try await session.raw("PRAGMA journal_mode").first(decodingColumn: "journal_mode", as: String.self) ?? "",
                                synchronous: try await session.raw("PRAGMA synchronous").first(decodingColumn: "synchronous", as: Int.self) ?? -1,
                                foreignKeys: try await session.raw("PRAGMA foreign_keys").first(decodingColumn: "foreign_keys", as: Int.self) ?? -1,
                                busyTimeout: try await session.raw("PRAGMA busy_timeout").first(decodingColumn: "timeout", as: Int.self) ?? -1)
                            try await Task.sleep(for: .milliseconds(30))
                            return settings
                        }
                    }
                }
                return try await group.reduce(into: [Settings]()) { $0.append($1) }
            }
            #expect(seen.count == 6)
            for settings in seen {
                #expect(settings.journal.lowercased() == "wal")
                #expect(settings.synchronous == 2, "synchronous=FULL is 2")
                #expect(settings.foreignKeys == 1)
                #expect(settings.busyTimeout >= 1000, "concurrent writers wait for the lock instead of failing")
            }
            #expect(FileManager.default.fileExists(atPath: app.services.configuration.sqliteFile.path + "-wal"))
        }
    }

    @Test func theDataFolderIsOwnerOnly() async throws {
        try await withApp { app in
            let attributes = try FileManager.default.attributesOfItem(atPath: app.services.configuration.dataDirectory.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        }
    }

    @Test func startingMakesAFolderAndFilesAnOperatorMadePrivate() async throws {
        // setup: a data folder, key folder and database file made by hand under the usual umask
        let manager = FileManager.default
        let folder = manager.temporaryDirectory.appendingPathComponent("toolkit-permissions-\(UUID().uuidString)")
        let keys = folder.appendingPathComponent("keys")
        try manager.createDirectory(at: keys, withIntermediateDirectories: true)
        var configuration = AppConfiguration(dataDirectory: folder)
        configuration.passwordHashCost = 4
        configuration.logRequests = false
        #expect(manager.createFile(atPath: configuration.sqliteFile.path, contents: nil))
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: keys.path)
        try manager.setAttributes([.posixPermissions: 0o644], ofItemAtPath: configuration.sqliteFile.path)
        defer { try? manager.removeItem(at: folder) }
        func mode(_ path: String) throws -> Int? {
            (try manager.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        }
        // act
        let services = try await AppServices.start(configuration, logger: Logger(label: "toolkit-test"))
        // check, while the app holds the database open (so the -wal and -shm files exist too)
        do {
            #expect(try mode(folder.path) == 0o700)
            #expect(try mode(keys.path) == 0o700)
            #expect(try mode(keys.appendingPathComponent("deployment.key").path) == 0o600)
            for suffix in ["", "-wal", "-shm"] where manager.fileExists(atPath: configuration.sqliteFile.path + suffix) {
                #expect(try mode(configuration.sqliteFile.path + suffix) == 0o600, "toolkit.sqlite\(suffix)")
            }
            #expect(manager.fileExists(atPath: configuration.sqliteFile.path + "-wal"))
        }
        try await services.database.shutdown()
    }

    @Test func theHealthRouteReportsIntegrityAndVersion() async throws {
        try await withApp { app in
            // act
            let response = try await app.browser().get(SiteURL.healthz.path)
            // check
            #expect(response.status == .ok)
            struct Health: Decodable { var status: String; var database: String; var integrity: String?; var sqliteVersion: String? }
            let health = try JSONDecoder().decode(Health.self, from: Data(buffer: response.body))
            #expect(health.status == "ok")
            #expect(health.database == "sqlite")
            #expect(health.integrity == "ok")
            let version = try await app.services.database.sql.raw("SELECT sqlite_version() AS v").first(decodingColumn: "v", as: String.self)
            #expect(health.sqliteVersion == version)
            #expect(health.sqliteVersion?.split(separator: ".").count == 3)
        }
    }

    @Test func aBackupRestoresToAWorkingApp() async throws {
        try await withApp { app in
            // setup: accounts, sealed writing and an audit trail
            try await app.createUser(.admin, email: "admin@example.org")
            try await app.createUser(.therapist, email: "t@example.org")
            let client = try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let marker = "BACKUP-\(UUID().uuidString)"
            var plan = SafetyPlan()
            plan.warningSigns = [marker]
            _ = try await app.services.safetyPlans.save(plan, for: client, address: nil)
            let saved = plan
            let source = app.services.configuration.dataDirectory
            let restored = FileManager.default.temporaryDirectory.appendingPathComponent("toolkit-restore-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: restored) }
            let backup = restored.appendingPathComponent("backups/toolkit-backup.sqlite")
            let keys = restored.appendingPathComponent("backups/keys.json")
            // act: back up while the app is running, then refuse to overwrite it
            try await app.services.backup(to: backup)
            try await app.services.exportKeys(to: keys)
            await #expect(throws: ConfigurationError.self) { try await app.services.backup(to: backup) }
            // check: the backup is a self-contained file with no readable writing in it
            let bytes = try Data(contentsOf: backup)
            #expect(bytes.starts(with: Data("SQLite format 3".utf8)))
            #expect(bytes.range(of: Data(marker.utf8)) == nil)
            // act: restore = the backup as a data folder's database, with the key file beside it
            var configuration = app.services.configuration
            configuration.dataDirectory = restored
            try FileManager.default.copyItem(at: backup, to: configuration.sqliteFile)
            try FileManager.default.createDirectory(at: restored.appendingPathComponent("keys"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source.appendingPathComponent("keys/deployment.key"),
                                            to: restored.appendingPathComponent("keys/deployment.key"))
            try await withAppOnExistingStorage(configuration) { copy in
                // the database backup carries no user keys; they come back from the key export
                #expect(try await copy.count("user_keys") == 0)
                #expect(try await copy.services.importKeys(from: keys) == 3)
                // check: the same people, the same writing, an intact trail, and sign-in works
                #expect(try await copy.services.accounts.all().map(\.email).sorted() == ["admin@example.org", "c@example.org", "t@example.org"])
                let restoredClient = try await copy.user("c@example.org")
                #expect(try await copy.services.safetyPlans.load(for: restoredClient, address: nil)?.plan == saved)
                #expect(try await copy.services.verifyAuditTrail().firstBrokenSeq == nil)
                #expect(try await copy.services.database.integrityCheck() == "ok")
                #expect(try await copy.signedIn("c@example.org").get(SiteURL.account.path).status == .ok)
            }
        }
    }

    @Test func aBackupIsUnreadableWithoutTheKeyFile() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            let client = try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            var plan = SafetyPlan()
            plan.warningSigns = ["only with the key"]
            _ = try await app.services.safetyPlans.save(plan, for: client, address: nil)
            let restored = FileManager.default.temporaryDirectory.appendingPathComponent("toolkit-restore-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: restored) }
            var configuration = app.services.configuration
            configuration.dataDirectory = restored
            // act: restore the database alone; a new key file is made for the empty keys folder
            try await app.services.backup(to: configuration.sqliteFile)
            try await withAppOnExistingStorage(configuration) { copy in
                // check
                let restoredClient = try await copy.user("c@example.org")
                await #expect(throws: (any Error).self) { try await copy.services.safetyPlans.load(for: restoredClient, address: nil) }
            }
        }
    }

    @Test func anErasedAccountStaysUnreadableInOlderBackups() async throws {
        try await withApp { app in
            // setup: two clients with plans, a backup and a key export taken while both exist
            try await app.createUser(.therapist, email: "t@example.org")
            let leaving = try await app.createUser(.client, email: "leaving@example.org", therapist: "t@example.org")
            let staying = try await app.createUser(.client, email: "staying@example.org", therapist: "t@example.org")
            var plan = SafetyPlan()
            plan.warningSigns = ["written before erasure"]
            _ = try await app.services.safetyPlans.save(plan, for: leaving, address: nil)
            _ = try await app.services.safetyPlans.save(plan, for: staying, address: nil)
            let saved = plan
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("toolkit-shred-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            let oldBackup = folder.appendingPathComponent("old.sqlite")
            let keys = folder.appendingPathComponent("keys.json")
            try await app.services.backup(to: oldBackup)
            try await app.services.exportKeys(to: keys)
            // act: the client erases their account; the key export is renewed, as after every backup
            try await app.services.accounts.erase(leaving, actor: leaving)
            try await app.services.exportKeys(to: keys)
            // check: restoring the OLD backup with the current keys brings back the one who stayed only
            var configuration = app.services.configuration
            configuration.dataDirectory = folder.appendingPathComponent("restored")
            try FileManager.default.createDirectory(at: configuration.dataDirectory.appendingPathComponent("keys"), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: oldBackup, to: configuration.sqliteFile)
            try FileManager.default.copyItem(at: app.services.configuration.dataDirectory.appendingPathComponent("keys/deployment.key"),
                                            to: configuration.dataDirectory.appendingPathComponent("keys/deployment.key"))
            try await withAppOnExistingStorage(configuration) { copy in
                #expect(try await copy.services.importKeys(from: keys) == 2)
                let restoredStaying = try await copy.user("staying@example.org")
                #expect(try await copy.services.safetyPlans.load(for: restoredStaying, address: nil)?.plan == saved)
                let restoredLeaving = try await copy.user("leaving@example.org")
                await #expect(throws: EncryptionError.self) {
                    try await copy.services.safetyPlans.load(for: restoredLeaving, address: nil)
                }
            }
        }
    }
}
