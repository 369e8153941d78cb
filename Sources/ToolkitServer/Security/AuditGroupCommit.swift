import Foundation
import NIOConcurrencyHelpers

/// Gathers the audit records of concurrent requests and writes them in one transaction.
///
/// While one batch commits, the records that arrive queue for the next, so under load many
/// requests share each durable commit, and when the app is quiet a record commits at once.
/// Each caller is resumed only after its own batch has committed (or failed, with the error); a
/// caller's records (a page that audits two reads) go into one batch together.
/// Batches go through the same writer (SQLite) or advisory lock (PostgreSQL) as every other
/// audit append, so the hash chain stays one line.
///
/// The queue is guarded by a lock rather than being an actor's: every audited read passes
/// through here, and a caller then suspends once (until its batch commits) instead of also
/// hopping on and off an actor on the way in and out.
final class AuditGroupCommit: Sendable {
    static let largestBatch = 256

    private struct Queue {
        var pending: [(events: [AuditEvent], waiter: CheckedContinuation<Void, any Error>)] = []
        var flushing = false
    }

    private let database: Database
    private let queue = NIOLockedValueBox(Queue())

    init(database: Database) {
        self.database = database
    }

    func append(_ events: [AuditEvent]) async throws {
        guard !events.isEmpty else { return }
        // Called while holding the writer, this would wait for a batch that waits for the caller.
        if SQLiteWriter.isHeldByCurrentTask { throw StorageError.nestedWrite }
        try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
            let startFlush = queue.withLockedValue { queue in
                queue.pending.append((events, waiter))
                guard !queue.flushing else { return false }
                queue.flushing = true
                return true
            }
            if startFlush { Task.detached { await self.flush() } }
        }
    }

    /// Commits batches until the queue is empty; one flush runs at a time.
    private func flush() async {
        while let batch = nextBatch() {
            let events = batch.flatMap(\.events)
            do {
                try await database.appendAuditBatch(events)
                for entry in batch { entry.waiter.resume() }
            } catch {
                for entry in batch { entry.waiter.resume(throwing: error) }
            }
        }
    }

    /// Whole callers from the front of the queue, up to about `largestBatch` records (at least
    /// one caller); nil, and the flush ends, when nothing is waiting.
    private func nextBatch() -> [(events: [AuditEvent], waiter: CheckedContinuation<Void, any Error>)]? {
        queue.withLockedValue { queue in
            guard !queue.pending.isEmpty else {
                queue.flushing = false
                return nil
            }
            var taken = 0, records = 0
            while taken < queue.pending.count, taken == 0 || records + queue.pending[taken].events.count <= Self.largestBatch {
                records += queue.pending[taken].events.count
                taken += 1
            }
            let batch = Array(queue.pending.prefix(taken))
            queue.pending.removeFirst(taken)
            return batch
        }
    }
}
