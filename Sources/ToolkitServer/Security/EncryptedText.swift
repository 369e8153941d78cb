import Crypto
import Foundation

/// Seals client writing with AES-GCM under the owner's data key. The associated data names the
/// table, row, owner and field, so a ciphertext moved to another row or owner fails to open.
struct EncryptedText {
    /// Where a ciphertext belongs; part of what the tag authenticates.
    struct Binding {
        let table: String
        let rowID: String
        let ownerID: String
        let field: String

        var associatedData: Data { Data("v1|\(table)|\(rowID)|\(ownerID)|\(field)".utf8) }
    }

    static let prefix = "v1:"

    static func seal(_ plaintext: String, with key: SymmetricKey, binding: Binding) throws -> String {
        let box = try AES.GCM.seal(Data(plaintext.utf8), using: key, authenticating: binding.associatedData)
        return prefix + box.combined!.base64EncodedString()
    }

    static func open(_ stored: String, with key: SymmetricKey, binding: Binding) throws -> String {
        guard stored.hasPrefix(prefix), let combined = Data(base64Encoded: String(stored.dropFirst(prefix.count))) else {
            throw EncryptionError.damaged
        }
        let box = try AES.GCM.SealedBox(combined: combined)
        return String(decoding: try AES.GCM.open(box, using: key, authenticating: binding.associatedData), as: UTF8.self)
    }
}
