import Foundation
import SQLKit
import ToolkitCore

/// Demonstration history for one client account: a few weeks of rituals and guided practice,
/// written through the same sealed, audited stores as the app's own pages, with the dates moved
/// into the past. For showing the app to a practice, for screenshots, and for tests and
/// benchmarks that need a client who has been practising for a while. It never touches a client
/// who already has rituals or practice records of their own.
extension AppServices {
    public struct DemoHistory: Sendable {
        public let ritualDays: Int
        public let practices: Int
        public let lastDay: String?
    }

    public enum DemoHistoryError: Error, CustomStringConvertible {
        case noSuchClient(String)
        case alreadyHasHistory(String)
        case badRange

        public var description: String {
            switch self {
            case .noSuchClient(let email): "No client account has the email \(email)."
            case .alreadyHasHistory(let email): "\(email) already has rituals or practice records of their own; demonstration history is only written for a new client."
            case .badRange: "--days must be from 1 to 400 and --gap from 0 to less than --days."
            }
        }
    }

    /// Writes `days` days of history (counted back from today) whose last day is `gap` days before today (in the client's own time
    /// zone): two rituals ticked on most days and a short practice every other day, with ratings.
    /// With `assign`, the client's therapist first assigns the first of those practices daily from
    /// the first day, so the days it was practised count as done; with `share`, the practice
    /// records are shared with the therapist (what the roster and progress pages draw on).
    public func writeDemoHistory(clientEmail: String, days: Int, gap: Int, assign: Bool = false, share: Bool = false) async throws -> DemoHistory {
        guard (1...400).contains(days), (0..<days).contains(gap) else { throw DemoHistoryError.badRange }
        guard let client = try await accounts.find(email: clientEmail), client.userRole == .client else {
            throw DemoHistoryError.noSuchClient(clientEmail)
        }
        let activity = try await EntryTable.activity(of: ["ritual_plans", "practice_log_entries"], for: client, since: .distantPast, on: database)
        guard activity.values.allSatisfy({ $0.total == 0 }) else { throw DemoHistoryError.alreadyHasHistory(clientEmail) }

        let calendar = ClientCalendar.calendar(in: client.timeZone.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!)
        let today = ClientCalendar.today(self, in: calendar)
        let first = today.adding(days: -(days - 1), in: calendar)
        let last = today.adding(days: -gap, in: calendar)
        let practiceDays = (0...max(0, first.days(until: last, in: calendar))).map { first.adding(days: $0, in: calendar) }

        // Rituals: ticked on most days, the way practice really goes (every fifth day left out).
        let ticked = practiceDays.enumerated().filter { $0.offset % 5 != 3 }.map(\.element)
        let rituals = [
            RitualPlan.Ritual(id: Randomness.identifier(), text: "Three slow breaths before getting up", group: "", addedOn: first, days: ticked),
            RitualPlan.Ritual(id: Randomness.identifier(), text: "A kind word to myself at lunch", group: "",
                              addedOn: first, days: ticked.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)),
        ]
        try await self.rituals.modify(for: client, address: nil, empty: RitualPlan()) { _ in .save(RitualPlan(rituals: rituals), ()) }

        // A short guided practice every other evening, with before and after ratings.
        let items = library.items.filter { $0.kind == .guidedPractice }.prefix(3)
        if assign, let therapistID = client.therapistId, let therapist = try await accounts.find(id: therapistID), let item = items.first {
            _ = try await assignments.create(itemID: item.id, note: "A few minutes most evenings, whenever it fits.",
                                             schedule: AssignmentSchedule(frequency: .daily, start: first), client: client,
                                             therapist: therapist, address: nil)
        }
        var practices = 0
        for (offset, day) in practiceDays.enumerated() where offset % 2 == 0 {
            guard let item = items.isEmpty ? nil : items[items.startIndex + (offset / 2) % items.count] else { break }
            let finished = day.midday(in: calendar).addingTimeInterval(8 * 60 * 60)  // 8 in the evening
            let record = PracticeRecord(itemID: item.id, itemTitle: item.title, minutes: 5 + offset % 11, finishedAt: finished,
                                        distressBefore: 6 - min(3, offset / 10), distressAfter: 4 - min(2, offset / 14),
                                        kindnessBefore: 3 + min(3, offset / 12), kindnessAfter: 6 + min(2, offset / 15))
            let assignments = self.assignments
            let id = try await practiceLog.create(record, for: client, address: nil, shared: share ? true : nil) { db, id in
                try await assignments.recordCompletion(of: item.id, minutes: record.minutes, sourceKind: "practice", sourceID: id,
                                                       day: day, client: client, on: db)
            }
            let milliseconds = Int64(finished.timeIntervalSince1970 * 1000)
            try await database.sql.update("practice_log_entries").set("created_at", to: milliseconds).set("updated_at", to: milliseconds)
                .where("id", .equal, id).run()
            practices += 1
        }
        return DemoHistory(ritualDays: Set(ticked).count, practices: practices, lastDay: practiceDays.last?.description)
    }
}
