import HummingbirdBcrypt
import NIOPosix

/// bcrypt, run on the blocking thread pool so a slow hash never stalls request handling.
struct PasswordHasher: Sendable {
    let cost: UInt8

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash of a random password, verified against when the account doesn't exist, so that a
    /// wrong email takes as long to refuse as a wrong password.
    static let decoyHash = Bcrypt.hash(Randomness.token(bytes: 16), cost: 12)
}
