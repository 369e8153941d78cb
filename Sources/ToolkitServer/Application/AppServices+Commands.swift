import Foundation
import SQLKit
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

    public struct AuditVerification: Sendable {
        public let count: Int
        public let firstBrokenSeq: Int64?
    }

    public func verifyAuditTrail() async throws -> AuditVerification {
        let result = try await audit.verify()
        return AuditVerification(count: result.count, firstBrokenSeq: result.firstBrokenSeq)
    }

    /// An online backup with SQLite's VACUUM INTO: a consistent snapshot while the app keeps serving.
    public func backup(to destination: URL) async throws {
        guard database.kind == .sqlite else {
            throw ConfigurationError("For PostgreSQL, back up with pg_dump; this command copies the embedded SQLite database.")
        }
        guard !FileManager.default.fileExists(atPath: destination.path) else {
            throw ConfigurationError("\(destination.path) already exists; choose a new file name.")
        }
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        try await database.sql.raw("VACUUM INTO \(bind: destination.path)").run()
    }
}
