import Crypto
import Foundation
import SQLKit

/// Shared plumbing for stores of client writing: sealing with the owner's key and auditing.
struct ProtectedStore: Sendable {
    let database: Database
    let keys: KeyStore
    let audit: AuditLog

    func key(for ownerID: String, on db: any SQLDatabase) async throws -> SymmetricKey {
        guard let key = try await keys.dataKey(for: ownerID, on: db) else { throw EncryptionError.keyDestroyed }
        return key
    }

    func seal<T: Encodable>(_ value: T, ownerID: String, binding: EncryptedText.Binding, on db: any SQLDatabase) async throws -> String {
        let json = String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        return try EncryptedText.seal(json, with: try await key(for: ownerID, on: db), binding: binding)
    }

    func open<T: Decodable>(_ type: T.Type, _ stored: String, ownerID: String, binding: EncryptedText.Binding, on db: any SQLDatabase) async throws -> T {
        try open(type, stored, with: try await key(for: ownerID, on: db), binding: binding)
    }

    /// Opens with a key already fetched: a page of one owner's entries needs the key once.
    func open<T: Decodable>(_ type: T.Type, _ stored: String, with key: SymmetricKey, binding: EncryptedText.Binding) throws -> T {
        let json = try EncryptedText.open(stored, with: key, binding: binding)
        return try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }

    /// The account with this id when it is a client of this therapist; nil for anyone else's.
    func client(_ clientID: String, of therapist: User, on db: any SQLDatabase) async throws -> User? {
        let client = try await db.select().column("*").from("users").where("id", .equal, clientID)
            .first(decoding: User.self, keyDecodingStrategy: .convertFromSnakeCase)
        return client?.userRole == .client && client?.therapistId == therapist.id ? client : nil
    }
}
