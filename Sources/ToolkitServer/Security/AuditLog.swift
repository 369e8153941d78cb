import Crypto
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// One thing that happened, without any of the content involved.
struct AuditEvent: Sendable {
    var actorID: String?
    var actorRole: String?
    var action: String
    var targetType: String?
    var targetID: String?
    /// The person whose data or account the event concerns.
    var subjectUserID: String?
    var outcome: Outcome
    var address: String?
    /// A short non-content note, such as the reason given for emergency access.
    var detail: String?

    enum Outcome: String, Sendable { case success, failure, denied }

    init(actorID: String? = nil, actorRole: String? = nil, action: String, targetType: String? = nil,
         targetID: String? = nil, subjectUserID: String? = nil, outcome: Outcome = .success,
         address: String? = nil, detail: String? = nil) {
        self.actorID = actorID
        self.actorRole = actorRole
        self.action = action
        self.targetType = targetType
        self.targetID = targetID
        self.subjectUserID = subjectUserID
        self.outcome = outcome
        self.address = address
        self.detail = detail
    }
}

/// A stored audit row.
struct AuditRecord: Codable, Sendable {
    var seq: Int64
    var at: Int64
    var actorId: String?
    var actorRole: String?
    var action: String
    var targetType: String?
    var targetId: String?
    var subjectUserId: String?
    var outcome: String
    var address: String?
    var detail: String?
    var prevHash: String
    var hash: String

    /// The hash covers every field and the previous row's hash, so changing, removing or
    /// reordering any row breaks the chain from there on.
    ///
    /// The hashed text is each field as `<length in bytes>:<field>`, the fields joined by `|`. It is
    /// fed to the hash a piece at a time rather than built as one string: every audited read
    /// hashes a record, and building the string cost more than hashing it.
    func computedHash() -> String {
        let fields: [String] = [
            String(seq), String(at), actorId ?? "", actorRole ?? "", action, targetType ?? "",
            targetId ?? "", subjectUserId ?? "", outcome, address ?? "", detail ?? "", prevHash,
        ]
        var hasher = SHA256()
        for (index, field) in fields.enumerated() {
            var piece = index == 0 ? "" : "|"
            piece += String(field.utf8.count)
            piece += ":"
            piece.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
            var field = field
            field.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        return Randomness.hex(hasher.finalize())
    }
}

/// Appends to and verifies the hash-chained audit trail.
struct AuditLog: Sendable {
    static let genesisHash = String(repeating: "0", count: 64)
    let database: Database
    private let groupCommit: AuditGroupCommit

    init(database: Database) {
        self.database = database
        self.groupCommit = AuditGroupCommit(database: database)
    }

    /// Appends within the caller's transaction, so the record and the action stand or fall together.
    func append(_ event: AuditEvent, on db: any SQLDatabase) async throws {
        try await Self.append([event], on: db, kind: database.kind)
    }

    /// Appends on its own and returns once the record is durable. Records from concurrent
    /// requests share one commit (group commit), so an audited read costs a fraction of a
    /// transaction; the caller serves nothing until this returns.
    func append(_ event: AuditEvent) async throws {
        try await append([event])
    }

    /// Appends several records on their own, in order, in one commit; returns once they are durable.
    /// A request answered under a `GenerationClaim` appends only if the generation is still the
    /// claimed one, which confirms the claim; otherwise this throws `GenerationMoved`, nothing
    /// appended, and the request is answered again.
    func append(_ events: [AuditEvent]) async throws {
        guard !events.isEmpty else { return }
        if let recorder = Self.readRecorder { for event in events { recorder.record(event) } }
        let claim = GenerationClaim.pending
        try await groupCommit.append(events, onlyIfGeneration: claim?.generation)
        claim?.markConfirmed()
    }

    /// Set while a page that may be kept is rendered: the audited reads it made, so that every
    /// later serving of the kept page appends them again (see PersonalPageCache).
    @TaskLocal static var readRecorder: ReadRecorder?

    /// Collects the records appended through `append(_:)` by a task and its child tasks.
    final class ReadRecorder: Sendable {
        private let recorded = NIOLockedValueBox<[AuditEvent]>([])
        func record(_ event: AuditEvent) { recorded.withLockedValue { $0.append(event) } }
        var events: [AuditEvent] { recorded.withLockedValue { $0 } }
    }

    /// Chains `events` onto the trail in order, in one statement, inside the caller's transaction.
    /// Returns the new last link of the chain.
    @discardableResult
    static func append(_ events: [AuditEvent], on db: any SQLDatabase, kind: Database.Kind) async throws -> ChainLink? {
        guard !events.isEmpty else { return nil }
        if kind == .postgresql { try await db.raw(takeTrailLock).run() }
        let last = try await db.select().columns("seq", "hash").from("audit_events")
            .orderBy("seq", .descending).limit(1)
            .first(decoding: ChainLink.self)
        return try await insert(events, after: last, on: db)
    }

    /// Chains `events` onto `tip` (nil: the trail is empty) in one INSERT and returns the new
    /// last link. The caller vouches that `tip` is the trail's last record; if another writer
    /// has appended since, the first new `seq` is already taken and the primary key refuses
    /// the whole statement.
    static func insert(_ events: [AuditEvent], after tip: ChainLink?, on db: any SQLDatabase) async throws -> ChainLink? {
        guard !events.isEmpty else { return tip }
        let records = chained(events, after: tip)
        let insert = db.insert(into: "audit_events").columns(columns)
        for record in records { insert.values(values(of: record)) }
        try await insert.run()
        return records.last.map { ChainLink(seq: $0.seq, hash: $0.hash) }
    }

    /// PostgreSQL: `insert(_:after:on:)` as one statement that first takes the trail's lock
    /// (held until the statement commits), so a transaction appending at the same moment waits
    /// for it and then reads it as the last record, as it would have waited for a transaction.
    ///
    /// The records go as one array per column, unnested into rows: the statement's text and its
    /// thirteen parameters are the same for every batch, where a row of parameters per record
    /// made PostgreSQL parse and plan a statement of a new shape for each batch. An empty field
    /// travels as an empty string and is stored as NULL; the hash reads either as empty.
    ///
    /// Given a generation, the records go in only if the content generation is still that one,
    /// read in the same statement; otherwise this throws `GenerationMoved`, nothing written.
    static func insertHoldingLock(_ events: [AuditEvent], after tip: ChainLink?, onlyIfGeneration generation: UInt64? = nil,
                                  on db: any SQLDatabase) async throws -> ChainLink? {
        guard !events.isEmpty else { return tip }
        let records = chained(events, after: tip)
        func texts(_ field: (AuditRecord) -> String?) -> [String] { records.map { field($0) ?? "" } }
        let insert: SQLQueryString = """
            INSERT INTO audit_events (\(idents: columns, joinedBy: ", ")) SELECT appended.seq, appended.at, \
            NULLIF(appended.actor_id, ''), NULLIF(appended.actor_role, ''), appended.action, NULLIF(appended.target_type, ''), \
            NULLIF(appended.target_id, ''), NULLIF(appended.subject_user_id, ''), appended.outcome, NULLIF(appended.address, ''), \
            NULLIF(appended.detail, ''), appended.prev_hash, appended.hash \
            FROM (SELECT \(trailLock)) AS trail_lock CROSS JOIN unnest(\
            \(bind: records.map(\.seq))::bigint[], \(bind: records.map(\.at))::bigint[], \
            \(bind: texts(\.actorId))::text[], \(bind: texts(\.actorRole))::text[], \(bind: texts(\.action))::text[], \
            \(bind: texts(\.targetType))::text[], \(bind: texts(\.targetId))::text[], \(bind: texts(\.subjectUserId))::text[], \
            \(bind: texts(\.outcome))::text[], \(bind: texts(\.address))::text[], \(bind: texts(\.detail))::text[], \
            \(bind: texts(\.prevHash))::text[], \(bind: texts(\.hash))::text[]\
            ) AS appended (\(idents: columns, joinedBy: ", "))
            """
        if let generation {
            let conditional: SQLQueryString = """
                WITH appended_rows AS (\(insert) \
                WHERE (SELECT last_value FROM content_generation) = \(bind: Int64(bitPattern: generation)) RETURNING 1) \
                SELECT count(*) AS appended FROM appended_rows
                """
            let appended = try await db.raw(conditional).first(decodingColumn: "appended", as: Int64.self) ?? 0
            guard appended == records.count else { throw GenerationMoved() }
        } else {
            try await db.execute(sql: insert) { _ in }
        }
        return records.last.map { ChainLink(seq: $0.seq, hash: $0.hash) }
    }

    /// Serialises appends across PostgreSQL processes (taken by `append` and
    /// `insertHoldingLock`); on SQLite the single writer already does. The lock is this schema's,
    /// as the trail is: an app in another schema of the same database (each test has one) keeps
    /// its own trail and needn't wait for this one.
    private static let trailLock: SQLQueryString = "pg_advisory_xact_lock(7311002, hashtext(coalesce(current_schema(), '')))"
    private static let takeTrailLock: SQLQueryString = "SELECT \(trailLock)"

    private static let columns = ["seq", "at", "actor_id", "actor_role", "action", "target_type", "target_id",
                                  "subject_user_id", "outcome", "address", "detail", "prev_hash", "hash"]

    /// `events` as records chained onto `tip`, hashes computed.
    private static func chained(_ events: [AuditEvent], after tip: ChainLink?) -> [AuditRecord] {
        var seq = tip?.seq ?? 0
        var previousHash = tip?.hash ?? genesisHash
        let at = Int64(Date().timeIntervalSince1970 * 1000)
        return events.map { event -> AuditRecord in
            seq += 1
            var record = AuditRecord(
                seq: seq, at: at,
                actorId: event.actorID, actorRole: event.actorRole, action: event.action,
                targetType: event.targetType, targetId: event.targetID, subjectUserId: event.subjectUserID,
                outcome: event.outcome.rawValue, address: event.address, detail: event.detail,
                prevHash: previousHash, hash: "")
            record.hash = record.computedHash()
            previousHash = record.hash
            return record
        }
    }

    /// One record's values in `columns` order. Named directly, not encoded: an audited read
    /// appends one of these, and deriving column names from property names was most of its
    /// cost. An empty field is written as NULL rather than bound: a bound optional takes the
    /// drivers' slow, general encoding path, and most records leave several fields empty.
    private static func values(of record: AuditRecord) -> [any SQLExpression] {
        func value(_ text: String?) -> any SQLExpression { text.map { SQLBind($0) } ?? SQLLiteral.null }
        return [
            SQLBind(record.seq), SQLBind(record.at), value(record.actorId), value(record.actorRole), SQLBind(record.action),
            value(record.targetType), value(record.targetId), value(record.subjectUserId), SQLBind(record.outcome),
            value(record.address), value(record.detail), SQLBind(record.prevHash), SQLBind(record.hash),
        ]
    }

    /// One record's place in the chain.
    struct ChainLink: Decodable, Sendable, Equatable { var seq: Int64; var hash: String }

    struct Verification: Sendable {
        var count: Int
        /// The first row whose hash or link is wrong, if any.
        var firstBrokenSeq: Int64?
        var ok: Bool { firstBrokenSeq == nil }
    }

    /// Walks the whole chain in order, recomputing every hash.
    func verify() async throws -> Verification {
        var expectedPrev = Self.genesisHash
        var expectedSeq: Int64 = 1
        var count = 0
        let pageSize = 1000
        while true {
            let page = try await database.sql.select().column("*").from("audit_events")
                .where("seq", .greaterThanOrEqual, expectedSeq).orderBy("seq").limit(pageSize)
                .all(decoding: AuditRecord.self, keyDecodingStrategy: .convertFromSnakeCase)
            for record in page {
                if record.seq != expectedSeq || record.prevHash != expectedPrev || record.computedHash() != record.hash {
                    return Verification(count: count, firstBrokenSeq: expectedSeq)
                }
                expectedPrev = record.hash
                expectedSeq += 1
                count += 1
            }
            if page.count < pageSize { break }
        }
        return Verification(count: count, firstBrokenSeq: nil)
    }

    func recent(limit: Int) async throws -> [AuditRecord] {
        try await database.sql.select().column("*").from("audit_events").orderBy("seq", .descending).limit(limit)
            .all(decoding: AuditRecord.self, keyDecodingStrategy: .convertFromSnakeCase)
    }
}

