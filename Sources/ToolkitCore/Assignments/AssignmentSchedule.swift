import Foundation

/// When a therapist would like a client to do an assigned item: once, every day, a number of
/// times a week, or on chosen weekdays, from a start day to an optional end day. All the maths is
/// in calendar days on the client's own calendar (the `Calendar` passed in carries their zone),
/// so "today" and "this week" are where the client lives, not where the server or therapist is.
public struct AssignmentSchedule: Codable, Sendable, Equatable {
    public enum Frequency: String, Codable, Sendable, CaseIterable {
        case once, daily, timesPerWeek = "times-per-week", weekdays

        public var displayName: String {
            switch self {
            case .once: "Once"
            case .daily: "Every day"
            case .timesPerWeek: "A number of times a week"
            case .weekdays: "On chosen days of the week"
            }
        }
    }

    public var frequency: Frequency
    /// For `.timesPerWeek`: 1 to 7.
    public var timesPerWeek: Int
    /// For `.weekdays`: ISO weekdays, 1 = Monday ... 7 = Sunday, sorted, no repeats.
    public var weekdays: [Int]
    public var start: CalendarDay
    /// The last day, included; nil for no end.
    public var end: CalendarDay?

    public init(frequency: Frequency, timesPerWeek: Int = 1, weekdays: [Int] = [], start: CalendarDay, end: CalendarDay? = nil) {
        self.frequency = frequency
        self.timesPerWeek = timesPerWeek
        self.weekdays = Array(Set(weekdays)).sorted()
        self.start = start
        self.end = end
    }

    public static let weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    /// Something that keeps a schedule from being used, and the field it is about.
    public typealias Problem = FieldProblem

    public func problems() -> [Problem] {
        var problems: [Problem] = []
        if frequency == .timesPerWeek, !(1...7).contains(timesPerWeek) {
            problems.append(Problem(field: "timesPerWeek", message: "Please choose how many times a week, from 1 to 7."))
        }
        if frequency == .weekdays, weekdays.isEmpty || !weekdays.allSatisfy({ (1...7).contains($0) }) {
            problems.append(Problem(field: "weekdays", message: "Please choose at least one day of the week."))
        }
        if let end, end < start {
            problems.append(Problem(field: "end", message: "The end date can't be before the start date."))
        }
        return problems
    }

    /// Whether the assignment runs on this day (between start and end, both included).
    public func isActive(on day: CalendarDay) -> Bool {
        day >= start && (end.map { day <= $0 } ?? true)
    }

    /// The Monday of the week holding `day`.
    public static func weekStart(of day: CalendarDay, calendar: Calendar) -> CalendarDay {
        day.adding(days: -(day.isoWeekday(in: calendar) - 1), in: calendar)
    }

    /// The seven days of the week holding `day`, Monday first.
    public static func week(of day: CalendarDay, calendar: Calendar) -> [CalendarDay] {
        let monday = weekStart(of: day, calendar: calendar)
        return (0..<7).map { monday.adding(days: $0, in: calendar) }
    }

    /// Whether this day is one the schedule asks for (the once-only day is the start day).
    public func isPlannedDay(_ day: CalendarDay, calendar: Calendar) -> Bool {
        guard isActive(on: day) else { return false }
        switch frequency {
        case .once: return day == start
        case .daily, .timesPerWeek: return true
        case .weekdays: return weekdays.contains(day.isoWeekday(in: calendar))
        }
    }

    /// How many times the schedule asks for in the week holding `day`.
    public func planned(inWeekOf day: CalendarDay, calendar: Calendar) -> Int {
        let days = Self.week(of: day, calendar: calendar)
        switch frequency {
        case .once: return days.contains(start) && isActive(on: start) ? 1 : 0
        case .daily, .weekdays: return days.filter { isPlannedDay($0, calendar: calendar) }.count
        case .timesPerWeek: return min(max(timesPerWeek, 0), days.filter(isActive).count)
        }
    }

    /// The key a completion is stored under: one per day, or a single one for a once-only
    /// assignment, so a second practice the same day (or a second time) never counts twice.
    public func slot(for day: CalendarDay) -> String {
        frequency == .once ? "once" : day.description
    }

    /// "Every day from Monday 4 May", "3 times a week", "On Monday and Thursday".
    public var summary: String {
        switch frequency {
        case .once: "Once"
        case .daily: "Every day"
        case .timesPerWeek: timesPerWeek == 1 ? "Once a week" : "\(timesPerWeek) times a week"
        case .weekdays: "On " + Self.list(weekdays.filter { (1...7).contains($0) }.map { Self.weekdayNames[$0 - 1] })
        }
    }

    static func list(_ names: [String]) -> String {
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
    }
}

/// One week of an assignment: how many times were planned, how many done, whether the client
/// set it aside ("not this week"), and the minutes of practice that counted toward it.
public struct AssignmentWeek: Sendable, Equatable {
    /// The week's Monday.
    public var start: CalendarDay
    /// What the schedule asks for this week; 0 when the client set the week aside.
    public var planned: Int
    /// Completions this week, never more than was planned (extra practice is welcome, not counted).
    public var done: Int
    public var minutes: Int
    public var setAside: Bool

    public var isDone: Bool { planned > 0 && done >= planned }
}

/// Where an assignment stands on a given day, for the client's Today and list.
public enum AssignmentDueState: String, Sendable, Equatable {
    /// It starts on a later day.
    case notStarted = "not-started"
    /// It has ended (its end day passed, or the therapist ended it).
    case ended
    /// It counts today and hasn't been done today.
    case dueToday = "due-today"
    /// Done today already.
    case doneToday = "done-today"
    /// Everything planned for this week is done.
    case doneThisWeek = "done-this-week"
    /// The client said "not this week".
    case setAside = "set-aside"
    /// Not one of this week's chosen days; more to come later this week.
    case notToday = "not-today"
    /// A once-only assignment that has been done.
    case done
}

/// The maths of one assignment over time, from its schedule, the days it was completed on and
/// the weeks the client set aside.
public struct AssignmentProgress: Sendable {
    public var schedule: AssignmentSchedule
    /// Each completion's day and minutes.
    public var completions: [(day: CalendarDay, minutes: Int)]
    /// Mondays of the weeks set aside.
    public var setAsideWeeks: Set<CalendarDay>
    /// When the therapist ended it, the last day it ran; nil while it runs.
    public var endedOn: CalendarDay?
    public let calendar: Calendar

    public init(schedule: AssignmentSchedule, completions: [(day: CalendarDay, minutes: Int)], setAsideWeeks: Set<CalendarDay> = [],
                endedOn: CalendarDay? = nil, calendar: Calendar) {
        // Ending early is an end day: from then on nothing more is planned.
        var schedule = schedule
        if let endedOn { schedule.end = min(schedule.end ?? endedOn, endedOn) }
        self.schedule = schedule
        self.completions = completions
        self.setAsideWeeks = setAsideWeeks
        self.endedOn = endedOn
        self.calendar = calendar
    }

    /// The week holding `day`.
    public func week(of day: CalendarDay) -> AssignmentWeek {
        let monday = AssignmentSchedule.weekStart(of: day, calendar: calendar)
        let days = Set(AssignmentSchedule.week(of: day, calendar: calendar))
        let inWeek = completions.filter { days.contains($0.day) }
        let setAside = setAsideWeeks.contains(monday)
        var planned = setAside ? 0 : schedule.planned(inWeekOf: day, calendar: calendar)
        // A once-only assignment done in a later week is planned where it was done, so it still counts as done.
        if schedule.frequency == .once, !setAside, let first = completions.map(\.day).min() {
            planned = AssignmentSchedule.weekStart(of: first, calendar: calendar) == monday ? 1 : 0
        }
        let doneDays = Set(inWeek.map(\.day)).count
        return AssignmentWeek(start: monday, planned: planned, done: min(doneDays, planned),
                              minutes: inWeek.reduce(0) { $0 + $1.minutes }, setAside: setAside)
    }

    /// The last `count` weeks up to the one holding `today`, oldest first.
    public func weeks(endingWith today: CalendarDay, count: Int) -> [AssignmentWeek] {
        (0..<max(count, 1)).reversed().map { back in week(of: today.adding(days: -7 * back, in: calendar)) }
    }

    public var isOnceDone: Bool { schedule.frequency == .once && !completions.isEmpty }

    public func state(on today: CalendarDay) -> AssignmentDueState {
        if isOnceDone { return .done }
        if today < schedule.start { return .notStarted }
        if let end = schedule.end, today > end { return .ended }
        let week = week(of: today)
        if week.setAside { return .setAside }
        if completions.contains(where: { $0.day == today }) { return .doneToday }
        if schedule.frequency != .once, week.isDone { return .doneThisWeek }
        return schedule.isPlannedDay(today, calendar: calendar) || schedule.frequency == .once ? .dueToday : .notToday
    }
}

/// A program's weeks open one at a time: week 1 on the start day, week 2 seven days later, and
/// so on; the client sees only the weeks that have opened.
public enum ProgramWeeks {
    /// How many weeks have opened by `today` (0 before the start day, never more than `weekCount`).
    public static func opened(start: CalendarDay, today: CalendarDay, weekCount: Int, calendar: Calendar) -> Int {
        guard today >= start, weekCount > 0 else { return 0 }
        return min(weekCount, start.days(until: today, in: calendar) / 7 + 1)
    }

    /// The day week `number` (from 1) opens.
    public static func opening(ofWeek number: Int, start: CalendarDay, calendar: Calendar) -> CalendarDay {
        start.adding(days: 7 * (max(number, 1) - 1), in: calendar)
    }

    /// Whether practising `itemID` counts toward an assignment of `assigned`: the item itself, or
    /// for a program, a home practice of a week that has opened.
    public static func counts(_ itemID: String, toward assigned: LibraryItem, opened: Int) -> Bool {
        if itemID == assigned.id { return true }
        guard assigned.kind == .program else { return false }
        return assigned.weeks.prefix(opened).contains { $0.homePractice.contains(itemID) }
    }
}

/// Done against planned across assignments, week by week, and a plain line about it. Weeks the
/// client set aside plan nothing, and nothing here scolds: a quiet week is information.
public enum Adherence {
    /// Adds up weeks of several assignments that cover the same weeks (oldest first).
    public static func combine(_ assignments: [[AssignmentWeek]]) -> [AssignmentWeek] {
        guard var total = assignments.first else { return [] }
        for weeks in assignments.dropFirst() where weeks.count == total.count {
            for index in weeks.indices {
                total[index].planned += weeks[index].planned
                total[index].done += weeks[index].done
                total[index].minutes += weeks[index].minutes
                total[index].setAside = total[index].setAside || weeks[index].setAside
            }
        }
        return total
    }

    /// "This week: 2 of 5 planned. The last 8 weeks: 19 of 31 planned, 142 minutes of practice."
    public static func summary(_ weeks: [AssignmentWeek]) -> String {
        guard let this = weeks.last else { return "Nothing assigned yet." }
        let planned = weeks.reduce(0) { $0 + $1.planned }
        let done = weeks.reduce(0) { $0 + $1.done }
        let minutes = weeks.reduce(0) { $0 + $1.minutes }
        let thisWeek = this.setAside && this.planned == 0 ? "This week: set aside by the client." : "This week: \(this.done) of \(this.planned) planned."
        let span = weeks.count == 1 ? "This week" : "The last \(weeks.count) weeks"
        return "\(thisWeek) \(span): \(done) of \(planned) planned, \(PracticeHistory.count(minutes, "minute")) of practice."
    }
}
