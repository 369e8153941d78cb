import NIOConcurrencyHelpers

/// A GET request on PostgreSQL answered from what this process keeps (a session or token in
/// use, a rendered page) on the strength of the latest content generation the process has seen,
/// instead of waiting for a generation read of its own before anything else (see
/// `AuthenticationMiddleware`). The claim is that this generation is still current; it is
/// confirmed, with the generation read after the request arrived, before anything is written
/// for the request and before its answer is sent:
/// - an audit append made for the request carries the claim into its statement: the records go
///   in only if the generation is unchanged (see `AuditGroupCommit`), so the trail never names
///   a read that was not served, and one round trip both records the read and confirms it;
/// - a write first confirms it with a generation read (`Database.transaction`,
///   `WriteCountingDatabase`), so nothing is written on the strength of a session signed out
///   meanwhile;
/// - otherwise the middleware reads the generation before the answer goes out.
/// When the generation has moved on, `GenerationMoved` is thrown and the request is answered
/// again the ordinary way. On SQLite the generation is this process's own and read without
/// waiting, so there are no claims.
final class GenerationClaim: Sendable {
    let generation: UInt64
    private let confirmedFlag = NIOLockedValueBox(false)
    private let read: @Sendable () async -> UInt64?

    /// The claim the current request is answered under, if any.
    @TaskLocal static var current: GenerationClaim?

    /// The current request's claim while it is not yet confirmed: what a write must confirm
    /// first and an audit append must be conditional on.
    static var pending: GenerationClaim? {
        guard let claim = current, !claim.isConfirmed else { return nil }
        return claim
    }

    init(generation: UInt64, read: @escaping @Sendable () async -> UInt64?) {
        self.generation = generation
        self.read = read
    }

    var isConfirmed: Bool { confirmedFlag.withLockedValue { $0 } }

    /// Called once a statement that read the generation as this one has committed.
    func markConfirmed() { confirmedFlag.withLockedValue { $0 = true } }

    /// Confirms the claim with a generation read, unless it already is; throws
    /// `GenerationMoved` when the generation has moved on or can't be read.
    func confirm() async throws {
        if isConfirmed { return }
        guard let now = await read(), now == generation else { throw GenerationMoved() }
        markConfirmed()
    }
}

/// The content generation is no longer the one a request was answered under: something it
/// relied on may have changed, so it is answered again the ordinary way.
struct GenerationMoved: Error {}
