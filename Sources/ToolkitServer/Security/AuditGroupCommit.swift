import Foundation

/// Gathers the audit records of concurrent requests and writes them in one transaction.
///
/// While one batch commits, the records that arrive queue for the next, so under load many
/// requests share each durable commit, and when the app is quiet a record commits at once.
/// Each caller is resumed only after its own batch has committed (or failed, with the error).
/// Batches go through the same writer (SQLite) or advisory lock (PostgreSQL) as every other
/// audit append, so the hash chain stays one line.
actor AuditGroupCommit {
    static let largestBatch = 256

    private let database: Database
    private var pending: [(event: AuditEvent, waiter: CheckedContinuation<Void, any Error>)] = []
    private var flushing = false

    init(database: Database) {
        self.database = database
    }

    func append(_ event: AuditEvent) async throws {
        // Called while holding the writer, this would wait for a batch that waits for the caller.
        if SQLiteWriter.isHeldByCurrentTask { throw StorageError.nestedWrite }
        try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
            pending.append((event, waiter))
            if !flushing {
                flushing = true
                Task.detached { await self.flush() }
            }
        }
    }

    private func flush() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.largestBatch))
            pending.removeFirst(batch.count)
            let events = batch.map(\.event)
            let kind = database.kind
            do {
                // A batch of audit records changes no page: cached pages stay current.
                try await database.transaction(changesContent: false) { db in try await AuditLog.append(events, on: db, kind: kind) }
                for entry in batch { entry.waiter.resume() }
            } catch {
                for entry in batch { entry.waiter.resume(throwing: error) }
            }
        }
        flushing = false
    }
}
