import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// Signed-in pages that are read far more often than what they show changes (Today, the
/// roster, a client's progress), kept rendered in memory for a short time.
///
/// A page is kept with the database's content generation it was read under and is served again
/// only while that generation is unchanged: any write this process commits (a journal entry, a
/// sign-out, a shared worksheet, anyone's) retires every kept page at once. The generation exists
/// only where this process is the one writer (SQLite); on PostgreSQL nothing is kept. `maxAge`
/// bounds the rest: writes by another process (the command line beside the server) and the time
/// a page's plain text stays in memory. The key names everything else a page depends on (which
/// page, the session and its form token, the person's time zone, the quarter hour, the address
/// the audit records name).
///
/// Audited reads stay audited: the reads a render audits are recorded with the page, and every
/// later serving appends the same records, durably, before the page is returned.
final class PersonalPageCache: Sendable {
    struct Entry: Sendable {
        let body: ByteBuffer
        let generation: UInt64
        let storedAt: Date
        let auditedReads: [AuditEvent]
    }

    /// Seconds a page is kept at most.
    static let maxAge: TimeInterval = 10
    /// Bytes and pages kept at most; past either, pages of older generations go, then the oldest half.
    static let byteBudget = 32 << 20
    static let pageBudget = 4_096

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
    }

    private let state = NIOLockedValueBox(State())
    private let clock: @Sendable () -> Date
    private let audit: AuditLog

    init(audit: AuditLog, clock: @escaping @Sendable () -> Date) {
        self.audit = audit
        self.clock = clock
    }

    /// The page under `key`: the kept one while it is current, else `render`'s, kept for next time.
    /// `generation` is nil where pages can't be kept (PostgreSQL): then it always renders.
    func page(_ key: String, generation: UInt64?, render: () async throws -> String) async throws -> ByteBuffer {
        guard let generation else { return ByteBuffer(string: try await render()) }
        let now = clock()
        if let kept = current(key, generation: generation, now: now) {
            try await reaudit(kept.auditedReads)
            return kept.body
        }
        // The generation is read before rendering, so a write during the render (this one's or
        // another request's) leaves this copy outdated from the start.
        let recorder = AuditLog.ReadRecorder()
        let body = ByteBuffer(string: try await AuditLog.$readRecorder.withValue(recorder) { try await render() })
        keep(Entry(body: body, generation: generation, storedAt: now, auditedReads: recorder.events), under: key)
        return body
    }

    /// The key of one page as seen in one session from one address. The quarter hour is part of
    /// it because every time zone's days begin on one: no kept page outlives the day it shows.
    static func key(_ page: String, session: Session, address: String?, now: Date) -> String {
        let quarterHour = Int64((now.timeIntervalSince1970 / 900).rounded(.down))
        return [page, session.idHash, session.csrfToken, (DisplayTime.zone ?? DisplayTime.utc).identifier,
                String(quarterHour), address ?? ""].joined(separator: "|")
    }

    /// Pages kept right now (for tests).
    var count: Int { state.withLockedValue { $0.entries.count } }

    private func reaudit(_ events: [AuditEvent]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for event in events { group.addTask { try await self.audit.append(event) } }
            try await group.waitForAll()
        }
    }

    private func current(_ key: String, generation: UInt64, now: Date) -> Entry? {
        state.withLockedValue { state in
            guard let entry = state.entries[key] else { return nil }
            if entry.generation == generation, now >= entry.storedAt, now.timeIntervalSince(entry.storedAt) < Self.maxAge {
                return entry
            }
            state.entries[key] = nil
            state.bytes -= entry.body.readableBytes
            return nil
        }
    }

    private func keep(_ entry: Entry, under key: String) {
        state.withLockedValue { state in
            if let old = state.entries.updateValue(entry, forKey: key) { state.bytes -= old.body.readableBytes }
            state.bytes += entry.body.readableBytes
            guard state.bytes > Self.byteBudget || state.entries.count > Self.pageBudget else { return }
            // Pages of an older generation can never be served again: they go first.
            state.entries = state.entries.filter { $0.value.generation == entry.generation }
            state.bytes = state.entries.values.reduce(0) { $0 + $1.body.readableBytes }
            if state.bytes > Self.byteBudget || state.entries.count > Self.pageBudget / 2 {
                let newestFirst = state.entries.sorted { $0.value.storedAt > $1.value.storedAt }
                state.entries = Dictionary(uniqueKeysWithValues: newestFirst.prefix(newestFirst.count / 2).map { ($0.key, $0.value) })
                state.bytes = state.entries.values.reduce(0) { $0 + $1.body.readableBytes }
            }
        }
    }
}
