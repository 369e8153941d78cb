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
        let zone = zone ?? utc
        return Formatters.shared.string(from: date, .dateAndTime, zone) + (self.zone == nil ? " UTC" : "")
    }

    /// "Wednesday 2 December", for headings such as Today's.
    static func dayText(_ date: Date) -> String {
        Formatters.shared.string(from: date, .day, zone ?? utc)
    }

    /// Date formatters are costly to make and every list shows many dates: one per style and zone,
    /// made once, and used under a lock (the ICU formatter beneath one isn't safe to share).
    final class Formatters: @unchecked Sendable {
        static let shared = Formatters()
        enum Style: Hashable { case dateAndTime, day }
        private let lock = NSLock()
        private var made: [Key: DateFormatter] = [:]
        private struct Key: Hashable { var style: Style; var zone: String }

        func string(from date: Date, _ style: Style, _ zone: TimeZone) -> String {
            lock.withLock { formatter(style, zone).string(from: date) }
        }

        /// Call with the lock held.
        private func formatter(_ style: Style, _ zone: TimeZone) -> DateFormatter {
            let key = Key(style: style, zone: zone.identifier)
            if let formatter = made[key] { return formatter }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_GB")
            formatter.timeZone = zone
            switch style {
            case .dateAndTime:
                formatter.dateStyle = .medium
                formatter.timeStyle = .short
            case .day:
                formatter.setLocalizedDateFormatFromTemplate("EEEEdMMMM")
            }
            made[key] = formatter
            return formatter
        }
    }

    /// The reader's calendar: weeks start on Monday, in their zone.
    static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone ?? utc
        calendar.firstWeekday = 2
        return calendar
    }

    /// Every zone a person may choose, "UTC" first, read from the system once (each signed-in
    /// request checks the person's zone against it).
    static let choices: [String] = ["UTC"] + TimeZone.knownTimeZoneIdentifiers.filter { $0 != "UTC" }.sorted()
    private static let known = Set(choices)

    /// A time zone identifier someone may choose: one the system knows.
    static func zone(named identifier: String) -> TimeZone? {
        let trimmed = identifier.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 64, known.contains(trimmed) else { return nil }
        return TimeZone(identifier: trimmed)
    }
}
