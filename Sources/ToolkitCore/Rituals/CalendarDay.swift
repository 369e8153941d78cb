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
    /// In the Gregorian calendar (the app's, in every time zone) whole days are plain arithmetic
    /// on the day number; going through `Calendar` cost a roster of 200 clients a noticeable share
    /// of its time. Other calendars still go through `Calendar`.
    public func adding(days count: Int, in calendar: Calendar) -> CalendarDay {
        if calendar.identifier == .gregorian { return CalendarDay(dayNumber: dayNumber + count) }
        return CalendarDay(calendar.date(byAdding: .day, value: count, to: midday(in: calendar)) ?? midday(in: calendar), in: calendar)
    }

    /// Whole calendar days from this day to `other` (negative when `other` is earlier).
    public func days(until other: CalendarDay, in calendar: Calendar) -> Int {
        if calendar.identifier == .gregorian { return other.dayNumber - dayNumber }
        return calendar.dateComponents([.day], from: midday(in: calendar), to: other.midday(in: calendar)).day ?? 0
    }

    /// 1 = Monday ... 7 = Sunday.
    public func isoWeekday(in calendar: Calendar) -> Int {
        if calendar.identifier == .gregorian {
            // Day 0, 1 January 1970, was a Thursday (4).
            return ((dayNumber + 3) % 7 + 7) % 7 + 1
        }
        let weekday = calendar.component(.weekday, from: midday(in: calendar))  // 1 = Sunday
        return weekday == 1 ? 7 : weekday - 1
    }

    /// Days since 1 January 1970 in the proleptic Gregorian calendar (negative before it), by
    /// Howard Hinnant's days-from-civil algorithm.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day with this day number (see `dayNumber`).
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
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
