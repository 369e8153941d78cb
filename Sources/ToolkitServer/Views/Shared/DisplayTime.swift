import Foundation
import Plot

/// Dates and times as the reader's own clock shows them. The zone is the signed-in person's (set
/// for the whole request by `AuthenticationMiddleware`); without one, times are UTC and say so.
/// Where JavaScript runs, app.js rewrites each `<time data-local>` in the browser's zone as well.
enum DisplayTime {
    @TaskLocal static var zone: TimeZone?

    static var utc: TimeZone { TimeZone(identifier: "UTC")! }

    /// "2 Dec 2026, 14:05", with " UTC" only when no zone of the person's own is known.
    static func text(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateStyle = .medium
        formatter.timeStyle = .short
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone ?? utc
        return formatter.string(from: date) + (zone == nil ? " UTC" : "")
    }

    /// "Wednesday 2 December", for headings such as Today's.
    static func dayText(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB")
        formatter.timeZone = zone ?? utc
        formatter.setLocalizedDateFormatFromTemplate("EEEEdMMMM")
        return formatter.string(from: date)
    }

    /// The reader's calendar: weeks start on Monday, in their zone.
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone ?? utc
        calendar.firstWeekday = 2
        return calendar
    }

    /// A time zone identifier someone may choose: one the system knows.
    static func zone(named identifier: String) -> TimeZone? {
        let trimmed = identifier.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 64, TimeZone.knownTimeZoneIdentifiers.contains(trimmed) || trimmed == "UTC" else { return nil }
        return TimeZone(identifier: trimmed)
    }
}
