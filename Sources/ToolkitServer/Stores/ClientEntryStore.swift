import Foundation
import SQLKit
import ToolkitCore

/// A kind of the client's own writing (journal entries, thought records, ...), one table each
/// with the same shape: sealed with the owner's key, every write audited in its own transaction,
/// every read audited before anything is returned. Only the owner reads or changes an entry; a
/// therapist reads only entries their own client has shared.
struct ClientEntryStore<Entry: Codable & Sendable>: Sendable {
    let store: ProtectedStore
    let kind: Kind

    struct Kind: Sendable {
        /// The table: id, created_at and updated_at (milliseconds), user_id, shared, content.
        var table: String
        /// Audit actions are "<prefix>.write", ".read", ".delete", ".share", ".unshare".
        var actionPrefix: String
        var targetType: String
    }

    init(_ kind: Kind, database: Database, keys: KeyStore, audit: AuditLog) {
        self.kind = kind
        store = ProtectedStore(database: database, keys: keys, audit: audit)
    }

    struct Loaded: Sendable {
        var id: String
        var entry: Entry
        var createdAt: Date
        var updatedAt: Date
        var shared: Bool
    }

    /// A page of the newest entries, and whether there are older ones.
    struct Page: Sendable {
        var entries: [Loaded]
        var hasOlder: Bool
    }

    static var pageSize: Int { 20 }

    /// Entries keep milliseconds, so two written in the same second still list in order.
    static var nowMilliseconds: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    func binding(id: String, ownerID: String) -> EncryptedText.Binding {
        .init(table: kind.table, rowID: id, ownerID: ownerID, field: "content")
    }

    private func event(_ action: String, owner: User, actor: User? = nil, id: String? = nil, address: String?,
                       outcome: AuditEvent.Outcome = .success) -> AuditEvent {
        let actor = actor ?? owner
        return AuditEvent(actorID: actor.id, actorRole: actor.role, action: "\(kind.actionPrefix).\(action)", targetType: kind.targetType, targetID: id,
                          subjectUserID: owner.id, outcome: outcome, address: address)
    }

    /// `alongside` runs in the same transaction with the new id (an assignment's completion).
    /// `shared` decides sharing from the start (a summary is written to be sent); left nil, the
    /// client's choice for the whole kind decides.
    func create(_ entry: Entry, for owner: User, address: String?, shared sharedFromStart: Bool? = nil,
                alongside: (@Sendable (_ db: any SQLDatabase, _ id: String) async throws -> Void)? = nil) async throws -> String {
        try await store.database.transaction { db in
            let id = Randomness.identifier()
            let now = Self.nowMilliseconds
            let sealed = try await store.seal(entry, ownerID: owner.id, binding: binding(id: id, ownerID: owner.id), on: db)
            // A client who shares everything of this kind shares each new entry from the start.
            var shared = sharedFromStart ?? false
            if sharedFromStart == nil { shared = try await table.sharesAll(ownerID: owner.id, on: db) }
            try await db.insert(into: kind.table).model(
                ClientEntryRecord(id: id, createdAt: now, updatedAt: now, userId: owner.id, shared: shared ? 1 : 0, content: sealed),
                keyEncodingStrategy: .convertToSnakeCase).run()
            try await store.audit.append(event("write", owner: owner, id: id, address: address), on: db)
            try await alongside?(db, id)
            return id
        }
    }

    /// Replaces the entry's text; false when the owner has no such entry.
    func update(id: String, to entry: Entry, for owner: User, address: String?) async throws -> Bool {
        try await store.database.transaction { db in
            let sealed = try await store.seal(entry, ownerID: owner.id, binding: binding(id: id, ownerID: owner.id), on: db)
            guard try await db.update(kind.table).set("content", to: sealed)
                .set("updated_at", to: Self.nowMilliseconds)
                .where("id", .equal, id).where("user_id", .equal, owner.id)
                .returning("id").first(decoding: ClientEntryRow.self) != nil else { return false }
            try await store.audit.append(event("write", owner: owner, id: id, address: address), on: db)
            return true
        }
    }

    /// Changes an entry from what is saved now, not from what a page showed earlier: two devices
    /// changing different parts at the same moment both keep their change. The first statement
    /// touches the row, which the database serialises (a row lock on PostgreSQL, the single writer
    /// on SQLite), and hands back its latest content. `change` returns nil to leave it as it was.
    /// Nil when the owner has no such entry; otherwise the entry before and after.
    func modify(id: String, for owner: User, address: String?,
                _ change: @escaping @Sendable (Entry) throws -> Entry?) async throws -> (before: Entry, after: Entry)? {
        do {
            return try await modifying(id: id, for: owner, address: address, change)
        } catch let unchanged as Unchanged {
            return (unchanged.entry, unchanged.entry)  // Rolled back: not even the time is touched.
        }
    }

    private struct Unchanged: Error { let entry: Entry }

    private func modifying(id: String, for owner: User, address: String?,
                           _ change: @escaping @Sendable (Entry) throws -> Entry?) async throws -> (before: Entry, after: Entry)? {
        try await store.database.transaction { db in
            guard let claimed = try await db.update(kind.table).set("updated_at", to: Self.nowMilliseconds)
                .where("id", .equal, id).where("user_id", .equal, owner.id)
                .returning("content").first(decoding: ClientEntryContent.self) else { return nil }
            let before = try await store.open(Entry.self, claimed.content, ownerID: owner.id, binding: binding(id: id, ownerID: owner.id), on: db)
            guard let after = try change(before) else { throw Unchanged(entry: before) }
            let sealed = try await store.seal(after, ownerID: owner.id, binding: binding(id: id, ownerID: owner.id), on: db)
            try await db.update(kind.table).set("content", to: sealed).where("id", .equal, id).where("user_id", .equal, owner.id).run()
            try await store.audit.append(event("write", owner: owner, id: id, address: address), on: db)
            return (before, after)
        }
    }

    func delete(id: String, for owner: User, address: String?) async throws -> Bool {
        try await store.database.transaction { db in
            guard try await db.delete(from: kind.table).where("id", .equal, id).where("user_id", .equal, owner.id)
                .returning("id").first(decoding: ClientEntryRow.self) != nil else { return false }
            try await store.audit.append(event("delete", owner: owner, id: id, address: address), on: db)
            return true
        }
    }

    func setShared(_ shared: Bool, id: String, for owner: User, address: String?) async throws -> Bool {
        try await store.database.transaction { db in
            guard try await db.update(kind.table).set("shared", to: shared ? 1 : 0)
                .where("id", .equal, id).where("user_id", .equal, owner.id)
                .returning("id").first(decoding: ClientEntryRow.self) != nil else { return false }
            try await store.audit.append(event(shared ? "share" : "unshare", owner: owner, id: id, address: address), on: db)
            return true
        }
    }

    /// The table's sharing switch, counts and activity, which need no content.
    var table: EntryTable {
        EntryTable(database: store.database, audit: store.audit, table: kind.table, actionPrefix: kind.actionPrefix, targetType: kind.targetType)
    }

    func setSharesAll(_ shared: Bool, for owner: User, address: String?) async throws {
        try await table.setSharesAll(shared, for: owner, address: address)
    }

    func sharesAll(for owner: User) async throws -> Bool { try await table.sharesAll(for: owner) }
    func counts(for owner: User) async throws -> (all: Int, shared: Int) { try await table.counts(for: owner) }
    func activity(for owner: User, since: Date) async throws -> (since: Int, latest: Date?) {
        try await table.activity(for: owner, since: since)
    }

    /// The owner's shared entries, newest first, as their therapist would see them: for the
    /// owner's own "What my therapist can see" page, audited as the owner's read.
    func sharedByOwner(_ owner: User, address: String?) async throws -> [Loaded] {
        async let audited: Void = store.audit.append(event("read", owner: owner, address: address))
        let found = try await store.database.read { db in
            try await self.records(on: db, owner: owner.id) { $0.where("shared", .equal, 1) }
        }
        try await audited
        return found
    }

    /// One of the owner's entries, audited as a read.
    func load(id: String, for owner: User, address: String?) async throws -> Loaded? {
        async let audited: Void = store.audit.append(event("read", owner: owner, id: id, address: address))
        let loaded = try await store.database.read { db in
            try await self.records(on: db, owner: owner.id) { $0.where("id", .equal, id) }.first
        }
        try await audited
        return loaded
    }

    /// The owner's entries, newest first; `before` continues from an earlier page (an entry id).
    func page(for owner: User, before: String? = nil, address: String?) async throws -> Page {
        async let audited: Void = store.audit.append(event("read", owner: owner, address: address))
        let found = try await store.database.read { db -> (loaded: [Loaded], more: Bool) in
            var cursor: (createdAt: Int64, id: String)?
            if let before {
                cursor = try await db.select().column("created_at").column("id").from(kind.table)
                    .where("id", .equal, before).where("user_id", .equal, owner.id)
                    .first(decoding: ClientEntryCursor.self, keyDecodingStrategy: .convertFromSnakeCase).map { ($0.createdAt, $0.id) }
            }
            return try await self.recordsAndMore(on: db, owner: owner.id, opening: Self.pageSize) { query in
                guard let cursor else { return query }
                // Keyset paging: strictly older than the last entry shown, ties broken by id.
                return query.where { group in
                    group.where("created_at", .lessThan, cursor.createdAt)
                        .orWhere { $0.where("created_at", .equal, cursor.createdAt).where("id", .lessThan, cursor.id) }
                }
            }
        }
        try await audited
        return Page(entries: found.loaded, hasOlder: found.more)
    }

    /// Every entry, for the owner's export.
    func all(for owner: User, address: String?) async throws -> [Loaded] {
        try await store.audit.append(event("read", owner: owner, address: address))
        return try await store.database.read { db in try await self.records(on: db, owner: owner.id) { $0 } }
    }

    /// The owner's entries written since a moment, newest first: what a summary of recent weeks
    /// needs without opening everything ever written.
    func written(since: Date, for owner: User, address: String?) async throws -> [Loaded] {
        try await store.audit.append(event("read", owner: owner, address: address))
        let milliseconds = Int64(since.timeIntervalSince1970 * 1000)
        return try await store.database.read { db in
            try await self.records(on: db, owner: owner.id) { $0.where("created_at", .greaterThanOrEqual, milliseconds) }
        }
    }

    /// What a client's own therapist may read: shared entries only. Reads are audited with the
    /// therapist as actor; anyone else gets nothing, audited as denied.
    func shared(clientID: String, therapist: User, address: String?) async throws -> [Loaded]? {
        guard let client = try await store.database.read({ db in try await store.client(clientID, of: therapist, on: db) }) else {
            try await store.audit.append(AuditEvent(actorID: therapist.id, actorRole: therapist.role, action: "\(kind.actionPrefix).read",
                                                    targetType: kind.targetType, subjectUserID: clientID, outcome: .denied, address: address))
            return nil
        }
        try await store.audit.append(event("read", owner: client, actor: therapist, address: address))
        return try await store.database.read { db in
            try await self.records(on: db, owner: client.id) { $0.where("shared", .equal, 1) }
        }
    }

    /// One shared entry of a client of this therapist. The attempt is on the audit trail (with
    /// the client as subject, so it shows on their "Who saw my data") before anything is opened;
    /// someone else's client, an entry that isn't shared or doesn't exist: nil, audited as denied.
    func sharedEntry(id: String, clientID: String, therapist: User, address: String?) async throws -> (client: User, entry: Loaded)? {
        let client = try await store.database.read { db -> User? in
            guard let client = try await store.client(clientID, of: therapist, on: db) else { return nil }
            let shared = try await db.select().column("id").from(kind.table)
                .where("id", .equal, id).where("user_id", .equal, client.id).where("shared", .equal, 1).first()
            return shared == nil ? nil : client
        }
        guard let client else {
            try await store.audit.append(AuditEvent(actorID: therapist.id, actorRole: therapist.role, action: "\(kind.actionPrefix).read",
                                                    targetType: kind.targetType, targetID: id, subjectUserID: clientID,
                                                    outcome: .denied, address: address))
            return nil
        }
        try await store.audit.append(event("read", owner: client, actor: therapist, id: id, address: address))
        // Sharing is checked again as the entry is opened: a share revoked a moment ago wins.
        let loaded = try await store.database.read { db in
            try await self.records(on: db, owner: client.id) { $0.where("id", .equal, id).where("shared", .equal, 1) }.first
        }
        return loaded.map { (client, $0) }
    }

    /// The owner's entries, newest first, opened with their key (fetched once). With `opening`,
    /// one row more is read than is opened, to learn whether there are older ones.
    private func records(on db: any SQLDatabase, owner ownerID: String, opening limit: Int? = nil,
                         _ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [Loaded] {
        try await recordsAndMore(on: db, owner: ownerID, opening: limit, filter).loaded
    }

    private func recordsAndMore(on db: any SQLDatabase, owner ownerID: String, opening limit: Int? = nil,
                                _ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> (loaded: [Loaded], more: Bool) {
        var query = filter(db.select().column("*").from(kind.table).where("user_id", .equal, ownerID))
            .orderBy("created_at", .descending).orderBy("id", .descending)
        if let limit { query = query.limit(limit + 1) }
        let rows = try await query.all(decoding: ClientEntryRecord.self, keyDecodingStrategy: .convertFromSnakeCase)
        guard !rows.isEmpty else { return ([], false) }
        let key = try await store.key(for: ownerID, on: db)
        var loaded: [Loaded] = []
        for row in rows.prefix(limit ?? rows.count) {
            let entry = try store.open(Entry.self, row.content, with: key, binding: binding(id: row.id, ownerID: ownerID))
            loaded.append(Loaded(id: row.id, entry: entry, createdAt: Date(timeIntervalSince1970: TimeInterval(row.createdAt) / 1000),
                                 updatedAt: Date(timeIntervalSince1970: TimeInterval(row.updatedAt) / 1000), shared: row.shared != 0))
        }
        return (loaded, rows.count > loaded.count)
    }
}

/// The id a write returns, proving the row was the owner's.
private struct ClientEntryRow: Decodable { var id: String }
/// An entry's sealed content, as a change claims it.
private struct ClientEntryContent: Decodable { var content: String }
/// Where a page of entries starts.
private struct ClientEntryCursor: Decodable { var createdAt: Int64; var id: String }
