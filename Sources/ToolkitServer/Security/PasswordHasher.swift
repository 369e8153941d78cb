import HummingbirdBcrypt
import NIOCore
import NIOPosix

/// bcrypt, run on a thread pool of its own: a slow hash never stalls request handling, and a
/// burst of sign-ins never takes the threads that database connections run on.
struct PasswordHasher: Sendable {
    let cost: UInt8

    /// One thread per core: bcrypt is all computation, more threads would only queue in the CPU.
    static let threadPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: System.coreCount)
        pool.start()
        return pool
    }()

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await Self.threadPool.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await Self.threadPool.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// Spends the time of one verification when the account doesn't exist, so that a wrong
    /// email takes as long to refuse as a wrong password.
    func verifyAgainstDecoy(_ password: String) async throws {
        _ = try await Self.threadPool.runIfActive { Bcrypt.verify(password, hash: Self.decoyHash) }
    }

    /// A hash of a random password, made once (on the pool, at the first unknown email).
    static let decoyHash = Bcrypt.hash(Randomness.token(bytes: 16), cost: 12)
}
