import Foundation

/// When a client wants a quiet nudge to practise: a time of day and the days of the week. It
/// becomes a calendar feed (iCalendar, RFC 5545) their phone subscribes to. The feed says only
/// "Practice time" and links back to Today: a calendar is seen by other apps, other people
/// glancing at a phone, and sometimes a shared family account, so nothing clinical goes in it.
public struct ReminderSchedule: Sendable, Equatable {
    public var hour: Int
    public var minute: Int
    /// ISO weekdays, 1 = Monday ... 7 = Sunday.
    public var weekdays: Set<Int>
    /// Also on the other days the client's assignments plan a practice (see `ReminderCalendar.plannedDays`).
    public var assignmentDays: Bool

    public init(hour: Int, minute: Int, weekdays: Set<Int>, assignmentDays: Bool = true) {
        self.hour = hour
        self.minute = minute
        self.weekdays = weekdays
        self.assignmentDays = assignmentDays
    }

    public static let everyDay: Set<Int> = Set(1...7)
    public static let standard = ReminderSchedule(hour: 19, minute: 0, weekdays: everyDay)
    public static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// "19:30", as a time field sends and shows it.
    public var timeText: String { String(format: "%02d:%02d", hour, minute) }

    /// "1234567": the weekdays as stored.
    public var weekdayText: String { weekdays.sorted().map(String.init).joined() }

    /// Reads what was stored; nil for anything that isn't a schedule.
    public init?(time: String, weekdays text: String, assignmentDays: Bool = true) {
        let parts = time.split(separator: ":")
        guard parts.count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]), (0...23).contains(hour), (0...59).contains(minute),
              parts[0].count == 2, parts[1].count == 2 else { return nil }
        let days = Set(text.compactMap { Int(String($0)) })
        guard !days.isEmpty, days.isSubset(of: Self.everyDay), days.count == text.count else { return nil }
        self.init(hour: hour, minute: minute, weekdays: days, assignmentDays: assignmentDays)
    }

    /// What a form sent, or the sentences that say what to change.
    public static func validated(time: String, weekdays: [String], assignmentDays: Bool = true) -> (schedule: ReminderSchedule?, problems: [String]) {
        let trimmed = time.trimmingCharacters(in: .whitespaces)
        let days = Set(weekdays.compactMap { Int($0) }.filter { (1...7).contains($0) })
        var problems: [String] = []
        if ReminderSchedule(time: trimmed, weekdays: "1") == nil { problems.append("Please give a time such as 19:30.") }
        if days.isEmpty { problems.append("Please choose at least one day.") }
        guard problems.isEmpty, let schedule = ReminderSchedule(time: trimmed, weekdays: days.sorted().map(String.init).joined(),
                                                                assignmentDays: assignmentDays) else {
            return (nil, problems)
        }
        return (schedule, [])
    }

    /// When reminders come, as a phrase: "at 19:00 every day", "at 07:45 on Monday and Friday,
    /// and on the other days a practice is planned".
    public var sentence: String {
        "at \(timeText) \(daysSentence)" + (assignmentDays && weekdays != Self.everyDay ? ", and on the other days a practice is planned" : "")
    }

    /// "every day", "on weekdays", "at weekends", or "on Monday, Wednesday and Friday".
    public var daysSentence: String {
        if weekdays == Self.everyDay { return "every day" }
        if weekdays == Set(1...5) { return "on weekdays" }
        if weekdays == Set(6...7) { return "at weekends" }
        let names = weekdays.sorted().map { Self.dayNames[$0 - 1] }
        return "on " + (names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!)
    }
}

/// The feed itself: one weekly repeating event, at the client's chosen local time wherever
/// their phone is (a floating time, so travelling doesn't move it to the middle of the night),
/// and, when the client asks for them, one event on each coming day an assignment plans a
/// practice that the weekly days don't already cover. Every event reads the same.
public enum ReminderCalendar {
    public static let summary = "Practice time"
    public static let description = "A few quiet minutes for yourself, whenever suits you."
    /// How far ahead planned days go into the feed; phones fetch it again every 12 hours.
    public static let plannedDaysAhead = 56

    /// The iCalendar text: CRLF line ends, long lines folded at 75 octets, text escaped.
    /// `feedID` keeps each event's UID stable across fetches, so a calendar updates it in place.
    public static func render(schedule: ReminderSchedule, plannedDays: [CalendarDay] = [], todayLink: String, feedID: String,
                              startDay: DateComponents, stamp: Date) -> String {
        let byDay = schedule.weekdays.sorted().map { ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][$0 - 1] }.joined(separator: ",")
        let start = String(format: "%04d%02d%02dT%02d%02d00", startDay.year ?? 2026, startDay.month ?? 1, startDay.day ?? 1,
                           schedule.hour, schedule.minute)
        func event(uid: String, start: String, rule: String?) -> [String] {
            ["BEGIN:VEVENT",
             "UID:" + escaped(uid) + "@reminders.self-compassion-toolkit",
             "DTSTAMP:" + utcStamp(stamp),
             "DTSTART:" + start,
             "DURATION:PT10M"]
            + (rule.map { ["RRULE:" + $0] } ?? [])
            + ["SUMMARY:" + escaped(summary),
               "DESCRIPTION:" + escaped(description + " " + todayLink),
               "URL:" + todayLink,
               "TRANSP:TRANSPARENT",
               "CLASS:PRIVATE",
               "BEGIN:VALARM",
               "ACTION:DISPLAY",
               "DESCRIPTION:" + escaped(summary),
               "TRIGGER:PT0M",
               "END:VALARM",
               "END:VEVENT"]
        }
        let planned = Set(plannedDays).sorted().flatMap { day in
            event(uid: feedID + "-" + day.description,
                  start: String(format: "%04d%02d%02dT%02d%02d00", day.year, day.month, day.day, schedule.hour, schedule.minute), rule: nil)
        }
        let lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Self-Compassion Toolkit//Reminders//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escaped(summary),
            "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
            "X-PUBLISHED-TTL:PT12H",
        ] + event(uid: feedID, start: start, rule: "FREQ=WEEKLY;BYDAY=" + byDay) + planned + ["END:VCALENDAR"]
        return lines.map(folded).joined(separator: "\r\n") + "\r\n"
    }

    /// The days from `today` through `plannedDaysAhead` days on which a running assignment plans a
    /// practice and the weekly reminder doesn't fall: a day of a daily or chosen-days schedule, or
    /// a once-only assignment's day while it isn't done. Not in a week the client set aside, and
    /// never for "a number of times a week", whose days are the client's to choose (their weekly
    /// days remind them).
    public static func plannedDays(_ assignments: [AssignmentProgress], weekdays: Set<Int>, today: CalendarDay,
                                   calendar: Calendar) -> [CalendarDay] {
        (0..<plannedDaysAhead).map { today.adding(days: $0, in: calendar) }.filter { day in
            guard !weekdays.contains(day.isoWeekday(in: calendar)) else { return false }
            let monday = AssignmentSchedule.weekStart(of: day, calendar: calendar)
            return assignments.contains { progress in
                progress.schedule.frequency != .timesPerWeek && !progress.isOnceDone && !progress.setAsideWeeks.contains(monday)
                    && progress.schedule.isPlannedDay(day, calendar: calendar)
            }
        }
    }

    /// RFC 5545 3.3.11: backslash, semicolon, comma and line breaks escaped in text values.
    public static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// RFC 5545 3.1: a line longer than 75 octets continues on the next, which starts with a space;
    /// never inside a character's UTF-8 bytes.
    public static func folded(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            let limit = pieces.isEmpty ? 75 : 74  // continuation lines spend one octet on the space
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }

    private static func utcStamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1,
                      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
    }
}
