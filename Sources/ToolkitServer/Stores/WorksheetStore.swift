import Foundation
import SQLKit
import ToolkitCore

/// Library worksheets a client has filled in. Like the safety plan, every save is a new sealed
/// version written in one transaction with its audit record, and every read is audited before
/// anything is returned. Only the owner reads or changes a sheet; a therapist reads only the
/// sheets their own client has shared.
struct WorksheetStore: Sendable {
    let store: ProtectedStore

    init(database: Database, keys: KeyStore, audit: AuditLog) {
        store = ProtectedStore(database: database, keys: keys, audit: audit)
    }

    /// One version of one sheet (the current one unless a version was asked for).
    struct Loaded: Sendable {
        var id: String
        var sheet: SavedWorksheet
        var version: Int
        var currentVersion: Int
        /// When the sheet was first saved.
        var createdAt: Date
        /// When this version was saved.
        var savedAt: Date
        var shared: Bool

        var isCurrent: Bool { version == currentVersion }
    }

    /// A sheet with every version, oldest first, for the owner's export.
    struct Exported: Sendable {
        var current: Loaded
        var versions: [Loaded]
    }

    /// Times keep milliseconds, so sheets saved in the same second still list in order.
    static var nowMilliseconds: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// Each version is bound to its own row, its sheet and its owner: a sealed version moved to
    /// another sheet or account no longer opens.
    static func binding(sheetID: String, versionID: String, ownerID: String) -> EncryptedText.Binding {
        .init(table: "saved_worksheet_versions", rowID: "\(sheetID)/\(versionID)", ownerID: ownerID, field: "content")
    }

    private func event(_ action: String, owner: User, actor: User? = nil, id: String? = nil, address: String?,
                       outcome: AuditEvent.Outcome = .success, detail: String? = nil) -> AuditEvent {
        let actor = actor ?? owner
        return AuditEvent(actorID: actor.id, actorRole: actor.role, action: "worksheet.\(action)", targetType: "worksheet", targetID: id,
                          subjectUserID: owner.id, outcome: outcome, address: address, detail: detail)
    }

    /// The sharing switch, counts and activity of the sheets, which need no content.
    var table: EntryTable {
        EntryTable(database: store.database, audit: store.audit, table: "saved_worksheets", actionPrefix: "worksheet", targetType: "worksheet")
    }

    /// A new sheet with its first version; shared from the start when the owner shares all sheets.
    /// `alongside` runs in the same transaction with the sheet's id (an assignment's completion).
    func create(_ sheet: SavedWorksheet, for owner: User, address: String?,
                alongside: (@Sendable (_ db: any SQLDatabase, _ id: String) async throws -> Void)? = nil) async throws -> Loaded {
        try await store.database.transaction { db in
            let id = Randomness.identifier()
            let now = Self.nowMilliseconds
            let shared = try await table.sharesAll(ownerID: owner.id, on: db)
            try await db.insert(into: "saved_worksheets").model(
                SavedWorksheetRecord(id: id, createdAt: now, updatedAt: now, userId: owner.id, shared: shared ? 1 : 0, currentVersion: 1),
                keyEncodingStrategy: .convertToSnakeCase).run()
            try await insertVersion(sheet, number: 1, sheetID: id, owner: owner, at: now, on: db)
            try await store.audit.append(event("write", owner: owner, id: id, address: address, detail: "version=1"), on: db)
            try await alongside?(db, id)
            return Loaded(id: id, sheet: sheet, version: 1, currentVersion: 1, createdAt: Self.date(now), savedAt: Self.date(now), shared: shared)
        }
    }

    /// Saves a new version of the owner's sheet; nil when they have no such sheet. Two devices
    /// saving one sheet at once both succeed, as two versions: the number comes from one UPDATE
    /// of the sheet's row, which the database serialises (a row lock on PostgreSQL, the single
    /// writer on SQLite), never from a read followed by an insert.
    func save(_ sheet: SavedWorksheet, id: String, for owner: User, address: String?,
              alongside: (@Sendable (_ db: any SQLDatabase, _ id: String) async throws -> Void)? = nil) async throws -> Loaded? {
        try await store.database.transaction { db in
            let now = Self.nowMilliseconds
            struct Numbered: Decodable { var currentVersion: Int; var shared: Int; var createdAt: Int64 }
            guard let numbered = try await db.update("saved_worksheets")
                .set("current_version", to: SQLBinaryExpression(SQLColumn("current_version"), .add, SQLLiteral.numeric("1")))
                .set("updated_at", to: now)
                .where("id", .equal, id).where("user_id", .equal, owner.id)
                .returning("current_version", "shared", "created_at")
                .first(decoding: Numbered.self, keyDecodingStrategy: .convertFromSnakeCase) else { return nil }
            let version = numbered.currentVersion
            try await insertVersion(sheet, number: version, sheetID: id, owner: owner, at: now, on: db)
            try await store.audit.append(event("write", owner: owner, id: id, address: address, detail: "version=\(version)"), on: db)
            try await alongside?(db, id)
            return Loaded(id: id, sheet: sheet, version: version, currentVersion: version, createdAt: Self.date(numbered.createdAt),
                          savedAt: Self.date(now), shared: numbered.shared != 0)
        }
    }

    private func insertVersion(_ sheet: SavedWorksheet, number: Int, sheetID: String, owner: User, at now: Int64,
                               on db: any SQLDatabase) async throws {
        let versionID = Randomness.identifier()
        let sealed = try await store.seal(sheet, ownerID: owner.id,
                                          binding: Self.binding(sheetID: sheetID, versionID: versionID, ownerID: owner.id), on: db)
        try await db.insert(into: "saved_worksheet_versions").model(
            SavedWorksheetVersionRecord(id: versionID, createdAt: now, worksheetId: sheetID, userId: owner.id, version: number, content: sealed),
            keyEncodingStrategy: .convertToSnakeCase).run()
    }

    /// One of the owner's sheets (the current version unless `version` is given), audited as a read.
    func load(id: String, version: Int? = nil, for owner: User, address: String?) async throws -> Loaded? {
        async let audited: Void = store.audit.append(event("read", owner: owner, id: id, address: address, detail: version.map { "version=\($0)" }))
        let loaded = try await store.database.read { db in
            try await self.versions(on: db, ownerID: owner.id, sheetID: id, which: version.map { .number($0) } ?? .current).first
        }
        try await audited
        return loaded
    }

    /// The owner's sheets as they are now, the most recently changed first.
    func list(for owner: User, address: String?) async throws -> [Loaded] {
        async let audited: Void = store.audit.append(event("read", owner: owner, address: address))
        let found = try await store.database.read { db in try await self.versions(on: db, ownerID: owner.id, which: .current) }
        try await audited
        return found
    }

    /// Every version of one of the owner's sheets, newest first; nil when they have no such sheet.
    func history(id: String, for owner: User, address: String?) async throws -> [Loaded]? {
        async let audited: Void = store.audit.append(event("read", owner: owner, id: id, address: address, detail: "versions"))
        let found = try await store.database.read { db in try await self.versions(on: db, ownerID: owner.id, sheetID: id, which: .all) }
        try await audited
        return found.isEmpty ? nil : found
    }

    func setShared(_ shared: Bool, id: String, for owner: User, address: String?) async throws -> Bool {
        try await store.database.transaction { db in
            guard try await db.update("saved_worksheets").set("shared", to: shared ? 1 : 0)
                .where("id", .equal, id).where("user_id", .equal, owner.id)
                .returning("id").first() != nil else { return false }
            try await store.audit.append(event(shared ? "share" : "unshare", owner: owner, id: id, address: address), on: db)
            return true
        }
    }

    /// Deletes the sheet with every version.
    func delete(id: String, for owner: User, address: String?) async throws -> Bool {
        try await store.database.transaction { db in
            guard try await db.delete(from: "saved_worksheets").where("id", .equal, id).where("user_id", .equal, owner.id)
                .returning("id").first() != nil else { return false }
            try await db.delete(from: "saved_worksheet_versions").where("worksheet_id", .equal, id).run()
            try await store.audit.append(event("delete", owner: owner, id: id, address: address), on: db)
            return true
        }
    }

    /// What a client's own therapist may read: the current version of shared sheets only. Reads
    /// are audited with the therapist as actor; anyone else gets nothing, audited as denied.
    func shared(clientID: String, therapist: User, address: String?) async throws -> (client: User, sheets: [Loaded])? {
        guard let client = try await store.database.read({ db in try await store.client(clientID, of: therapist, on: db) }) else {
            try await store.audit.append(AuditEvent(actorID: therapist.id, actorRole: therapist.role, action: "worksheet.read",
                                                    targetType: "worksheet", subjectUserID: clientID, outcome: .denied, address: address))
            return nil
        }
        async let audited: Void = store.audit.append(event("read", owner: client, actor: therapist, address: address))
        let sheets = try await store.database.read { db in
            try await self.versions(on: db, ownerID: client.id, which: .current, sharedOnly: true)
        }
        try await audited
        return (client, sheets)
    }

    /// One shared sheet (its current version) of a client of this therapist, audited with the
    /// client as subject before it is opened; anything else: nil, audited as denied.
    func sharedSheet(id: String, clientID: String, therapist: User, address: String?) async throws -> (client: User, sheet: Loaded)? {
        let client = try await store.database.read { db -> User? in
            guard let client = try await store.client(clientID, of: therapist, on: db) else { return nil }
            let shared = try await db.select().column("id").from("saved_worksheets")
                .where("id", .equal, id).where("user_id", .equal, client.id).where("shared", .equal, 1).first()
            return shared == nil ? nil : client
        }
        guard let client else {
            try await store.audit.append(AuditEvent(actorID: therapist.id, actorRole: therapist.role, action: "worksheet.read",
                                                    targetType: "worksheet", targetID: id, subjectUserID: clientID, outcome: .denied,
                                                    address: address))
            return nil
        }
        try await store.audit.append(event("read", owner: client, actor: therapist, id: id, address: address))
        let sheet = try await store.database.read { db in
            try await self.versions(on: db, ownerID: client.id, sheetID: id, which: .current, sharedOnly: true).first
        }
        return sheet.map { (client, $0) }
    }

    /// Every sheet with all its versions, for the owner's export. Audited as an export.
    func export(for owner: User, address: String?) async throws -> [Exported] {
        try await store.audit.append(event("export", owner: owner, address: address))
        let all = try await store.database.read { db in try await self.versions(on: db, ownerID: owner.id, which: .all) }
        var sheets: [Exported] = []
        for loaded in all {
            if sheets.last?.current.id == loaded.id {
                sheets[sheets.count - 1].versions.insert(loaded, at: 0)
            } else {
                sheets.append(Exported(current: loaded, versions: [loaded]))
            }
        }
        return sheets
    }

    private enum Which: Sendable { case current, number(Int), all }

    /// Opened versions of the owner's sheets: sheets most recently changed first, each sheet's
    /// versions newest first. The owner's key is read once, in the same snapshot as the rows.
    private func versions(on db: any SQLDatabase, ownerID: String, sheetID: String? = nil, which: Which,
                          sharedOnly: Bool = false) async throws -> [Loaded] {
        struct Row: Decodable {
            var id: String; var createdAt: Int64; var shared: Int; var currentVersion: Int
            var versionId: String; var version: Int; var savedAt: Int64; var content: String
        }
        var query: SQLQueryString = """
            SELECT s.id, s.created_at, s.shared, s.current_version, v.id AS version_id, v.version, v.created_at AS saved_at, v.content
            FROM saved_worksheets s
            JOIN saved_worksheet_versions v ON v.worksheet_id = s.id AND v.user_id = s.user_id
            WHERE s.user_id = \(bind: ownerID)
            """
        switch which {
        case .current: query += " AND v.version = s.current_version"
        case .number(let number): query += " AND v.version = \(bind: number)"
        case .all: break
        }
        if let sheetID { query += " AND s.id = \(bind: sheetID)" }
        if sharedOnly { query += " AND s.shared = 1" }
        query += " ORDER BY s.updated_at DESC, s.id DESC, v.version DESC"
        let rows = try await db.raw(query).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        guard !rows.isEmpty else { return [] }
        let key = try await store.key(for: ownerID, on: db)
        return try rows.map { row in
            let json = try EncryptedText.open(row.content, with: key,
                                              binding: Self.binding(sheetID: row.id, versionID: row.versionId, ownerID: ownerID))
            return Loaded(id: row.id, sheet: try JSONDecoder().decode(SavedWorksheet.self, from: Data(json.utf8)),
                          version: row.version, currentVersion: row.currentVersion, createdAt: Self.date(row.createdAt),
                          savedAt: Self.date(row.savedAt), shared: row.shared != 0)
        }
    }

    private static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000) }
}

/// A filled-in worksheet: who owns it, whether it is shared and its newest version's number.
struct SavedWorksheetRecord: Codable, Sendable {
    var id: String
    var createdAt: Int64
    var updatedAt: Int64
    var userId: String
    var shared: Int
    var currentVersion: Int
}

/// One saved version; `content` is the `SavedWorksheet` as JSON, sealed with the client's data key.
struct SavedWorksheetVersionRecord: Codable, Sendable {
    var id: String
    var createdAt: Int64
    var worksheetId: String
    var userId: String
    var version: Int
    var content: String
}
