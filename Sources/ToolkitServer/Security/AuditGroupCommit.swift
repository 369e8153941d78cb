import NIOConcurrencyHelpers

/// Gathers the audit records of concurrent requests and writes them in one transaction.
///
/// While one batch commits, the records that arrive queue for the next, so under load many
/// requests share each durable commit, and when the app is quiet a record commits at once.
/// Each caller is resumed only after its own batch has committed (or failed, with the error); a
/// caller's records (a page that audits two reads) go into one batch together.
/// A caller answering under a `GenerationClaim` gives its generation: its records go only into a
/// batch given the same one, which is appended only if the content generation is still that one;
/// otherwise every caller in it gets `GenerationMoved`, nothing appended.
/// Batches go through the same writer (SQLite) or advisory lock (PostgreSQL) as every other
/// audit append, so the hash chain stays one line.
///
/// The queue is guarded by a lock rather than being an actor's: every audited read passes
/// through here, and a caller then suspends once (until its batch commits) instead of also
/// hopping on and off an actor on the way in and out.
final class AuditGroupCommit: Sendable {
    static let largestBatch = 256

    private struct Entry {
        var events: [AuditEvent]
        var onlyIfGeneration: UInt64?
        var waiter: CheckedContinuation<Void, any Error>
    }

    private struct Queue {
        var pending: [Entry] = []
        var flushing = false
    }

    private let database: Database
    private let queue = NIOLockedValueBox(Queue())
    /// The chain's end as the last batch left it (batches run one at a time, in `flush`).
    private let lastLink = NIOLockedValueBox<AuditLog.ChainLink?>(nil)

    init(database: Database) {
        self.database = database
    }

    func append(_ events: [AuditEvent], onlyIfGeneration generation: UInt64? = nil) async throws {
        guard !events.isEmpty else { return }
        // Called while holding the writer, this would wait for a batch that waits for the caller.
        if SQLiteWriter.isHeldByCurrentTask { throw StorageError.nestedWrite }
        try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
            let startFlush = queue.withLockedValue { queue in
                queue.pending.append(Entry(events: events, onlyIfGeneration: generation, waiter: waiter))
                guard !queue.flushing else { return false }
                queue.flushing = true
                return true
            }
            if startFlush { Task.detached { await self.flush() } }
        }
    }

    private typealias Batch = [Entry]

    /// Commits batches until the queue is empty; one flush runs at a time. On PostgreSQL a flush
    /// keeps one connection for as long as batches keep coming (under load, for good) instead of
    /// asking the pool for one per batch; after an append on it fails it lets go, and the next
    /// batch starts on a fresh connection.
    private func flush() async {
        let queueEmptied = NIOLockedValueBox(false)
        while !queueEmptied.withLockedValue({ $0 }) {
            do {
                try await database.withAuditAppends { appendAfter in
                    while let batch = self.nextBatch() {
                        guard await self.commit(batch, appendAfter: appendAfter) else { return }
                    }
                    queueEmptied.withLockedValue { $0 = true }
                }
            } catch {
                // No connection to append on: the callers waiting now are told, later ones try again.
                guard let batch = nextBatch() else { return }
                for entry in batch { entry.waiter.resume(throwing: error) }
            }
        }
    }

    /// Commits one batch and resumes its callers. False when the held connection should be let
    /// go: the one-statement append on it failed (the connection may be broken; if another
    /// process took the next `seq`, a fresh one costs little), or the batch failed altogether.
    ///
    /// Chained onto the link the previous batch left, in one statement (on SQLite one trip to the
    /// database thread instead of four; on PostgreSQL one round trip instead of five), unless
    /// something else has appended since: a transaction in this process or another process (the
    /// command line, another app server) has then taken the next `seq`, the primary key refuses
    /// the statement, and the batch goes the long way, reading where the chain ends. A link is
    /// remembered only once its batch has committed, so it is never one that was rolled back.
    private func commit(_ batch: Batch,
                        appendAfter: @Sendable ([AuditEvent], AuditLog.ChainLink, UInt64?) async throws -> AuditLog.ChainLink?) async -> Bool {
        let events = batch.flatMap(\.events)
        let generation = batch.first?.onlyIfGeneration
        var keepConnection = true
        do {
            if let link = lastLink.withLockedValue({ link in defer { link = nil }; return link }) {
                do {
                    let appended = try await appendAfter(events, link, generation)
                    lastLink.withLockedValue { $0 = appended }
                    for entry in batch { entry.waiter.resume() }
                    return true
                } catch let moved as GenerationMoved {
                    // Nothing appended: the chain still ends where it did.
                    lastLink.withLockedValue { $0 = link }
                    for entry in batch { entry.waiter.resume(throwing: moved) }
                    return true
                } catch {
                    keepConnection = false
                }
            }
            let appended = try await database.appendAudit(events, onlyIfGeneration: generation)
            lastLink.withLockedValue { $0 = appended }
            for entry in batch { entry.waiter.resume() }
            return keepConnection
        } catch {
            for entry in batch { entry.waiter.resume(throwing: error) }
            return false
        }
    }

    /// Whole callers from the front of the queue that give the same generation (or none), up to
    /// about `largestBatch` records (at least one caller); nil, and the flush ends, when nothing
    /// is waiting.
    private func nextBatch() -> Batch? {
        queue.withLockedValue { queue in
            guard !queue.pending.isEmpty else {
                queue.flushing = false
                return nil
            }
            var taken = 0, records = 0
            let generation = queue.pending[0].onlyIfGeneration
            while taken < queue.pending.count, queue.pending[taken].onlyIfGeneration == generation,
                  taken == 0 || records + queue.pending[taken].events.count <= Self.largestBatch {
                records += queue.pending[taken].events.count
                taken += 1
            }
            let batch = Array(queue.pending.prefix(taken))
            queue.pending.removeFirst(taken)
            return batch
        }
    }
}
