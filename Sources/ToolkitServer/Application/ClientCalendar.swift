import Foundation
import ToolkitCore

/// Where a client's "today" and "this week" are decided: their own time zone (set for the request
/// by `AuthenticationMiddleware`, UTC until they have one).
enum ClientCalendar {
    static func calendar(in timeZone: TimeZone = DisplayTime.calendar.timeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    static func today(_ services: AppServices, in calendar: Calendar) -> CalendarDay {
        CalendarDay(services.configuration.clock(), in: calendar)
    }

    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// "Monday 13 May": a calendar day for people, the same in every browser.
    static func text(_ day: CalendarDay, in calendar: Calendar) -> String {
        "\(weekdays[day.isoWeekday(in: calendar) - 1]) \(day.day) \(months[day.month - 1])"
    }
}
