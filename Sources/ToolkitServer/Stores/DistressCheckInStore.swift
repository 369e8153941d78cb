import Foundation
import SQLKit

/// Distress ratings from the "I'm struggling" flow, private to the client and sealed.
struct DistressCheckInStore: Sendable {
    let store: ProtectedStore

    init(database: Database, keys: KeyStore, audit: AuditLog) {
        store = ProtectedStore(database: database, keys: keys, audit: audit)
    }

    struct Ratings: Codable, Sendable, Equatable {
        var before: Int
        var after: Int?
    }

    struct Entry: Sendable {
        var id: String
        var at: Date
        var ratings: Ratings
    }

    static func binding(id: String, ownerID: String) -> EncryptedText.Binding {
        .init(table: "distress_check_ins", rowID: id, ownerID: ownerID, field: "content")
    }

    func start(before: Int, for owner: User, address: String?) async throws -> String {
        try await store.database.transaction { db in
            let id = Randomness.identifier()
            let now = Int64(Date().timeIntervalSince1970)
            let sealed = try await store.seal(Ratings(before: before, after: nil), ownerID: owner.id,
                                              binding: Self.binding(id: id, ownerID: owner.id), on: db)
            try await db.insert(into: "distress_check_ins").model(
                DistressCheckInRecord(id: id, createdAt: now, updatedAt: now, userId: owner.id, content: sealed),
                keyEncodingStrategy: .convertToSnakeCase).run()
            try await store.audit.append(AuditEvent(
                actorID: owner.id, actorRole: owner.role, action: "check-in.write", targetType: "check-in",
                targetID: id, subjectUserID: owner.id, address: address), on: db)
            return id
        }
    }

    /// Adds the closing rating; only the owner's own check-in can be finished.
    func finish(id: String, after: Int, for owner: User, address: String?) async throws -> Bool {
        try await store.database.transaction { db in
            guard let record = try await db.select().column("*").from("distress_check_ins")
                .where("id", .equal, id).where("user_id", .equal, owner.id)
                .first(decoding: DistressCheckInRecord.self, keyDecodingStrategy: .convertFromSnakeCase) else { return false }
            let binding = Self.binding(id: id, ownerID: owner.id)
            var ratings = try await store.open(Ratings.self, record.content, ownerID: owner.id, binding: binding, on: db)
            ratings.after = after
            let sealed = try await store.seal(ratings, ownerID: owner.id, binding: binding, on: db)
            try await db.update("distress_check_ins").set("content", to: sealed)
                .set("updated_at", to: Int64(Date().timeIntervalSince1970)).where("id", .equal, id).run()
            try await store.audit.append(AuditEvent(
                actorID: owner.id, actorRole: owner.role, action: "check-in.write", targetType: "check-in",
                targetID: id, subjectUserID: owner.id, address: address), on: db)
            return true
        }
    }

    /// The ratings of one of the owner's own check-ins (audited as a read), or nil when there is
    /// no such check-in for this person.
    func ratings(id: String, for owner: User, address: String?) async throws -> Ratings? {
        try await store.audit.append(AuditEvent(
            actorID: owner.id, actorRole: owner.role, action: "check-in.read", targetType: "check-in",
            targetID: id, subjectUserID: owner.id, address: address))
        return try await store.database.read { db in
            guard let record = try await db.select().column("*").from("distress_check_ins")
                .where("id", .equal, id).where("user_id", .equal, owner.id)
                .first(decoding: DistressCheckInRecord.self, keyDecodingStrategy: .convertFromSnakeCase) else { return nil }
            return try await store.open(Ratings.self, record.content, ownerID: owner.id,
                                        binding: Self.binding(id: id, ownerID: owner.id), on: db)
        }
    }

    func history(for owner: User, address: String?) async throws -> [Entry] {
        try await store.audit.append(AuditEvent(
            actorID: owner.id, actorRole: owner.role, action: "check-in.read", targetType: "check-in",
            subjectUserID: owner.id, address: address))
        return try await store.database.read { db in
            let records = try await db.select().column("*").from("distress_check_ins").where("user_id", .equal, owner.id)
                .orderBy("created_at", .descending).limit(50)
                .all(decoding: DistressCheckInRecord.self, keyDecodingStrategy: .convertFromSnakeCase)
            var entries: [Entry] = []
            for record in records {
                let ratings = try await store.open(Ratings.self, record.content, ownerID: owner.id,
                                                   binding: Self.binding(id: record.id, ownerID: owner.id), on: db)
                entries.append(Entry(id: record.id, at: Date(timeIntervalSince1970: TimeInterval(record.createdAt)), ratings: ratings))
            }
            return entries
        }
    }
}
