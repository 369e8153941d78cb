import Foundation
import SQLKit
import ToolkitCore

/// A document each client keeps at most one of (their rituals, their self-care plan), sealed with
/// their key. Every change is applied to the latest saved document inside one transaction with
/// its audit record, so two devices changing it at the same moment both keep their change: the
/// first statement counts the row's version up, which the database serialises (a row lock on
/// PostgreSQL, the single writer on SQLite), and the change is then made to what the other
/// device left. Reads are audited before anything is returned.
struct ClientDocumentStore<Document: Codable & Sendable>: Sendable {
    let store: ProtectedStore
    let kind: Kind

    struct Kind: Sendable {
        /// The table: user_id, created_at and updated_at (milliseconds), version, shared, content.
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
        var document: Document
        var version: Int
        var createdAt: Date
        var updatedAt: Date
        var shared: Bool
    }

    /// What a change decided: save the new document, or leave everything as it was.
    enum Outcome<Answer: Sendable>: Sendable {
        case save(Document, Answer)
        case keep(Answer)
    }

    private struct KeepAsItWas: Error { let result: any Sendable }
    private struct Record: Codable { var userId: String; var createdAt: Int64; var updatedAt: Int64; var version: Int; var shared: Int; var content: String }
    private struct Claimed: Decodable { var version: Int; var content: String }

    func binding(ownerID: String) -> EncryptedText.Binding {
        .init(table: kind.table, rowID: ownerID, ownerID: ownerID, field: "content")
    }

    private func event(_ action: String, owner: User, actor: User? = nil, address: String?, outcome: AuditEvent.Outcome = .success,
                       detail: String? = nil) -> AuditEvent {
        let actor = actor ?? owner
        return AuditEvent(actorID: actor.id, actorRole: actor.role, action: "\(kind.actionPrefix).\(action)", targetType: kind.targetType,
                          targetID: owner.id, subjectUserID: owner.id, outcome: outcome, address: address, detail: detail)
    }

    /// The owner's document, nil when they have none yet; audited as a read.
    func load(for owner: User, address: String?) async throws -> Loaded? {
        async let audited: Void = store.audit.append(event("read", owner: owner, address: address))
        let loaded = try await store.database.read { db in try await self.record(ownerID: owner.id, on: db) }
        try await audited
        return loaded
    }

    /// Applies `change` to the latest saved document (`empty` when there is none yet) and saves
    /// what it returns, with its audit record, in one transaction.
    func modify<Answer: Sendable>(for owner: User, address: String?, empty: Document,
                                  _ change: @escaping @Sendable (Document) throws -> Outcome<Answer>) async throws -> Answer {
        do {
            return try await store.database.transaction { db in
                let now = ClientEntryStore<Document>.nowMilliseconds
                try await db.insert(into: kind.table)
                    .model(Record(userId: owner.id, createdAt: now, updatedAt: now, version: 0, shared: 0, content: ""),
                           keyEncodingStrategy: .convertToSnakeCase)
                    .ignoringConflicts(with: "user_id").run()
                // Waits here for a change another device is making, then sees what it saved.
                guard let claimed = try await db.update(kind.table)
                    .set("version", to: SQLBinaryExpression(SQLColumn("version"), .add, SQLLiteral.numeric("1")))
                    .set("updated_at", to: now)
                    .where("user_id", .equal, owner.id)
                    .returning("version", "content")
                    .first(decoding: Claimed.self) else { throw StorageError.missingRow(kind.table) }
                let current = claimed.content.isEmpty ? empty
                    : try await store.open(Document.self, claimed.content, ownerID: owner.id, binding: binding(ownerID: owner.id), on: db)
                switch try change(current) {
                case .keep(let result):
                    throw KeepAsItWas(result: result)  // Rolls back the version count and any new empty row.
                case .save(let document, let result):
                    let sealed = try await store.seal(document, ownerID: owner.id, binding: binding(ownerID: owner.id), on: db)
                    try await db.update(kind.table).set("content", to: sealed).where("user_id", .equal, owner.id).run()
                    try await store.audit.append(event("write", owner: owner, address: address, detail: "version=\(claimed.version)"), on: db)
                    return result
                }
            }
        } catch let kept as KeepAsItWas {
            guard let result = kept.result as? Answer else { throw kept }
            return result
        }
    }

    /// Turns sharing with the client's therapist on or off; false when there is no document.
    func setShared(_ shared: Bool, for owner: User, address: String?) async throws -> Bool {
        try await store.database.transaction { db in
            let found = try await db.update(kind.table).set("shared", to: shared ? 1 : 0)
                .where("user_id", .equal, owner.id).where("content", .notEqual, "")
                .returning("user_id").first() != nil
            try await store.audit.append(event(shared ? "share" : "unshare", owner: owner, address: address,
                                               outcome: found ? .success : .failure), on: db)
            return found
        }
    }

    /// Removes the owner's document; false when there was none.
    func delete(for owner: User, address: String?) async throws -> Bool {
        try await store.database.transaction { db in
            guard try await db.delete(from: kind.table).where("user_id", .equal, owner.id).returning("user_id").first() != nil else { return false }
            try await store.audit.append(event("delete", owner: owner, address: address), on: db)
            return true
        }
    }

    /// What a client's own therapist may read: the document only while it is shared. Every
    /// attempt is audited with the therapist as actor, refused ones as denied.
    func shared(clientID: String, therapist: User, address: String?) async throws -> Loaded? {
        let found = try await store.database.read { db -> (User, Loaded?)? in
            guard let client = try await store.client(clientID, of: therapist, on: db) else { return nil }
            let loaded = try await self.record(ownerID: client.id, on: db)
            return (client, loaded?.shared == true ? loaded : nil)
        }
        guard let (client, loaded) = found, let loaded else {
            try await store.audit.append(AuditEvent(actorID: therapist.id, actorRole: therapist.role, action: "\(kind.actionPrefix).read",
                                                    targetType: kind.targetType, targetID: clientID, subjectUserID: clientID,
                                                    outcome: .denied, address: address))
            return nil
        }
        try await store.audit.append(event("read", owner: client, actor: therapist, address: address))
        return loaded
    }

    private func record(ownerID: String, on db: any SQLDatabase) async throws -> Loaded? {
        guard let row = try await db.select().column("*").from(kind.table).where("user_id", .equal, ownerID)
            .first(decoding: Record.self, keyDecodingStrategy: .convertFromSnakeCase), !row.content.isEmpty else { return nil }
        let document = try await store.open(Document.self, row.content, ownerID: ownerID, binding: binding(ownerID: ownerID), on: db)
        return Loaded(document: document, version: row.version,
                      createdAt: Date(timeIntervalSince1970: TimeInterval(row.createdAt) / 1000),
                      updatedAt: Date(timeIntervalSince1970: TimeInterval(row.updatedAt) / 1000), shared: row.shared != 0)
    }
}
