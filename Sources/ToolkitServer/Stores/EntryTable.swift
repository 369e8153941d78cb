import Foundation
import SQLKit

/// What every table of a client's entries can answer without opening anything they wrote: the
/// "share everything of this kind" switch, how many there are and how many are shared, and when
/// the latest was written. The table needs `user_id`, `shared` and `created_at` (milliseconds).
struct EntryTable: Sendable {
    let database: Database
    let audit: AuditLog
    let table: String
    /// Audit actions are "<prefix>.share-all" and "<prefix>.unshare-all".
    let actionPrefix: String
    let targetType: String

    /// Shares (or stops sharing) every entry of this kind at once, and sets whether new entries
    /// start shared. Entries shared one by one stay as they are when sharing everything is
    /// turned on; turning it off makes every entry of the kind private again.
    func setSharesAll(_ shared: Bool, for owner: User, address: String?) async throws {
        try await database.transaction { db in
            try await db.insert(into: "sharing_preferences")
                .columns("user_id", "entry_kind", "shares_all", "updated_at")
                .values(SQLBind(owner.id), SQLBind(table), SQLBind(shared ? 1 : 0), SQLBind(Int64(Date().timeIntervalSince1970 * 1000)))
                .onConflict(with: ["user_id", "entry_kind"]) { conflict in
                    conflict.set(excludedValueOf: "shares_all").set(excludedValueOf: "updated_at")
                }
                .run()
            try await db.update(table).set("shared", to: shared ? 1 : 0).where("user_id", .equal, owner.id).run()
            try await audit.append(AuditEvent(actorID: owner.id, actorRole: owner.role, action: "\(actionPrefix).\(shared ? "share-all" : "unshare-all")",
                                              targetType: targetType, subjectUserID: owner.id, address: address), on: db)
        }
    }

    /// Whether the owner shares everything of this kind (new entries start shared).
    func sharesAll(for owner: User) async throws -> Bool {
        try await database.read { db in try await self.sharesAll(ownerID: owner.id, on: db) }
    }

    func sharesAll(ownerID: String, on db: any SQLDatabase) async throws -> Bool {
        try await db.select().column("shares_all").from("sharing_preferences")
            .where("user_id", .equal, ownerID).where("entry_kind", .equal, table)
            .first(decoding: SharingPreferenceRow.self, keyDecodingStrategy: .convertFromSnakeCase)?.sharesAll == 1
    }

    /// How many entries the owner has, and how many of them are shared: no content, no audit.
    func counts(for owner: User) async throws -> (all: Int, shared: Int) {
        try await database.read { db in
            let rows = try await db.select().column("shared").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(table).where("user_id", .equal, owner.id).groupBy("shared")
                .all(decoding: SharedCountRow.self)
            return (rows.reduce(0) { $0 + $1.n }, rows.filter { $0.shared != 0 }.reduce(0) { $0 + $1.n })
        }
    }

    /// When the owner last wrote one of these and how many since `since`: times only, no content,
    /// so nothing is opened and nothing needs auditing. Today's "Recently" is built from it.
    func activity(for owner: User, since: Date) async throws -> (since: Int, latest: Date?) {
        let sinceMilliseconds = Int64(since.timeIntervalSince1970 * 1000)
        return try await database.read { db in
            let latest = try await db.select().column("created_at").from(table).where("user_id", .equal, owner.id)
                .orderBy("created_at", .descending).limit(1)
                .first(decodingColumn: "created_at", as: Int64.self)
            let recent = try await db.select().column("created_at").from(table).where("user_id", .equal, owner.id)
                .where("created_at", .greaterThanOrEqual, sinceMilliseconds)
                .orderBy("created_at", .descending).limit(100)
                .all(decodingColumn: "created_at", as: Int64.self)
            return (recent.count, latest.map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) })
        }
    }

    /// How many the owner has in each table, how many since `since`, and the latest time: one
    /// statement for every table (Today asks for all of them on each visit). Times only.
    struct Activity: Sendable, Equatable {
        var total: Int
        var since: Int
        var latest: Date?
    }

    static func activity(of tables: [String], for owner: User, since: Date, on database: Database) async throws -> [String: Activity] {
        guard !tables.isEmpty else { return [:] }
        let sinceMilliseconds = Int64(since.timeIntervalSince1970 * 1000)
        var query = SQLQueryString("")
        for (index, table) in tables.enumerated() {
            if index > 0 { query.appendLiteral(" UNION ALL ") }
            // The table name goes in as a quoted identifier, never as raw text.
            query.appendLiteral("SELECT ")
            query.appendInterpolation(bind: table)
            query.appendLiteral(" AS entry_table, COUNT(*) AS total, COALESCE(SUM(CASE WHEN created_at >= ")
            query.appendInterpolation(bind: sinceMilliseconds)
            query.appendLiteral(" THEN 1 ELSE 0 END), 0) AS recent, MAX(created_at) AS latest FROM ")
            query.appendInterpolation(ident: table)
            query.appendLiteral(" WHERE user_id = ")
            query.appendInterpolation(bind: owner.id)
        }
        struct Row: Decodable { var entryTable: String; var total: Int64; var recent: Int64; var latest: Int64? }
        let statement = query
        let rows = try await database.read { db in
            try await db.raw(statement).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
        return Dictionary(rows.map { row in
            (row.entryTable, Activity(total: Int(row.total), since: Int(row.recent),
                                      latest: row.latest.map { Date(timeIntervalSince1970: TimeInterval($0) / 1000) }))
        }, uniquingKeysWith: { first, _ in first })
    }

}

private struct SharingPreferenceRow: Decodable { var sharesAll: Int }
private struct SharedCountRow: Decodable { var shared: Int; var n: Int }
