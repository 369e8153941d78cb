import Foundation
import NIOCore

/// Signed-in pages that are read far more often than what they show changes (Today, the
/// roster, a client's progress), kept rendered in memory until the next write (see
/// `KeptUntilWrite`): any write this process commits (a journal entry, a sign-out, a shared
/// worksheet, anyone's) retires every kept page at once, and no page is kept longer than
/// `maxAge`. Only where this process is the one writer (SQLite); on PostgreSQL, where other app
/// processes write too, nothing is kept. The key names everything else a page depends on (which
/// page, the session and its form token, the person's time zone, the quarter hour, the address
/// the audit records name).
///
/// Audited reads stay audited: the reads a render audits are recorded with the page, and every
/// later serving appends the same records, durably, before the page is returned.
final class PersonalPageCache: Sendable {
    struct Page: Sendable {
        let body: ByteBuffer
        let auditedReads: [AuditEvent]
    }

    /// Seconds a page is kept at most.
    static let maxAge: TimeInterval = 10
    static let byteBudget = 32 << 20
    static let pageBudget = 4_096

    private let kept = KeptUntilWrite<Page>(maxAge: maxAge, maxCount: pageBudget, maxCost: byteBudget, cost: { $0.body.readableBytes })
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
        if let page = kept.value(key, generation: generation, now: now) {
            try await reaudit(page.auditedReads)
            return page.body
        }
        // The generation is read before rendering, so a write during the render (this one's or
        // another request's) leaves this copy outdated from the start.
        let recorder = AuditLog.ReadRecorder()
        let body = ByteBuffer(string: try await AuditLog.$readRecorder.withValue(recorder) { try await render() })
        kept.keep(Page(body: body, auditedReads: recorder.events), under: key, generation: generation, storedAt: now)
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
    var count: Int { kept.count }

    private func reaudit(_ events: [AuditEvent]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for event in events { group.addTask { try await self.audit.append(event) } }
            try await group.waitForAll()
        }
    }
}
