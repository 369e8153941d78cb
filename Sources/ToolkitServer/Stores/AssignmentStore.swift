import Crypto
import Foundation
import SQLKit
import ToolkitCore

/// Assignments: what a therapist asks one of their own clients to do, on what schedule, with a
/// note; the days the client completed each (recorded by the practice log and worksheets
/// themselves, never by hand); and the weeks the client set aside. The note and the client's
/// reason are sealed with the client's key, so erasing the client's account shreds them too.
/// Every read by the therapist is audited before anything is returned; a therapist who asks
/// about someone else's client is refused and the refusal audited.
struct AssignmentStore: Sendable {
    let store: ProtectedStore
    let library: ContentLibrary

    init(database: Database, keys: KeyStore, audit: AuditLog, library: ContentLibrary) {
        store = ProtectedStore(database: database, keys: keys, audit: audit)
        self.library = library
    }

    struct Assignment: Sendable {
        var id: String
        var createdAt: Date
        var therapistID: String
        var clientID: String
        var itemID: String
        var schedule: AssignmentSchedule
        var note: String
        /// Set when the therapist ended it: the last day it ran.
        var endedOn: CalendarDay?
    }

    struct Completion: Sendable {
        var assignmentID: String
        var day: CalendarDay
        var minutes: Int
        var sourceKind: String
        var sourceID: String
    }

    struct SetAside: Sendable {
        var assignmentID: String
        var week: CalendarDay
        var reason: String?
    }

    /// One client's assignments with what happened to them since a day.
    struct Overview: Sendable {
        var client: User
        var assignments: [Assignment]
        var completions: [Completion]
        var setAside: [SetAside]
        /// Practice records that completed an assignment and that the client shares, by record id
        /// (only when asked for): where the therapist's view of ratings comes from.
        var sharedPractices: [String: PracticeRecord] = [:]

        /// The shared records that completed each assignment.
        var sharedPracticesByAssignment: [String: [PracticeRecord]] {
            var found: [String: [PracticeRecord]] = [:]
            for completion in completions where completion.sourceKind == "practice" {
                if let record = sharedPractices[completion.sourceID] { found[completion.assignmentID, default: []].append(record) }
            }
            return found
        }

        func progress(of assignment: Assignment, calendar: Calendar) -> AssignmentProgress {
            AssignmentProgress(schedule: assignment.schedule,
                               completions: completions.filter { $0.assignmentID == assignment.id }.map { ($0.day, $0.minutes) },
                               setAsideWeeks: Set(setAside.filter { $0.assignmentID == assignment.id }.map(\.week)),
                               endedOn: assignment.endedOn, calendar: calendar)
        }
    }

    /// The calendar a client's days and weeks are counted in: their own zone, UTC until they have one.
    static func calendar(forZone identifier: String?) -> Calendar {
        var calendar = ClientCalendar.calendar(in: identifier.flatMap(DisplayTime.zone(named:)) ?? DisplayTime.utc)
        calendar.firstWeekday = 2
        return calendar
    }

    static func calendar(for client: User) -> Calendar { calendar(forZone: client.timeZone) }

    static var nowMilliseconds: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    static func noteBinding(id: String, clientID: String) -> EncryptedText.Binding {
        .init(table: "assignments", rowID: id, ownerID: clientID, field: "note")
    }

    static func reasonBinding(id: String, week: CalendarDay, clientID: String) -> EncryptedText.Binding {
        .init(table: "assignment_skips", rowID: "\(id)/\(week)", ownerID: clientID, field: "reason")
    }

    private func event(_ action: String, actor: User, clientID: String, id: String? = nil, address: String?,
                       outcome: AuditEvent.Outcome = .success) -> AuditEvent {
        AuditEvent(actorID: actor.id, actorRole: actor.role, action: "assignment.\(action)", targetType: "assignment", targetID: id,
                   subjectUserID: clientID, outcome: outcome, address: address)
    }

    // MARK: The therapist's side

    /// The therapist's own client, or nil (audited as a denied `action`) for anyone else.
    func client(_ clientID: String, of therapist: User, action: String, address: String?) async throws -> User? {
        if let client = try await store.database.read({ db in try await store.client(clientID, of: therapist, on: db) }) {
            return client
        }
        try await store.audit.append(event(action, actor: therapist, clientID: clientID, address: address, outcome: .denied))
        return nil
    }

    func create(itemID: String, note: String, schedule: AssignmentSchedule, client: User, therapist: User, address: String?) async throws -> String {
        try await store.database.transaction { db in
            let id = Randomness.identifier()
            let now = Self.nowMilliseconds
            let sealed = try await store.seal(note, ownerID: client.id, binding: Self.noteBinding(id: id, clientID: client.id), on: db)
            try await db.insert(into: "assignments")
                .columns("id", "created_at", "updated_at", "therapist_id", "client_id", "item_id", "schedule", "note")
                .values(SQLBind(id), SQLBind(now), SQLBind(now), SQLBind(therapist.id), SQLBind(client.id), SQLBind(itemID),
                        SQLBind(try Self.encode(schedule)), SQLBind(sealed))
                .run()
            try await store.audit.append(event("write", actor: therapist, clientID: client.id, id: id, address: address), on: db)
            return id
        }
    }

    /// Changes the note and schedule of one of the therapist's assignments for this client; false for any other.
    func update(id: String, note: String, schedule: AssignmentSchedule, client: User, therapist: User, address: String?) async throws -> Bool {
        try await store.database.transaction { db in
            let sealed = try await store.seal(note, ownerID: client.id, binding: Self.noteBinding(id: id, clientID: client.id), on: db)
            guard try await db.update("assignments").set("note", to: sealed).set("schedule", to: try Self.encode(schedule))
                .set("updated_at", to: Self.nowMilliseconds)
                .where("id", .equal, id).where("client_id", .equal, client.id).where("therapist_id", .equal, therapist.id)
                .returning("id").first() != nil else { return false }
            try await store.audit.append(event("write", actor: therapist, clientID: client.id, id: id, address: address), on: db)
            return true
        }
    }

    /// Ends an assignment: `day` (the client's today) is the last day it runs; nothing is planned after it.
    func end(id: String, on day: CalendarDay, client: User, therapist: User, address: String?) async throws -> Bool {
        try await store.database.transaction { db in
            guard try await db.update("assignments").set("ended_on", to: day.description).set("updated_at", to: Self.nowMilliseconds)
                .where("id", .equal, id).where("client_id", .equal, client.id).where("therapist_id", .equal, therapist.id)
                .where("ended_on", .is, SQLLiteral.null)
                .returning("id").first() != nil else { return false }
            try await store.audit.append(event("end", actor: therapist, clientID: client.id, id: id, address: address), on: db)
            return true
        }
    }

    /// Everything about one client's assignments from this therapist since `since` (completions
    /// of once-only assignments whenever they were): the read is audited first. Four statements
    /// whatever the history: the assignments, the key, the completions, the weeks set aside.
    /// With `withSharedPractices`, the shared practice records behind the completions come too (one
    /// statement more), and the therapist's read of them is audited as a practice-log read.
    func overview(of client: User, therapistID: String, reader: User, since: CalendarDay, address: String?,
                  withSharedPractices: Bool = false) async throws -> Overview {
        try await store.audit.append(event("read", actor: reader, clientID: client.id, address: address))
        if withSharedPractices {
            try await store.audit.append(AuditEvent(actorID: reader.id, actorRole: reader.role, action: "practice.read", targetType: "practice-record",
                                                    subjectUserID: client.id, address: address))
        }
        return try await store.database.read { db in
            try await self.overview(on: db, client: client, therapistID: therapistID, since: since, withSharedPractices: withSharedPractices)
        }
    }

    private func overview(on db: any SQLDatabase, client: User, therapistID: String?, since: CalendarDay,
                          withSharedPractices: Bool = false) async throws -> Overview {
        var query = db.select().columns("id", "created_at", "therapist_id", "client_id", "item_id", "schedule", "note", "ended_on")
            .from("assignments").where("client_id", .equal, client.id)
        if let therapistID { query = query.where("therapist_id", .equal, therapistID) }
        let rows = try await query.orderBy("created_at", .descending).orderBy("id", .descending)
            .all(decoding: AssignmentRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        guard !rows.isEmpty else { return Overview(client: client, assignments: [], completions: [], setAside: []) }
        let key = try await store.key(for: client.id, on: db)
        let assignments = try rows.map { row in
            try row.assignment(note: store.open(String.self, row.note, with: key, binding: Self.noteBinding(id: row.id, clientID: client.id)))
        }
        let completions = try await db.select().columns("assignment_id", "day", "minutes", "source_kind", "source_id")
            .from("assignment_completions").where("client_id", .equal, client.id)
            .where { $0.where("day", .greaterThanOrEqual, since.description).orWhere("slot", .equal, "once") }
            .all(decoding: CompletionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
            .compactMap(\.completion)
        let skips = try await db.select().columns("assignment_id", "week", "reason").from("assignment_skips")
            .where("client_id", .equal, client.id).where("week", .greaterThanOrEqual, since.description)
            .all(decoding: SkipRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        let setAside = try skips.compactMap { row -> SetAside? in
            guard let week = CalendarDay(row.week) else { return nil }
            let reason = try row.reason.map { try store.open(String.self, $0, with: key,
                                                                binding: Self.reasonBinding(id: row.assignmentId, week: week, clientID: client.id)) }
            return SetAside(assignmentID: row.assignmentId, week: week, reason: reason)
        }
        let known = Set(assignments.map(\.id))
        var overview = Overview(client: client, assignments: assignments, completions: completions.filter { known.contains($0.assignmentID) },
                                setAside: setAside.filter { known.contains($0.assignmentID) })
        if withSharedPractices {
            overview.sharedPractices = try await sharedPractices(on: db, clientID: client.id, key: key,
                                                                 ids: Set(overview.completions.filter { $0.sourceKind == "practice" }.map(\.sourceID)))
        }
        return overview
    }

    /// The client's SHARED practice records among `ids`, opened: one statement. A record the
    /// client keeps private is never read here, so its ratings can't reach the therapist.
    private func sharedPractices(on db: any SQLDatabase, clientID: String, key: SymmetricKey, ids: Set<String>) async throws -> [String: PracticeRecord] {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable { var id: String; var content: String }
        let rows = try await db.select().columns("id", "content").from("practice_log_entries")
            .where("user_id", .equal, clientID).where("shared", .equal, 1).where("id", .in, Array(ids))
            .all(decoding: Row.self)
        var found: [String: PracticeRecord] = [:]
        for row in rows {
            found[row.id] = try store.open(PracticeRecord.self, row.content, with: key,
                                           binding: .init(table: "practice_log_entries", rowID: row.id, ownerID: clientID, field: "content"))
        }
        return found
    }

    // MARK: The client's side

    /// Every assignment the client was ever given, with every completion and week set aside, for
    /// their export. Audited as an export.
    func export(for client: User, address: String?) async throws -> Overview {
        try await store.audit.append(event("export", actor: client, clientID: client.id, address: address))
        return try await store.database.read { db in
            try await self.overview(on: db, client: client, therapistID: nil, since: CalendarDay(year: 1970, month: 1, day: 1))
        }
    }

    /// The client's own assignments from their present therapist, audited as the client's read.
    func mine(_ client: User, since: CalendarDay, address: String?) async throws -> Overview {
        guard let therapistID = client.therapistId else { return Overview(client: client, assignments: [], completions: [], setAside: []) }
        return try await overview(of: client, therapistID: therapistID, reader: client, since: since, address: address)
    }

    /// What Today shows: the running assignments from the client's therapist with this week's
    /// completions and whether the week is set aside, in ONE statement (the client's key comes
    /// with the rows). The client reads only what their therapist wrote for them, so no audit.
    func forToday(_ client: User, weekStart: CalendarDay) async throws -> Overview {
        guard let therapistID = client.therapistId else { return Overview(client: client, assignments: [], completions: [], setAside: []) }
        let query: SQLQueryString = """
            SELECT a.id, a.created_at, a.therapist_id, a.client_id, a.item_id, a.schedule, a.note, a.ended_on, k.wrapped_key,
                   c.day AS completed_day, c.minutes AS completed_minutes,
                   (SELECT COUNT(*) FROM assignment_skips s WHERE s.assignment_id = a.id AND s.week = \(bind: weekStart.description)) AS set_aside
            FROM assignments a
            LEFT JOIN user_keys k ON k.user_id = a.client_id
            LEFT JOIN assignment_completions c ON c.assignment_id = a.id AND (c.day >= \(bind: weekStart.description) OR c.slot = 'once')
            WHERE a.client_id = \(bind: client.id) AND a.therapist_id = \(bind: therapistID) AND a.ended_on IS NULL
            ORDER BY a.created_at, a.id
            """
        struct Row: Decodable {
            var id: String; var createdAt: Int64; var therapistId: String; var clientId: String; var itemId: String
            var schedule: String; var note: String; var endedOn: String?; var wrappedKey: String?
            var completedDay: String?; var completedMinutes: Int?; var setAside: Int64
        }
        let rows = try await store.database.read { db in try await db.raw(query).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase) }
        guard let first = rows.first, let key = try store.keys.unwrapDataKey(first.wrappedKey, for: client.id) else {
            return Overview(client: client, assignments: [], completions: [], setAside: [])
        }
        var assignments: [Assignment] = []
        var completions: [Completion] = []
        var setAside: [SetAside] = []
        for row in rows {
            if assignments.last?.id != row.id {
                let base = AssignmentRow(id: row.id, createdAt: row.createdAt, therapistId: row.therapistId, clientId: row.clientId,
                                         itemId: row.itemId, schedule: row.schedule, note: row.note, endedOn: row.endedOn)
                assignments.append(try base.assignment(note: store.open(String.self, row.note, with: key,
                                                                         binding: Self.noteBinding(id: row.id, clientID: client.id))))
                if row.setAside > 0 { setAside.append(SetAside(assignmentID: row.id, week: weekStart, reason: nil)) }
            }
            if let text = row.completedDay, let day = CalendarDay(text) {
                completions.append(Completion(assignmentID: row.id, day: day, minutes: row.completedMinutes ?? 0, sourceKind: "", sourceID: ""))
            }
        }
        return Overview(client: client, assignments: assignments, completions: completions, setAside: setAside)
    }

    /// What the client's reminder feed needs of their running assignments from their present
    /// therapist: each schedule, the weeks set aside from `weekStart` on and whether a once-only
    /// one is done. No note is opened, so nothing is decrypted or audited: the feed is the
    /// client's own, and only days come out of it.
    func plannedSchedules(for client: User, from weekStart: CalendarDay) async throws -> [AssignmentProgress] {
        guard let therapistID = client.therapistId else { return [] }
        struct Row: Decodable { var id: String; var schedule: String }
        struct Mark: Decodable { var assignmentId: String; var day: String }
        let (rows, skips, onceDone) = try await store.database.read { db in
            let rows = try await db.select().columns("id", "schedule").from("assignments")
                .where("client_id", .equal, client.id).where("therapist_id", .equal, therapistID).where("ended_on", .is, SQLLiteral.null)
                .all(decoding: Row.self)
            guard !rows.isEmpty else { return (rows, [Mark](), [Mark]()) }
            let ids = rows.map(\.id)
            let skips = try await db.select().column("assignment_id").column("week", as: "day").from("assignment_skips")
                .where("assignment_id", .in, ids).where("week", .greaterThanOrEqual, weekStart.description)
                .all(decoding: Mark.self, keyDecodingStrategy: .convertFromSnakeCase)
            let onceDone = try await db.select().columns("assignment_id", "day").from("assignment_completions")
                .where("assignment_id", .in, ids).where("slot", .equal, "once")
                .all(decoding: Mark.self, keyDecodingStrategy: .convertFromSnakeCase)
            return (rows, skips, onceDone)
        }
        let calendar = Self.calendar(for: client)
        return try rows.map { row in
            AssignmentProgress(schedule: try Self.decode(row.schedule),
                               completions: onceDone.filter { $0.assignmentId == row.id }.compactMap { CalendarDay($0.day).map { ($0, 0) } },
                               setAsideWeeks: Set(skips.filter { $0.assignmentId == row.id }.compactMap { CalendarDay($0.day) }),
                               calendar: calendar)
        }
    }

    /// "Not this week": the client sets the week holding `day` aside, with an optional reason
    /// (sealed). Saying it again changes the reason. False when they have no such running assignment.
    func setAside(id: String, week: CalendarDay, reason: String?, client: User, address: String?) async throws -> Bool {
        try await store.database.transaction { db in
            guard let therapistID = client.therapistId,
                  try await db.select().column("id").from("assignments").where("id", .equal, id).where("client_id", .equal, client.id)
                      .where("therapist_id", .equal, therapistID).where("ended_on", .is, SQLLiteral.null).first() != nil else { return false }
            var sealed: String?
            if let reason {
                sealed = try await store.seal(reason, ownerID: client.id, binding: Self.reasonBinding(id: id, week: week, clientID: client.id), on: db)
            }
            try await db.insert(into: "assignment_skips").columns("assignment_id", "week", "client_id", "created_at", "reason")
                .values(SQLBind(id), SQLBind(week.description), SQLBind(client.id), SQLBind(Self.nowMilliseconds), SQLBind(sealed))
                .onConflict(with: ["assignment_id", "week"]) { $0.set(excludedValueOf: "reason").set(excludedValueOf: "created_at") }
                .run()
            try await store.audit.append(event("set-aside", actor: client, clientID: client.id, id: id, address: address), on: db)
            return true
        }
    }

    // MARK: Completions

    /// Records that the client did `itemID` on `day`, against each running assignment it counts
    /// toward, inside the caller's transaction (the practice record's or the worksheet's). The
    /// unique (assignment, slot) index makes a second practice the same day, or a race of many,
    /// count once. Nothing happens for a client without a therapist.
    func recordCompletion(of itemID: String, minutes: Int, sourceKind: String, sourceID: String, day: CalendarDay,
                          client: User, on db: any SQLDatabase) async throws {
        guard let therapistID = client.therapistId else { return }
        let rows = try await db.select().columns("id", "item_id", "schedule").from("assignments")
            .where("client_id", .equal, client.id).where("therapist_id", .equal, therapistID).where("ended_on", .is, SQLLiteral.null)
            .all(decoding: RunningRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        let calendar = Self.calendar(for: client)
        for row in rows {
            guard let schedule = try? Self.decode(row.schedule), schedule.isActive(on: day) else { continue }
            if let assigned = library.item(row.itemId) {
                let opened = ProgramWeeks.opened(start: schedule.start, today: day, weekCount: assigned.weeks.count, calendar: calendar)
                guard ProgramWeeks.counts(itemID, toward: assigned, opened: opened) else { continue }
            } else {
                // A therapist's own item (never a program): only doing that item counts.
                guard itemID == row.itemId else { continue }
            }
            try await db.insert(into: "assignment_completions")
                .columns("id", "created_at", "assignment_id", "client_id", "day", "slot", "minutes", "source_kind", "source_id")
                .values(SQLBind(Randomness.identifier()), SQLBind(Self.nowMilliseconds), SQLBind(row.id), SQLBind(client.id),
                        SQLBind(day.description), SQLBind(schedule.slot(for: day)), SQLBind(minutes), SQLBind(sourceKind), SQLBind(sourceID))
                .ignoringConflicts(with: ["assignment_id", "slot"])
                .run()
        }
    }

    /// For the therapist's roster: each client's done and planned count this week (their own
    /// week, in their own zone), over running assignments. One statement for every client.
    func completedThisWeek(forClientsOf therapistID: String, now: Date) async throws -> [String: (done: Int, planned: Int)] {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = DisplayTime.utc
        // The earliest Monday any zone can be in this week.
        let earliest = CalendarDay(now, in: utc).adding(days: -8, in: utc)
        let query: SQLQueryString = """
            SELECT a.id, a.client_id, a.schedule, a.ended_on, u.time_zone, c.day AS completed_day, s.week AS set_aside_week
            FROM assignments a
            JOIN users u ON u.id = a.client_id
            LEFT JOIN assignment_completions c ON c.assignment_id = a.id AND (c.day >= \(bind: earliest.description) OR c.slot = 'once')
            LEFT JOIN assignment_skips s ON s.assignment_id = a.id AND s.week >= \(bind: earliest.description)
            WHERE a.therapist_id = \(bind: therapistID) AND u.therapist_id = \(bind: therapistID) AND a.ended_on IS NULL
            """
        // The column names spelled out: converting every key of every row from snake case cost
        // more than the query itself (see docs/BENCHMARKS.md, the roster).
        struct Row: Decodable {
            var id: String; var clientId: String; var schedule: String; var endedOn: String?; var timeZone: String?
            var completedDay: String?; var setAsideWeek: String?
            enum CodingKeys: String, CodingKey {
                case id, schedule
                case clientId = "client_id", endedOn = "ended_on", timeZone = "time_zone", completedDay = "completed_day", setAsideWeek = "set_aside_week"
            }
        }
        let rows = try await store.database.read { db in try await db.raw(query).all(decoding: Row.self) }
        var byAssignment: [String: (row: Row, days: Set<CalendarDay>, weeks: Set<CalendarDay>)] = [:]
        for row in rows {
            var entry = byAssignment[row.id] ?? (row, [], [])
            if let day = row.completedDay.flatMap(CalendarDay.init) { entry.days.insert(day) }
            if let week = row.setAsideWeek.flatMap(CalendarDay.init) { entry.weeks.insert(week) }
            byAssignment[row.id] = entry
        }
        var result: [String: (done: Int, planned: Int)] = [:]
        for (row, days, weeks) in byAssignment.values {
            guard let schedule = try? Self.decode(row.schedule) else { continue }
            let calendar = Self.calendar(forZone: row.timeZone)
            let progress = AssignmentProgress(schedule: schedule, completions: days.map { ($0, 0) }, setAsideWeeks: weeks, calendar: calendar)
            let week = progress.week(of: CalendarDay(now, in: calendar))
            let sum = result[row.clientId] ?? (0, 0)
            result[row.clientId] = (sum.done + week.done, sum.planned + week.planned)
        }
        return result
    }

    static func encode(_ schedule: AssignmentSchedule) throws -> String {
        String(decoding: try JSONEncoder().encode(schedule), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> AssignmentSchedule {
        try JSONDecoder().decode(AssignmentSchedule.self, from: Data(text.utf8))
    }
}

private struct AssignmentRow: Decodable {
    var id: String; var createdAt: Int64; var therapistId: String; var clientId: String; var itemId: String
    var schedule: String; var note: String; var endedOn: String?

    func assignment(note: String) throws -> AssignmentStore.Assignment {
        AssignmentStore.Assignment(id: id, createdAt: Date(timeIntervalSince1970: TimeInterval(createdAt) / 1000), therapistID: therapistId,
                                   clientID: clientId, itemID: itemId, schedule: try AssignmentStore.decode(schedule), note: note,
                                   endedOn: endedOn.flatMap(CalendarDay.init))
    }
}

private struct RunningRow: Decodable { var id: String; var itemId: String; var schedule: String }

private struct CompletionRow: Decodable {
    var assignmentId: String; var day: String; var minutes: Int; var sourceKind: String; var sourceId: String
    var completion: AssignmentStore.Completion? {
        CalendarDay(day).map { .init(assignmentID: assignmentId, day: $0, minutes: minutes, sourceKind: sourceKind, sourceID: sourceId) }
    }
}

private struct SkipRow: Decodable { var assignmentId: String; var week: String; var reason: String? }
