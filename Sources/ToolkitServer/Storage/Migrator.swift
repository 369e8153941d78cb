import Foundation
import SQLKit

/// One schema change. Migrations run once each, in the order `Migrator.all` lists them.
protocol Migration: Sendable {
    /// Stable name recorded in `schema_migrations`; never rename a migration that has shipped.
    var name: String { get }
    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws
}

/// Applies pending migrations, each in its own transaction, recording what ran.
public struct Migrator: Sendable {
    static let all: [any Migration] = [
        CreateUsers(),
        CreateUserKeys(),
        CreateSessions(),
        CreateAPITokens(),
        CreateLoginFailures(),
        CreateAuditEvents(),
        CreateSafetyPlans(),
        CreateDistressCheckIns(),
        AddTOTPLastStepToUsers(),
        CreatePracticeContacts(),
        CreateJournalEntries(),
        CreateThoughtRecords(),
        CreateCriticAnswers(),
        CreateSharingPreferences(),
        AddTimeZoneToUsers(),
        CreateSavedWorksheets(),
        CreatePracticeLogEntries(),
        CreateRitualPlans(),
        CreateGoals(),
        CreateSelfCare(),
        CreateCalendarFeeds(),
        CreateAccountLinks(),
        CreateAccountNotices(),
        CreateAssignments(),
        CreateTherapistReadMarks(),
        AddSubjectIndexToAuditEvents(),
        CreateEmergencyAccess(),
        CreateSessionSummaries(),
        CreateAuthoredItems(),
        CreateStepRecordings(),
        CreateContentGeneration(),
        AddAssignmentDaysToCalendarFeeds(),
    ]

    let database: Database

    public init(database: Database) { self.database = database }

    /// Returns the names of the migrations it applied.
    @discardableResult
    public func migrate() async throws -> [String] {
        // Several app processes may start at once against PostgreSQL: one migrates, the others
        // wait for its lock (creating even the bookkeeping table concurrently would collide). The
        // lock is the schema's: apps in other schemas of the same database have their own tables.
        try await database.transaction(changesContent: false) { db in
            if self.database.kind == .postgresql {
                try await db.raw("SELECT pg_advisory_xact_lock(7311001, hashtext(coalesce(current_schema(), '')))").run()
            }
            try await db.create(table: "schema_migrations").ifNotExists()
                .column("name", type: .text, .primaryKey(autoIncrement: false))
                .column("applied_at", type: .bigint, .notNull)
                .run()
        }
        var applied: [String] = []
        for migration in Self.all {
            let ran = try await database.transaction(changesContent: false) { db in
                if self.database.kind == .postgresql {
                    try await db.raw("SELECT pg_advisory_xact_lock(7311001, hashtext(coalesce(current_schema(), '')))").run()
                }
                let done = try await db.select().column("name").from("schema_migrations")
                    .where("name", .equal, migration.name).first()
                guard done == nil else { return false }
                try await migration.prepare(on: db, kind: self.database.kind)
                try await db.insert(into: "schema_migrations")
                    .columns("name", "applied_at")
                    .values(SQLBind(migration.name), SQLBind(Int64(Date().timeIntervalSince1970)))
                    .run()
                return true
            }
            if ran { applied.append(migration.name) }
        }
        // Counted once, not per migration: the shared counter is itself made by a migration, and
        // other processes already running keep pages that a changed schema may have outdated.
        if !applied.isEmpty, database.kind == .postgresql { await WriteCountingDatabase.advanceGeneration(on: database.sql) }
        return applied
    }
}
