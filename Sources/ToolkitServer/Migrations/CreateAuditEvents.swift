import SQLKit

/// The audit trail: append-only, each row chained to the one before by a hash.
struct CreateAuditEvents: Migration {
    let name = "CreateAuditEvents"

    func prepare(on database: any SQLDatabase, kind: Database.Kind) async throws {
        try await database.create(table: "audit_events")
            .column("seq", type: .bigint, .primaryKey(autoIncrement: false))
            .column("at", type: .bigint, .notNull)
            .column("actor_id", type: .text)
            .column("actor_role", type: .text)
            .column("action", type: .text, .notNull)
            .column("target_type", type: .text)
            .column("target_id", type: .text)
            .column("subject_user_id", type: .text)
            .column("outcome", type: .text, .notNull)
            .column("address", type: .text)
            .column("detail", type: .text)
            .column("prev_hash", type: .text, .notNull)
            .column("hash", type: .text, .notNull)
            .run()
        // The database itself refuses to change or remove audit rows.
        switch kind {
        case .sqlite:
            try await database.raw("""
                CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END
                """).run()
            try await database.raw("""
                CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
                BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END
                """).run()
        case .postgresql:
            try await database.raw("""
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$
                """).run()
            try await database.raw("""
                CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
                FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()
                """).run()
        }
    }
}
