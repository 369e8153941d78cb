import Crypto
import Foundation

/// Random identifiers and secrets, and the hashes we store instead of secrets.
enum Randomness {
    /// A URL-safe random string carrying `bytes` × 8 bits of entropy (32 bytes = 256 bits).
    static func token(bytes: Int = 32) -> String {
        let key = SymmetricKey(size: .init(bitCount: bytes * 8))
        let data = key.withUnsafeBytes { Data($0) }
        return data.base64URLEncoded()
    }

    static func identifier() -> String { UUID().uuidString.lowercased() }

    static func sha256Hex(_ text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// Lower-case hex of some bytes. Every API request and audit record hashes, so this avoids
    /// String(format:), which costs more than the hash itself.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var characters: [UInt8] = []
        characters.reserveCapacity(64)
        for byte in bytes {
            characters.append(digits[Int(byte >> 4)])
            characters.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: characters, as: UTF8.self)
    }
}

extension Data {
    func base64URLEncoded() -> String {
        base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// Compares two strings in time independent of where they first differ.
func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
    let a = Array(lhs.utf8), b = Array(rhs.utf8)
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
}
