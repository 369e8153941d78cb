import Foundation

/// A date on the calendar, with no time of day: the day a ritual was done where the client lives.
/// Stored as "YYYY-MM-DD", so a tick means the same day whatever time zone reads it later.
public struct CalendarDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The day `date` falls on in the calendar's time zone.
    public init(_ date: Date, in calendar: Calendar) {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// Parses "YYYY-MM-DD"; nil for anything else or a date that doesn't exist.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), (1...Self.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// Midday of this day in the calendar's time zone: never skipped or doubled by a clock change.
    public func midday(in calendar: Calendar) -> Date {
        calendar.date(from: DateComponents(year: year, month: month, day: day, hour: 12)) ?? Date(timeIntervalSince1970: 0)
    }

    /// The day `count` days later (earlier when negative), counted in whole calendar days.
    public func adding(days count: Int, in calendar: Calendar) -> CalendarDay {
        CalendarDay(calendar.date(byAdding: .day, value: count, to: midday(in: calendar)) ?? midday(in: calendar), in: calendar)
    }

    /// Whole calendar days from this day to `other` (negative when `other` is earlier).
    public func days(until other: CalendarDay, in calendar: Calendar) -> Int {
        calendar.dateComponents([.day], from: midday(in: calendar), to: other.midday(in: calendar)).day ?? 0
    }

    /// 1 = Monday ... 7 = Sunday.
    public func isoWeekday(in calendar: Calendar) -> Int {
        let weekday = calendar.component(.weekday, from: midday(in: calendar))  // 1 = Sunday
        return weekday == 1 ? 7 : weekday - 1
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let day = CalendarDay(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Not a YYYY-MM-DD date: \(text)"))
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
