import Foundation
import SQLKit
import ToolkitCore

/// What a therapist's workspace knows about their clients' shared work without opening any of it:
/// which items are shared, when each last changed, and which the therapist has opened since. Every
/// answer comes from ids, `shared` flags and times, in one statement per page however many
/// clients and entries there are; nothing here is client content, so nothing here needs a key.
/// The audit trail's reads by others are also read here, for the client's "Who saw my data".
struct SharedWorkStore: Sendable {
    let database: Database
    let audit: AuditLog

    /// A client on the roster: their latest shared change and how many shared items wait unread.
    struct RosterEntry: Sendable {
        var id: String
        var name: String
        var email: String
        var latestShared: Date?
        var unread: Int
    }

    /// One shared item, as a line in a list.
    struct Item: Sendable {
        var kind: SharedWorkKind
        var entryID: String
        var changedAt: Date
        var unread: Bool
    }

    struct ItemPage: Sendable {
        var items: [Item]
        var hasOlder: Bool
    }

    /// One read of a client's content by someone else.
    struct Access: Sendable {
        var seq: Int64
        var at: Date
        var actorName: String?
        var actorRole: String?
        var kind: SharedWorkKind?
        /// Whether one item was read (rather than a whole list of them).
        var single: Bool
    }

    struct AccessPage: Sendable {
        var accesses: [Access]
        /// Pass as `before` for the next (older) page; nil on the last page.
        var olderBefore: Int64?
    }

    static let itemPageSize = 50
    static let accessPageSize = 50

    /// Every shared item of the owners `owners` selects (a condition on `user_id`), as rows of
    /// kind, entry_id, user_id and changed_at (milliseconds): one UNION ALL over every kind.
    private static func sharedItems(owners: SQLQueryString) -> SQLQueryString {
        var query = SQLQueryString("")
        for (index, kind) in SharedWorkKind.allCases.enumerated() {
            if index > 0 { query.appendLiteral(" UNION ALL ") }
            query.appendLiteral("SELECT ")
            query.appendInterpolation(bind: kind.rawValue)
            query.appendLiteral(" AS kind, ")
            query.appendInterpolation(ident: kind.idColumn)
            query.appendLiteral(" AS entry_id, user_id, ")
            // The safety plan keeps seconds; every other kind milliseconds.
            query.appendLiteral(kind.keepsSeconds ? "updated_at * 1000" : "updated_at")
            query.appendLiteral(" AS changed_at FROM ")
            query.appendInterpolation(ident: kind.table)
            query.appendLiteral(" WHERE shared = 1 AND ")
            query.appendInterpolation(owners)
        }
        return query
    }

    /// The therapist's clients by name, each with the latest change to anything they share and
    /// how many shared items the therapist hasn't opened since: one statement for the whole roster.
    ///
    /// It never lists the shared items one by one (a year of daily practice is tens of thousands
    /// of them for a full caseload): per kind and client, the latest change and the number shared
    /// come from the `(user_id, shared, updated_at, id)` index alone, and the number already read
    /// since its last change from the therapist's read marks, which are few. Unread is the
    /// difference. (PostgreSQL sums counts as `numeric`, hence the casts.)
    func roster(therapistID: String) async throws -> [RosterEntry] {
        let clients: SQLQueryString = "user_id IN (SELECT id FROM users WHERE therapist_id = \(bind: therapistID) AND role = 'client')"
        var totals = SQLQueryString("")
        var read = SQLQueryString("")
        for (index, kind) in SharedWorkKind.allCases.enumerated() {
            if index > 0 {
                totals.appendLiteral(" UNION ALL ")
                read.appendLiteral(" UNION ALL ")
            }
            // The safety plan keeps seconds; every other kind milliseconds.
            let changed = kind.keepsSeconds ? "k.updated_at * 1000" : "k.updated_at"
            totals.appendLiteral("SELECT k.user_id, MAX(\(changed)) AS latest, COUNT(*) AS shared_count FROM ")
            totals.appendInterpolation(ident: kind.table)
            totals.appendLiteral(" k WHERE k.shared = 1 AND k.")
            totals.appendInterpolation(clients)
            totals.appendLiteral(" GROUP BY k.user_id")
            read.appendLiteral("SELECT m.client_id, COUNT(*) AS read_count FROM therapist_read_marks m JOIN ")
            read.appendInterpolation(ident: kind.table)
            read.appendLiteral(" k ON k.")
            read.appendInterpolation(ident: kind.idColumn)
            read.appendLiteral(" = m.entry_id AND k.user_id = m.client_id WHERE m.therapist_id = ")
            read.appendInterpolation(bind: therapistID)
            read.appendLiteral(" AND m.kind = ")
            read.appendInterpolation(bind: kind.rawValue)
            read.appendLiteral(" AND k.shared = 1 AND m.read_at >= \(changed) GROUP BY m.client_id")
        }
        let query: SQLQueryString = """
            SELECT u.id, u.name, u.email, a.latest, a.shared_count, r.read_count FROM users u
            LEFT JOIN (SELECT t.user_id, MAX(t.latest) AS latest, CAST(SUM(t.shared_count) AS BIGINT) AS shared_count FROM (\(totals)) t GROUP BY t.user_id) a
                ON a.user_id = u.id
            LEFT JOIN (SELECT c.client_id, CAST(SUM(c.read_count) AS BIGINT) AS read_count FROM (\(read)) c GROUP BY c.client_id) r
                ON r.client_id = u.id
            WHERE u.therapist_id = \(bind: therapistID) AND u.role = 'client'
            ORDER BY u.name, u.id
            """
        struct Row: Decodable {
            var id: String; var name: String; var email: String; var latest: Int64?; var sharedCount: Int64?; var readCount: Int64?
            enum CodingKeys: String, CodingKey { case id, name, email, latest, sharedCount = "shared_count", readCount = "read_count" }
        }
        let rows = try await database.read { db in try await db.raw(query).all(decoding: Row.self) }
        return rows.map { row in
            RosterEntry(id: row.id, name: row.name, email: row.email, latestShared: row.latest.map(Self.date),
                        unread: max(0, Int(row.sharedCount ?? 0) - Int(row.readCount ?? 0)))
        }
    }

    /// A client's shared items, newest change first, a page at a time; nil when the account isn't
    /// a client of this therapist (audited as denied). Times and ids only: nothing is opened.
    func items(clientID: String, therapist: User, page: Int, address: String?) async throws -> (client: User, page: ItemPage)? {
        let found = try await database.read { db -> (client: User, page: ItemPage)? in
            guard let client = try await Self.client(clientID, of: therapist, on: db) else { return nil }
            let owner: SQLQueryString = "user_id = \(bind: client.id)"
            let offset = max(0, page) * Self.itemPageSize
            let query: SQLQueryString = """
                SELECT s.kind, s.entry_id, s.changed_at, m.read_at FROM (\(Self.sharedItems(owners: owner))) s
                LEFT JOIN therapist_read_marks m ON m.therapist_id = \(bind: therapist.id) AND m.kind = s.kind AND m.entry_id = s.entry_id
                ORDER BY s.changed_at DESC, s.kind, s.entry_id DESC
                LIMIT \(bind: Self.itemPageSize + 1) OFFSET \(bind: offset)
                """
            struct Row: Decodable { var kind: String; var entryId: String; var changedAt: Int64; var readAt: Int64? }
            let rows = try await db.raw(query).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
            let items = rows.prefix(Self.itemPageSize).compactMap { row -> Item? in
                guard let kind = SharedWorkKind(rawValue: row.kind) else { return nil }
                let changed = Self.date(row.changedAt)
                return Item(kind: kind, entryID: row.entryId, changedAt: changed,
                            unread: RosterRules.isUnread(changedAt: changed, readAt: row.readAt.map(Self.date)))
            }
            return (client, ItemPage(items: items, hasOlder: rows.count > Self.itemPageSize))
        }
        guard let found else {
            try await audit.append(AuditEvent(actorID: therapist.id, actorRole: therapist.role, action: "shared-work.list",
                                              targetType: "client", targetID: clientID, subjectUserID: clientID, outcome: .denied,
                                              address: address))
            return nil
        }
        return found
    }

    /// What this client shares right now that changed since a moment: kinds and times only, for
    /// the summary they send before a session.
    func sharedChanges(ownerID: String, since: Date) async throws -> [(kind: SharedWorkKind, changedAt: Date)] {
        let owner: SQLQueryString = "user_id = \(bind: ownerID)"
        let query: SQLQueryString = """
            SELECT s.kind, s.changed_at FROM (\(Self.sharedItems(owners: owner))) s
            WHERE s.changed_at >= \(bind: Int64(since.timeIntervalSince1970 * 1000))
            """
        struct Row: Decodable { var kind: String; var changedAt: Int64 }
        let rows = try await database.read { db in try await db.raw(query).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase) }
        return rows.compactMap { row in SharedWorkKind(rawValue: row.kind).map { (kind: $0, changedAt: Self.date(row.changedAt)) } }
    }

    /// Records that the therapist opened a shared item now (ids and a time, nothing more).
    func markRead(_ kind: SharedWorkKind, entryID: String, clientID: String, therapist: User) async throws {
        try await database.sql.insert(into: "therapist_read_marks")
            .columns("therapist_id", "client_id", "kind", "entry_id", "read_at")
            .values(SQLBind(therapist.id), SQLBind(clientID), SQLBind(kind.rawValue), SQLBind(entryID),
                    SQLBind(Int64(Date().timeIntervalSince1970 * 1000)))
            .onConflict(with: ["therapist_id", "kind", "entry_id"]) { conflict in
                conflict.set(excludedValueOf: "read_at").set(excludedValueOf: "client_id")
            }
            .run()
    }

    /// Every successful read of this person's content by anyone else, newest first, from the
    /// audit trail: who (by name and role), which kind, when. `before` continues from a page.
    /// The condition `actor_id <> subject_user_id` is spelled as the partial index is, so the
    /// index of others' records serves it.
    func accesses(subjectID: String, before: Int64?, limit: Int = SharedWorkStore.accessPageSize) async throws -> AccessPage {
        var query: SQLQueryString = """
            SELECT audit_events.seq, audit_events.at, audit_events.actor_role, audit_events.target_type, audit_events.target_id,
                   users.name AS actor_name
            FROM audit_events LEFT JOIN users ON users.id = audit_events.actor_id
            WHERE audit_events.subject_user_id = \(bind: subjectID) AND audit_events.actor_id <> audit_events.subject_user_id
              AND audit_events.outcome = 'success' AND audit_events.action LIKE '%.read'
            """
        if let before { query += " AND audit_events.seq < \(bind: before)" }
        query += " ORDER BY audit_events.seq DESC LIMIT \(bind: limit + 1)"
        struct Row: Decodable {
            var seq: Int64; var at: Int64; var actorRole: String?; var targetType: String?; var targetId: String?; var actorName: String?
        }
        let statement = query
        let rows = try await database.read { db in
            try await db.raw(statement).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
        let shown = rows.prefix(limit).map { row in
            Access(seq: row.seq, at: Self.date(row.at), actorName: row.actorName, actorRole: row.actorRole,
                   kind: SharedWorkKind(auditTargetType: row.targetType),
                   single: row.targetId != nil && row.targetId != subjectID)
        }
        return AccessPage(accesses: shown, olderBefore: rows.count > limit ? shown.last?.seq : nil)
    }

    /// The account with this id when it is a client of this therapist (as `ProtectedStore` decides).
    static func client(_ clientID: String, of therapist: User, on db: any SQLDatabase) async throws -> User? {
        let client = try await db.select().column("*").from("users").where("id", .equal, clientID)
            .first(decoding: User.self, keyDecodingStrategy: .convertFromSnakeCase)
        return client?.userRole == .client && client?.therapistId == therapist.id ? client : nil
    }

    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000) }
}

extension SharedWorkKind {
    /// Where the kind is kept.
    var table: String {
        switch self {
        case .journal: "journal_entries"
        case .thoughtRecord: "thought_records"
        case .criticLine: "critic_answers"
        case .practiceRecord: "practice_log_entries"
        case .worksheet: "saved_worksheets"
        case .goal: "goals"
        case .selfCareCheckIn: "self_care_check_ins"
        case .selfCarePlan: "self_care_plans"
        case .safetyPlan: "safety_plans"
        case .sessionSummary: "session_summaries"
        }
    }

    /// A document's id is its owner's.
    var idColumn: String { isDocument ? "user_id" : "id" }
    var keepsSeconds: Bool { self == .safetyPlan }
}
