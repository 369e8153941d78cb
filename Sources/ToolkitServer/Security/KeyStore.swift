@preconcurrency import Crypto
import Foundation
import SQLKit

/// Holds the deployment key and hands out per-user data keys wrapped by it.
///
/// Client writing is sealed with the client's own data key; the data key is stored only wrapped
/// (encrypted) by the deployment key, which never enters the database. Deleting a user's wrapped
/// key makes everything sealed with it unreadable. Database backups leave the wrapped keys out
/// (they are exported apart, newest export only), so old backups can't bring an erased key back.
public struct KeyStore: Sendable {
    let deploymentKey: SymmetricKey

    init(deploymentKey: SymmetricKey) { self.deploymentKey = deploymentKey }

    /// Uses TOOLKIT_MASTER_KEY when set, else the key file in the data folder, creating it
    /// (readable by the owner only) on first run.
    public static func load(_ configuration: AppConfiguration) throws -> KeyStore {
        if let encoded = configuration.masterKeyBase64 {
            guard let data = Data(base64Encoded: encoded), data.count == 32 else {
                throw ConfigurationError("TOOLKIT_MASTER_KEY must be 32 random bytes in base64 (for example: openssl rand -base64 32)")
            }
            return KeyStore(deploymentKey: SymmetricKey(data: data))
        }
        let folder = configuration.dataDirectory.appendingPathComponent("keys", isDirectory: true)
        let file = folder.appendingPathComponent("deployment.key")
        let manager = FileManager.default
        if let data = manager.contents(atPath: file.path) {
            guard let decoded = Data(base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)),
                  decoded.count == 32 else {
                throw ConfigurationError("The key file \(file.path) is damaged: it must hold 32 bytes in base64. Restore it from your key backup.")
            }
            return KeyStore(deploymentKey: SymmetricKey(data: decoded))
        }
        try manager.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = SymmetricKey(size: .bits256)
        let encoded = key.withUnsafeBytes { Data($0) }.base64EncodedString()
        guard manager.createFile(atPath: file.path, contents: Data((encoded + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw ConfigurationError("Could not create the key file at \(file.path). Check that the data folder is writable.")
        }
        return KeyStore(deploymentKey: key)
    }

    // MARK: Per-user data keys

    /// Creates and stores a new data key for the user; call once, when the account is created.
    func createDataKey(for userID: String, on db: any SQLDatabase) async throws {
        let dataKey = SymmetricKey(size: .bits256)
        let raw = dataKey.withUnsafeBytes { Data($0) }
        let wrapped = try AES.GCM.seal(raw, using: deploymentKey, authenticating: Data("user-key:\(userID)".utf8))
        try await db.insert(into: "user_keys")
            .columns("user_id", "created_at", "wrapped_key")
            .values(SQLBind(userID), SQLBind(Int64(Date().timeIntervalSince1970)), SQLBind(wrapped.combined!.base64EncodedString()))
            .run()
    }

    /// The user's data key, or nil when it has been destroyed.
    func dataKey(for userID: String, on db: any SQLDatabase) async throws -> SymmetricKey? {
        let wrapped = try await db.select().column("wrapped_key").from("user_keys")
            .where("user_id", .equal, userID).first(decodingColumn: "wrapped_key", as: String.self)
        return try unwrapDataKey(wrapped, for: userID)
    }

    /// Opens a data key as stored in `user_keys.wrapped_key` (nil when it was destroyed).
    func unwrapDataKey(_ wrapped: String?, for userID: String) throws -> SymmetricKey? {
        guard let wrapped, let combined = Data(base64Encoded: wrapped) else { return nil }
        let box = try AES.GCM.SealedBox(combined: combined)
        return SymmetricKey(data: try AES.GCM.open(box, using: deploymentKey, authenticating: Data("user-key:\(userID)".utf8)))
    }

    /// Destroys the user's data key: everything sealed with it becomes unreadable for good.
    func destroyDataKey(for userID: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "user_keys").where("user_id", .equal, userID).run()
    }

    // MARK: Deployment-level secrets (second-factor secrets)

    func sealWithDeploymentKey(_ text: String, context: String) throws -> String {
        try AES.GCM.seal(Data(text.utf8), using: deploymentKey, authenticating: Data(context.utf8)).combined!.base64EncodedString()
    }

    func openWithDeploymentKey(_ sealed: String, context: String) throws -> String {
        guard let combined = Data(base64Encoded: sealed) else { throw EncryptionError.damaged }
        let box = try AES.GCM.SealedBox(combined: combined)
        return String(decoding: try AES.GCM.open(box, using: deploymentKey, authenticating: Data(context.utf8)), as: UTF8.self)
    }
}

enum EncryptionError: Error {
    /// The stored text is not a sealed box we wrote.
    case damaged
    /// The user's data key is gone (the account was erased).
    case keyDestroyed
}
