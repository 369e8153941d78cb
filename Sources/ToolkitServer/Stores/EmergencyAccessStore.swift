import Foundation
import SQLKit
import ToolkitCore

/// Break-glass windows (checklist item 4): an administrator opens a client's safety plan only
/// with a reason and for a limited time. Opening, each read and closing are audited; the client
/// is told at their next visit, and their therapist sees a flag on the roster.
struct EmergencyAccessStore: Sendable {
    let database: Database
    let audit: AuditLog
    let notices: AccountNoticeStore
    let clock: @Sendable () -> Date

    struct Window: Decodable, Sendable {
        var id: String
        var adminId: String
        var clientId: String
        var reason: String
        var openedAt: Int64
        var endsAt: Int64

        var ends: Date { Date(timeIntervalSince1970: TimeInterval(endsAt)) }
        var opened: Date { Date(timeIntervalSince1970: TimeInterval(openedAt)) }
    }

    private var now: Int64 { Int64(clock().timeIntervalSince1970) }

    /// Opens a window for `minutes`, with its audit record and the client's notice, in one transaction.
    func open(admin: User, client: User, reason: String, minutes: Int, address: String?) async throws -> Window {
        let now = self.now
        let window = Window(id: Randomness.identifier(), adminId: admin.id, clientId: client.id, reason: reason,
                            openedAt: now, endsAt: now + Int64(minutes * 60))
        try await database.transaction { db in
            try await db.insert(into: "emergency_access").columns("id", "admin_id", "client_id", "reason", "opened_at", "ends_at")
                .values(SQLBind(window.id), SQLBind(admin.id), SQLBind(client.id), SQLBind(reason), SQLBind(now), SQLBind(window.endsAt))
                .run()
            try await audit.append(AuditEvent(actorID: admin.id, actorRole: admin.role, action: "emergency-access.open",
                                              targetType: "emergency-access", targetID: window.id, subjectUserID: client.id,
                                              address: address, detail: "minutes=\(minutes); reason=\(reason)"), on: db)
            try await notices.add(.emergencyAccess, byName: admin.name, for: client.id, on: db)
        }
        return window
    }

    /// The administrator's open window on this client, if one is still running.
    func active(admin: User, clientID: String) async throws -> Window? {
        try await database.read { db in
            try await db.select().column("*").from("emergency_access")
                .where("admin_id", .equal, admin.id).where("client_id", .equal, clientID).where("ends_at", .greaterThan, self.now)
                .orderBy("ends_at", .descending).first(decoding: Window.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
    }

    /// Closes the administrator's open windows on this client now. False when none was open.
    func end(admin: User, clientID: String, address: String?) async throws -> Bool {
        let now = self.now
        return try await database.transaction { db in
            let closed = try await db.update("emergency_access").set("ends_at", to: now)
                .where("admin_id", .equal, admin.id).where("client_id", .equal, clientID).where("ends_at", .greaterThan, now)
                .returning("id").all()
            guard !closed.isEmpty else { return false }
            try await audit.append(AuditEvent(actorID: admin.id, actorRole: admin.role, action: "emergency-access.end",
                                              targetType: "emergency-access", targetID: clientID, subjectUserID: clientID,
                                              address: address), on: db)
            return true
        }
    }

    /// For the roster: when each of the therapist's clients last had a window opened, in the last `days` days.
    func recent(forClientsOf therapistID: String, days: Int = 30) async throws -> [String: Date] {
        struct Row: Decodable { var clientId: String; var openedAt: Int64 }
        let since = now - Int64(days * 24 * 60 * 60)
        let rows = try await database.read { db in
            try await db.select().column(SQLColumn("client_id", table: "emergency_access")).column(SQLColumn("opened_at", table: "emergency_access"))
                .from("emergency_access")
                .join("users", on: SQLColumn("id", table: "users"), .equal, SQLColumn("client_id", table: "emergency_access"))
                .where(SQLColumn("therapist_id", table: "users"), .equal, SQLBind(therapistID))
                .where(SQLColumn("opened_at", table: "emergency_access"), .greaterThanOrEqual, SQLBind(since))
                .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        }
        var latest: [String: Date] = [:]
        for row in rows {
            let opened = Date(timeIntervalSince1970: TimeInterval(row.openedAt))
            if latest[row.clientId].map({ opened > $0 }) ?? true { latest[row.clientId] = opened }
        }
        return latest
    }
}
