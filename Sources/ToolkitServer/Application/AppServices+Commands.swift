import Foundation
import Logging
import NIOPosix
import SQLKit
import SQLiteKit
import ToolkitCore

/// What the command line does, kept here so the executable stays a thin shell.
extension AppServices {
    /// The setup code to print, when no administrator exists yet.
    public func setupCodeIfNeeded() async throws -> String? {
        try await accounts.adminExists() ? nil : setupCode.value
    }

    public struct CreatedUser: Sendable { public let email: String }

    public func createUser(email: String, name: String, role: Role, password: String, therapistEmail: String?) async throws -> CreatedUser {
        let user = try await accounts.create(email: email, name: name, role: role, password: password, therapistEmail: therapistEmail)
        return CreatedUser(email: user.email)
    }

    public func disableUser(email: String) async throws -> Bool {
        guard let user = try await accounts.find(email: email) else { return false }
        try await accounts.setDisabled(true, user: user, actor: nil)
        return true
    }

    public func enableUser(email: String) async throws -> Bool {
        guard let user = try await accounts.find(email: email) else { return false }
        try await accounts.setDisabled(false, user: user, actor: nil)
        return true
    }

    public struct AuditVerification: Sendable {
        public let count: Int
        public let firstBrokenSeq: Int64?
    }

    public func verifyAuditTrail() async throws -> AuditVerification {
        let result = try await audit.verify()
        return AuditVerification(count: result.count, firstBrokenSeq: result.firstBrokenSeq)
    }

    /// An online backup with SQLite's VACUUM INTO: a consistent snapshot while the app keeps serving.
    ///
    /// The copy holds no user data keys. They are backed up apart (`exportKeys`), and only the
    /// newest key export is kept: once an account is erased, its key is in no export, so what it
    /// wrote stays unreadable in every database backup, old ones included.
    public func backup(to destination: URL) async throws {
        guard database.kind == .sqlite else {
            throw ConfigurationError("For PostgreSQL, back up with pg_dump; this command copies the embedded SQLite database.")
        }
        guard !FileManager.default.fileExists(atPath: destination.path) else {
            throw ConfigurationError("\(destination.path) already exists; choose a new file name.")
        }
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try await database.sql.raw("VACUUM INTO \(bind: destination.path)").run()
        try await Self.removeUserKeys(fromCopyAt: destination)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: destination.path)
    }

    private static func removeUserKeys(fromCopyAt file: URL) async throws {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: file.path), threadPool: .singleton, logger: Logger(label: "toolkit-backup"),
            on: MultiThreadedEventLoopGroup.singleton.any()).get()
        do {
            _ = try await connection.query("DELETE FROM user_keys")
            // VACUUM rewrites the file, so the deleted keys leave no trace in free pages.
            _ = try await connection.query("VACUUM")
        } catch {
            try? await connection.close().get()
            throw error
        }
        try await connection.close().get()
    }

    struct KeyExport: Codable {
        struct Entry: Codable { var userId: String; var wrappedKey: String }
        var keys: [Entry]
    }

    /// Writes every user's wrapped data key (useless without the deployment key) to `file`,
    /// replacing the previous export. Returns how many keys were written.
    @discardableResult
    public func exportKeys(to file: URL) async throws -> Int {
        struct Row: Decodable { var userId: String; var wrappedKey: String }
        let rows = try await database.sql.select().columns("user_id", "wrapped_key").from("user_keys").orderBy("user_id")
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        let export = KeyExport(keys: rows.map { .init(userId: $0.userId, wrappedKey: $0.wrappedKey) })
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        let data = try JSONEncoder().encode(export)
        try? FileManager.default.removeItem(at: file)
        guard FileManager.default.createFile(atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw ConfigurationError("Could not write \(file.path). Check that the folder is writable.")
        }
        return rows.count
    }

    /// Puts keys from an export back for the accounts in this database that lack one (after a
    /// restore). Keys of accounts that no longer exist are ignored. Returns how many were added.
    @discardableResult
    public func importKeys(from file: URL) async throws -> Int {
        let export = try JSONDecoder().decode(KeyExport.self, from: Data(contentsOf: file))
        return try await database.transaction { db in
            var added = 0
            for entry in export.keys {
                let userExists = try await db.select().column("id").from("users").where("id", .equal, entry.userId).first() != nil
                let hasKey = try await db.select().column("user_id").from("user_keys").where("user_id", .equal, entry.userId).first() != nil
                guard userExists, !hasKey else { continue }
                try await db.insert(into: "user_keys").columns("user_id", "created_at", "wrapped_key")
                    .values(SQLBind(entry.userId), SQLBind(Int64(Date().timeIntervalSince1970)), SQLBind(entry.wrappedKey)).run()
                added += 1
            }
            return added
        }
    }
}
