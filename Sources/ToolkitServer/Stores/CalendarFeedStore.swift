import Foundation
import SQLKit
import ToolkitCore

/// Reminder feeds: one per client at most. The secret address is random (256 bits) and only its
/// hash is stored, so a copy of the database can't subscribe to anyone's feed. Turning the feed
/// on, changing it, making a new address and turning it off are audited.
struct CalendarFeedStore: Sendable {
    let database: Database
    let audit: AuditLog
    let clock: @Sendable () -> Date

    struct Feed: Sendable {
        var userID: String
        var schedule: ReminderSchedule
        var createdAt: Date
    }

    private struct Row: Decodable { var userId: String; var timeOfDay: String; var weekdays: String; var assignmentDays: Int; var createdAt: Int64 }

    private var now: Int64 { Int64(clock().timeIntervalSince1970) }

    private func feed(_ row: Row) -> Feed? {
        ReminderSchedule(time: row.timeOfDay, weekdays: row.weekdays, assignmentDays: row.assignmentDays != 0).map {
            Feed(userID: row.userId, schedule: $0, createdAt: Date(timeIntervalSince1970: TimeInterval(row.createdAt)))
        }
    }

    func feed(for user: User) async throws -> Feed? {
        try await database.read { db in
            try await db.select().columns("user_id", "time_of_day", "weekdays", "assignment_days", "created_at").from("calendar_feeds")
                .where("user_id", .equal, user.id).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        }.flatMap(feed)
    }

    /// The feed a secret address opens, if it is still on.
    func feed(token: String) async throws -> Feed? {
        let hash = Randomness.sha256Hex(token)
        return try await database.read { db in
            try await db.select().columns("user_id", "time_of_day", "weekdays", "assignment_days", "created_at").from("calendar_feeds")
                .where("token_hash", .equal, hash).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        }.flatMap(feed)
    }

    /// Saves the schedule. A new feed, or `newAddress`, gets a new secret address, returned once;
    /// otherwise the address stays as it was and nil comes back. Two saves at once (two tabs)
    /// both succeed: the insert gives way to a feed that exists, and the change is made to it.
    func save(_ schedule: ReminderSchedule, newAddress: Bool, for user: User, address: String?) async throws -> String? {
        let now = self.now
        let token = Randomness.token()
        return try await database.transaction { db in
            let created = try await db.insert(into: "calendar_feeds")
                .columns("user_id", "token_hash", "time_of_day", "weekdays", "assignment_days", "created_at", "updated_at")
                .values(SQLBind(user.id), SQLBind(Randomness.sha256Hex(token)), SQLBind(schedule.timeText), SQLBind(schedule.weekdayText),
                        SQLBind(schedule.assignmentDays ? 1 : 0), SQLBind(now), SQLBind(now))
                .ignoringConflicts(with: ["user_id"])
                .returning("user_id").first() != nil
            if !created {
                let update = db.update("calendar_feeds").set("time_of_day", to: schedule.timeText).set("weekdays", to: schedule.weekdayText)
                    .set("assignment_days", to: schedule.assignmentDays ? 1 : 0).set("updated_at", to: now).where("user_id", .equal, user.id)
                if newAddress { update.set("token_hash", to: Randomness.sha256Hex(token)) }
                try await update.run()
            }
            let action = created ? "calendar-feed.on" : (newAddress ? "calendar-feed.new-address" : "calendar-feed.change")
            try await audit.append(AuditEvent(actorID: user.id, actorRole: user.role, action: action, targetType: "calendar-feed",
                                              targetID: user.id, subjectUserID: user.id, address: address), on: db)
            return created || newAddress ? token : nil
        }
    }

    /// Turns the feed off: its address stops working at once. False when there was none.
    func remove(for user: User, address: String?) async throws -> Bool {
        try await database.transaction { db in
            guard try await db.delete(from: "calendar_feeds").where("user_id", .equal, user.id).returning("user_id").first() != nil else {
                return false
            }
            try await audit.append(AuditEvent(actorID: user.id, actorRole: user.role, action: "calendar-feed.off", targetType: "calendar-feed",
                                              targetID: user.id, subjectUserID: user.id, address: address), on: db)
            return true
        }
    }
}
