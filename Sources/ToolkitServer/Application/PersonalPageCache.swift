import Foundation
import NIOConcurrencyHelpers
import NIOCore

/// Signed-in pages that are read far more often than what they show changes (Today, the
/// roster, a client's progress), kept rendered in memory until the next write (see
/// `KeptUntilWrite`): any write this process commits (a journal entry, a sign-out, a shared
/// worksheet, anyone's, in any app process) retires every kept page at once. Age retires it too:
/// a page younger than `refreshAge` is served as kept; after that the next request renders it
/// afresh (and waits for that render), while requests arriving during the render are given the
/// kept page if it is younger than `maxAge`. So a person opening a page after a pause always sees
/// it rendered anew, and a burst of requests for an aged page doesn't all wait behind one render
/// (a 200-client roster takes 60-100 ms to render on PostgreSQL). The key names everything else a
/// page depends on (which page, the session and its form token, the person's time zone, the
/// quarter hour, the address the audit records name).
///
/// Audited reads stay audited: the reads a render audits are recorded with the page, and every
/// later serving appends the same records, durably, before the page is returned.
final class PersonalPageCache: Sendable {
    struct Page: Sendable {
        let body: ByteBuffer
        let auditedReads: [AuditEvent]
    }

    /// Seconds a page is kept at most; past `refreshAge` it is served only while a render of it
    /// is under way.
    static let maxAge: TimeInterval = 30
    /// Seconds a page is served as kept; past this age the next request renders it afresh while
    /// the others are still served the kept one, so a page in use is never found expired by
    /// everyone at once.
    static let refreshAge: TimeInterval = 8
    static let byteBudget = 32 << 20
    static let pageBudget = 4_096

    private let kept = KeptUntilWrite<Page>(maxAge: maxAge, maxCount: pageBudget, maxCost: byteBudget, cost: { $0.body.readableBytes })
    /// Renders under way, so that requests for the same page wait for one render instead of each
    /// starting their own (after a write, every kept page is gone at once).
    private let rendering = NIOLockedValueBox<[String: (generation: UInt64, task: Task<Page, any Error>)]>([:])
    private let clock: @Sendable () -> Date
    private let audit: AuditLog

    init(audit: AuditLog, clock: @escaping @Sendable () -> Date) {
        self.audit = audit
        self.clock = clock
    }

    /// The page under `key`: the kept one while it is current, else `render`'s, kept for next time.
    /// `generation` is nil when it couldn't be read: then it always renders.
    func page(_ key: String, generation: UInt64?, render: @escaping @Sendable () async throws -> String) async throws -> ByteBuffer {
        guard let generation else { return ByteBuffer(string: try await render()) }
        let now = clock()
        if let (page, storedAt) = kept.kept(key, generation: generation, now: now) {
            // Fresh enough, or old and another request is already rendering it anew: the kept one.
            guard now.timeIntervalSince(storedAt) >= Self.refreshAge, let task = startRender(key, generation: generation, now: now, render) else {
                try await reaudit(page.auditedReads)
                return page.body
            }
            return try await task.value.body
        }
        let (task, started) = renderTask(key, generation: generation, now: now, render)
        if started { return try await task.value.body }
        // Another request with the same key (the same session, address and page) is rendering:
        // its page, with this request's own audit records. If that render fails, this one renders
        // for itself, so a refusal is audited once per request.
        guard let page = try? await task.value else { return ByteBuffer(string: try await render()) }
        try await reaudit(page.auditedReads)
        return page.body
    }

    /// The render under way for `key` and `generation`, or a new one (`started`) this request waits for.
    private func renderTask(_ key: String, generation: UInt64, now: Date,
                            _ render: @escaping @Sendable () async throws -> String) -> (Task<Page, any Error>, started: Bool) {
        rendering.withLockedValue { rendering in
            if let running = rendering[key], running.generation == generation { return (running.task, false) }
            return (start(key, generation: generation, now: now, render, in: &rendering), true)
        }
    }

    /// A new render of `key`, unless one is under way: then nil.
    private func startRender(_ key: String, generation: UInt64, now: Date,
                             _ render: @escaping @Sendable () async throws -> String) -> Task<Page, any Error>? {
        rendering.withLockedValue { rendering in
            rendering[key] == nil ? start(key, generation: generation, now: now, render, in: &rendering) : nil
        }
    }

    /// Starts rendering `key`. The page is kept with `generation`, read before the render began:
    /// a write during the render (this one's or another request's) leaves it outdated from the
    /// start. The reads the render audits are recorded with it.
    private func start(_ key: String, generation: UInt64, now: Date, _ render: @escaping @Sendable () async throws -> String,
                       in rendering: inout [String: (generation: UInt64, task: Task<Page, any Error>)]) -> Task<Page, any Error> {
        let task = Task { [kept] in
            let recorder = AuditLog.ReadRecorder()
            do {
                let body = ByteBuffer(string: try await AuditLog.$readRecorder.withValue(recorder) { try await render() })
                let page = Page(body: body, auditedReads: recorder.events)
                kept.keep(page, under: key, generation: generation, storedAt: now)
                self.finished(key, generation: generation)
                return page
            } catch {
                self.finished(key, generation: generation)
                throw error
            }
        }
        rendering[key] = (generation, task)
        return task
    }

    private func finished(_ key: String, generation: UInt64) {
        rendering.withLockedValue { rendering in
            if rendering[key]?.generation == generation { rendering[key] = nil }
        }
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
        try await audit.append(events)
    }
}
