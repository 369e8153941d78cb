import Foundation
import SQLKit
import ToolkitCore

/// Safety plans: every save is a new sealed version, written in one transaction with its audit
/// record; every read is audited durably before its content is returned.
struct SafetyPlanStore: Sendable {
    let store: ProtectedStore

    init(database: Database, keys: KeyStore, audit: AuditLog) {
        store = ProtectedStore(database: database, keys: keys, audit: audit)
    }

    struct Loaded: Sendable {
        var plan: SafetyPlan
        var version: Int
        var updatedAt: Date
        var shared: Bool
    }

    struct VersionSummary: Sendable, Codable {
        var version: Int
        var savedAt: Date
    }

    static func binding(versionID: String, ownerID: String) -> EncryptedText.Binding {
        .init(table: "safety_plan_versions", rowID: versionID, ownerID: ownerID, field: "content")
    }

    /// The client's own plan (nil when they have none yet), audited as a read by the owner.
    func load(for owner: User, address: String?, version: Int? = nil) async throws -> Loaded? {
        // The read runs while the audit record commits; nothing is returned until the record is durable.
        async let audited: Void = store.audit.append(AuditEvent(
            actorID: owner.id, actorRole: owner.role, action: "safety-plan.read", targetType: "safety-plan",
            targetID: owner.id, subjectUserID: owner.id, address: address, detail: version.map { "version=\($0)" }))
        let loaded = try await read(ownerID: owner.id, version: version, on: store.database.sql)
        try await audited
        return loaded
    }

    /// Saves a new version and returns it as saved (the response shows what was written, even
    /// when another device saves a moment later, and needs no second audited read). Two devices saving at once both succeed, as
    /// two versions: the number comes from one UPDATE of the plan row, which the database
    /// serialises (a row lock on PostgreSQL, the single writer on SQLite), never from a read
    /// followed by an insert.
    func save(_ plan: SafetyPlan, for owner: User, address: String?) async throws -> Loaded {
        try await store.database.transaction { db in
            let now = Int64(Date().timeIntervalSince1970)
            try await db.insert(into: "safety_plans").model(
                SafetyPlanRecord(userId: owner.id, createdAt: now, updatedAt: now, shared: 0, currentVersion: 0),
                keyEncodingStrategy: .convertToSnakeCase)
                .ignoringConflicts(with: "user_id").run()
            struct Numbered: Decodable { var currentVersion: Int; var shared: Int }
            guard let numbered = try await db.update("safety_plans")
                .set("current_version", to: SQLBinaryExpression(SQLColumn("current_version"), .add, SQLLiteral.numeric("1")))
                .set("updated_at", to: now)
                .where("user_id", .equal, owner.id)
                .returning("current_version", "shared")
                .first(decoding: Numbered.self, keyDecodingStrategy: .convertFromSnakeCase) else {
                throw StorageError.missingRow("safety_plans")
            }
            let version = numbered.currentVersion
            let versionID = Randomness.identifier()
            let sealed = try await store.seal(plan, ownerID: owner.id, binding: Self.binding(versionID: versionID, ownerID: owner.id), on: db)
            try await db.insert(into: "safety_plan_versions").model(
                SafetyPlanVersionRecord(id: versionID, createdAt: now, userId: owner.id, version: version, content: sealed),
                keyEncodingStrategy: .convertToSnakeCase).run()
            try await store.audit.append(AuditEvent(
                actorID: owner.id, actorRole: owner.role, action: "safety-plan.write", targetType: "safety-plan",
                targetID: owner.id, subjectUserID: owner.id, address: address, detail: "version=\(version)"), on: db)
            return Loaded(plan: plan, version: version, updatedAt: Date(timeIntervalSince1970: TimeInterval(now)), shared: numbered.shared != 0)
        }
    }

    func versions(for owner: User, address: String?) async throws -> [VersionSummary] {
        try await store.audit.append(AuditEvent(
            actorID: owner.id, actorRole: owner.role, action: "safety-plan.list-versions", targetType: "safety-plan",
            targetID: owner.id, subjectUserID: owner.id, address: address))
        return try await store.database.read { db in
            struct Row: Decodable { var version: Int; var createdAt: Int64 }
            return try await db.select().columns("version", "created_at").from("safety_plan_versions")
                .where("user_id", .equal, owner.id).orderBy("version", .descending)
                .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
                .map { VersionSummary(version: $0.version, savedAt: Date(timeIntervalSince1970: TimeInterval($0.createdAt))) }
        }
    }

    /// Turns sharing with the client's therapist on or off; takes effect on the next request.
    func setShared(_ shared: Bool, for owner: User, address: String?) async throws -> Bool {
        try await store.database.transaction { db in
            let exists = try await db.select().column("user_id").from("safety_plans").where("user_id", .equal, owner.id).first() != nil
            if exists {
                try await db.update("safety_plans").set("shared", to: shared ? 1 : 0)
                    .set("updated_at", to: Int64(Date().timeIntervalSince1970))
                    .where("user_id", .equal, owner.id).run()
            }
            try await store.audit.append(AuditEvent(
                actorID: owner.id, actorRole: owner.role, action: shared ? "safety-plan.share" : "safety-plan.unshare",
                targetType: "safety-plan", targetID: owner.id, subjectUserID: owner.id,
                outcome: exists ? .success : .failure, address: address), on: db)
            return exists
        }
    }

    /// A therapist's view of their client's plan: only their own client's, only while shared.
    /// Every attempt is audited, refused ones as denied.
    func loadShared(clientID: String, therapist: User, address: String?) async throws -> (client: User, plan: Loaded)? {
        struct Attempt: Sendable { var client: User?; var allowed: Bool; var plan: Loaded? }
        let attempt = try await store.database.read { db in
            let client = try await db.select().column("*").from("users").where("id", .equal, clientID)
                .first(decoding: User.self, keyDecodingStrategy: .convertFromSnakeCase)
            let isTheirs = client?.therapistId == therapist.id && client?.userRole == .client
            let shared = isTheirs ? try await db.select().column("shared").from("safety_plans")
                .where("user_id", .equal, clientID).first(decodingColumn: "shared", as: Int.self) : nil
            let allowed = isTheirs && shared == 1
            return Attempt(client: client, allowed: allowed,
                           plan: allowed ? try await self.read(ownerID: clientID, version: nil, on: db) : nil)
        }
        // Nothing leaves this function until the attempt, allowed or denied, is on the trail.
        try await store.audit.append(AuditEvent(
            actorID: therapist.id, actorRole: therapist.role, action: "safety-plan.read", targetType: "safety-plan",
            targetID: clientID, subjectUserID: attempt.client == nil ? nil : clientID,
            outcome: attempt.allowed ? .success : .denied, address: address))
        guard attempt.allowed, let client = attempt.client, let plan = attempt.plan else { return nil }
        return (client, plan)
    }

    /// An administrator's break-glass read, made only inside an open emergency window (the
    /// caller checks it). Audited as a read of the client's plan, with the window's id.
    func loadInEmergency(clientID: String, admin: User, windowID: String, address: String?) async throws -> Loaded? {
        async let audited: Void = store.audit.append(AuditEvent(
            actorID: admin.id, actorRole: admin.role, action: "safety-plan.read", targetType: "safety-plan",
            targetID: clientID, subjectUserID: clientID, address: address, detail: "emergency-access=\(windowID)"))
        let loaded = try await read(ownerID: clientID, version: nil, on: store.database.sql)
        try await audited
        return loaded
    }

    /// Every saved version, opened, for the client's own export. Audited as an export.
    func allVersions(for owner: User, address: String?) async throws -> [Loaded] {
        try await store.audit.append(AuditEvent(
            actorID: owner.id, actorRole: owner.role, action: "safety-plan.export", targetType: "safety-plan",
            targetID: owner.id, subjectUserID: owner.id, address: address))
        return try await store.database.read { db in
            let shared = try await db.select().column("shared").from("safety_plans").where("user_id", .equal, owner.id)
                .first(decodingColumn: "shared", as: Int.self) == 1
            let rows = try await db.select().column("*").from("safety_plan_versions").where("user_id", .equal, owner.id)
                .orderBy("version").all(decoding: SafetyPlanVersionRecord.self, keyDecodingStrategy: .convertFromSnakeCase)
            var versions: [Loaded] = []
            for row in rows {
                let plan = try await store.open(SafetyPlan.self, row.content, ownerID: owner.id,
                                                binding: Self.binding(versionID: row.id, ownerID: owner.id), on: db)
                versions.append(Loaded(plan: plan, version: row.version,
                                       updatedAt: Date(timeIntervalSince1970: TimeInterval(row.createdAt)), shared: shared))
            }
            return versions
        }
    }

    /// Whether each of a therapist's clients currently shares a plan (no content).
    func sharingStatus(clientIDs: [String]) async throws -> Set<String> {
        guard !clientIDs.isEmpty else { return [] }
        return Set(try await store.database.sql.select().column("user_id").from("safety_plans")
            .where("user_id", .in, clientIDs).where("shared", .equal, 1)
            .all(decodingColumn: "user_id", as: String.self))
    }

    /// One version (the current one unless `version` is given) with its data key, in one
    /// statement: one consistent snapshot without a transaction.
    private func read(ownerID: String, version: Int?, on db: any SQLDatabase) async throws -> Loaded? {
        struct Row: Decodable { var shared: Int; var id: String; var version: Int; var createdAt: Int64; var content: String; var wrappedKey: String? }
        let which: SQLQueryString = version.map { "v.version = \(bind: $0)" } ?? "v.version = p.current_version"
        let query: SQLQueryString = """
            SELECT p.shared, v.id, v.version, v.created_at, v.content, k.wrapped_key
            FROM safety_plans p
            JOIN safety_plan_versions v ON v.user_id = p.user_id AND \(which)
            LEFT JOIN user_keys k ON k.user_id = p.user_id
            WHERE p.user_id = \(bind: ownerID)
            """
        guard let row = try await db.raw(query).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase) else { return nil }
        guard let key = try store.keys.unwrapDataKey(row.wrappedKey, for: ownerID) else { throw EncryptionError.keyDestroyed }
        let json = try EncryptedText.open(row.content, with: key, binding: Self.binding(versionID: row.id, ownerID: ownerID))
        return Loaded(plan: try JSONDecoder().decode(SafetyPlan.self, from: Data(json.utf8)), version: row.version,
                      updatedAt: Date(timeIntervalSince1970: TimeInterval(row.createdAt)), shared: row.shared == 1)
    }
}
