import Foundation

/// A client's practice over the last few weeks: minutes in each week (weeks start on Monday,
/// quiet weeks included as zero), on how many days they practised, and how the before and after
/// ratings compare. Weeks and days are counted in the time zone given, so a per-client zone can
/// be passed in later without changing the maths.
public struct PracticeHistory: Sendable, Equatable {
    public struct Week: Sendable, Equatable {
        /// Midnight at the start of the week's Monday, in the history's time zone.
        public var start: Date
        public var minutes: Int
        public var practices: Int
    }

    /// The average of the ratings given before and after, over the records that have both.
    public struct Change: Sendable, Equatable {
        public var records: Int
        public var averageBefore: Double
        public var averageAfter: Double
        /// After minus before: below zero means lower after practising.
        public var averageChange: Double
    }

    /// Oldest first; the last one is the week holding `now`.
    public var weeks: [Week]
    public var practiceDays: Int
    public var totalMinutes: Int
    public var practices: Int
    public var distress: Change?
    public var kindness: Change?
    public let timeZone: TimeZone

    public static let defaultWeekCount = 8

    /// A Gregorian calendar whose weeks start on Monday, in the given time zone.
    public static func calendar(in timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        return calendar
    }

    /// Midnight on the Monday of the week that holds `date`.
    public static func weekStart(of date: Date, calendar: Calendar) -> Date {
        let day = calendar.startOfDay(for: date)
        // Sunday is 1 in the Gregorian calendar: count days back to Monday.
        let daysSinceMonday = (calendar.component(.weekday, from: day) + 5) % 7
        let monday = calendar.date(byAdding: .day, value: -daysSinceMonday, to: day) ?? day
        return calendar.startOfDay(for: monday)
    }

    /// Midnight on the Monday the history starts: records from then on are all it needs.
    public static func firstDay(now: Date, weekCount: Int = PracticeHistory.defaultWeekCount, timeZone: TimeZone) -> Date {
        let calendar = Self.calendar(in: timeZone)
        let thisWeek = weekStart(of: now, calendar: calendar)
        return calendar.date(byAdding: .day, value: -7 * (max(weekCount, 1) - 1), to: thisWeek).map(calendar.startOfDay) ?? thisWeek
    }

    public init(records: [PracticeRecord], now: Date, weekCount: Int = PracticeHistory.defaultWeekCount, timeZone: TimeZone) {
        self.timeZone = timeZone
        let calendar = Self.calendar(in: timeZone)
        let thisWeek = Self.weekStart(of: now, calendar: calendar)
        let count = max(weekCount, 1)
        var weeks = (0..<count).reversed().map { back in
            let start = calendar.date(byAdding: .day, value: -7 * back, to: thisWeek).map(calendar.startOfDay) ?? thisWeek
            return Week(start: start, minutes: 0, practices: 0)
        }
        let index = Dictionary(weeks.enumerated().map { ($0.element.start, $0.offset) }, uniquingKeysWith: { first, _ in first })
        var days = Set<DateComponents>()
        var inWindow: [PracticeRecord] = []
        for record in records where record.finishedAt <= now {
            guard let position = index[Self.weekStart(of: record.finishedAt, calendar: calendar)] else { continue }
            weeks[position].minutes += record.minutes
            weeks[position].practices += 1
            days.insert(calendar.dateComponents([.year, .month, .day], from: record.finishedAt))
            inWindow.append(record)
        }
        self.weeks = weeks
        practiceDays = days.count
        totalMinutes = weeks.reduce(0) { $0 + $1.minutes }
        practices = inWindow.count
        distress = Self.change(inWindow.compactMap { record in record.distressBefore.flatMap { b in record.distressAfter.map { (b, $0) } } })
        kindness = Self.change(inWindow.compactMap { record in record.kindnessBefore.flatMap { b in record.kindnessAfter.map { (b, $0) } } })
    }

    /// The averages over pairs of (before, after) ratings; nil when there are none.
    private static func change(_ pairs: [(Int, Int)]) -> Change? {
        guard !pairs.isEmpty else { return nil }
        let count = Double(pairs.count)
        let before = Double(pairs.reduce(0) { $0 + $1.0 }) / count
        let after = Double(pairs.reduce(0) { $0 + $1.1 }) / count
        return Change(records: pairs.count, averageBefore: before, averageAfter: after, averageChange: after - before)
    }

    /// The first moment the history covers: midnight on its first Monday.
    public var start: Date { weeks.first?.start ?? Date.distantPast }

    // MARK: Words

    /// One plain line, such as "You practised on 9 days in the last 8 weeks, 84 minutes in all."
    public var summary: String {
        let span = weeks.count == 1 ? "this week" : "the last \(weeks.count) weeks"
        guard practices > 0 else {
            return "No practice recorded in \(span) yet. Whenever you finish a practice from the library, you can add it here."
        }
        return "You practised on \(Self.count(practiceDays, "day")) in \(span), \(Self.count(totalMinutes, "minute")) in all."
    }

    /// A calm sentence about distress before and after; nil when no record has both ratings.
    public var distressSentence: String? {
        distress.map { change in
            switch Self.rounded(change.averageChange) {
            case 0: "On average your distress was about the same before and after practising."
            case ..<0: "On average your distress was \(Self.decimal(-change.averageChange)) lower after practising."
            default: "On average your distress was \(Self.decimal(change.averageChange)) higher after practising. That can happen: kindness sometimes stirs up old feelings at first, and noticing that is part of practising too."
            }
        }
    }

    /// A calm sentence about self-kindness before and after; nil when no record has both ratings.
    public var kindnessSentence: String? {
        kindness.map { change in
            switch Self.rounded(change.averageChange) {
            case 0: "On average you rated your kindness to yourself about the same before and after practising."
            case ..<0: "On average you rated your kindness to yourself \(Self.decimal(-change.averageChange)) lower after practising. Some days are like that; every practice still counts."
            default: "On average you rated your kindness to yourself \(Self.decimal(change.averageChange)) higher after practising."
            }
        }
    }

    /// "1 day", "9 days".
    public static func count(_ value: Int, _ noun: String) -> String { "\(value) \(noun)\(value == 1 ? "" : "s")" }

    /// One decimal place, the way the sentences and tables show averages.
    public static func decimal(_ value: Double) -> String { String(format: "%.1f", rounded(value)) }

    /// Rounded to one decimal place, with minus zero made zero.
    static func rounded(_ value: Double) -> Double {
        let rounded = (value * 10).rounded() / 10
        return rounded == 0 ? 0 : rounded
    }
}
