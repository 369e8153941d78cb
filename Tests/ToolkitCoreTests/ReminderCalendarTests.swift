import Foundation
import Testing
@testable import ToolkitCore

@Suite struct ReminderCalendarTests {
    static let link = "https://toolkit.example.org/today"

    static func feed(_ schedule: ReminderSchedule = .standard, link: String = link) -> String {
        ReminderCalendar.render(schedule: schedule, todayLink: link, feedID: "feed-1",
                                startDay: DateComponents(year: 2026, month: 12, day: 2), stamp: Date(timeIntervalSince1970: 1_790_000_000))
    }

    @Test func theFeedIsOneWeeklyEventAtAFloatingLocalTimeLinkingToToday() {
        let text = Self.feed(ReminderSchedule(hour: 7, minute: 5, weekdays: [1, 3, 5]))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(text.contains("\r\nDTSTART:20261202T070500\r\n"))  // no Z, no TZID: the phone's own local time
        #expect(text.contains("\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR\r\n"))
        #expect(text.contains("\r\nSUMMARY:Practice time\r\n"))
        #expect(text.contains("\r\nURL:https://toolkit.example.org/today\r\n"))
        #expect(text.components(separatedBy: "BEGIN:VEVENT").count == 2)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func nothingClinicalIsEverInTheFeed() {
        let text = Self.feed().lowercased()
        for word in ["compassion practice", "therapy", "therapist", "crisis", "distress", "self-critic", "mental", "worksheet",
                     "anxiety", "depress", "suicid", "shame", "journal"] {
            #expect(!text.replacingOccurrences(of: "self-compassion toolkit", with: "").contains(word), "\(word)")
        }
    }

    @Test func longLinesAreFoldedAt75OctetsWithoutSplittingACharacter() {
        let line = "DESCRIPTION:" + String(repeating: "é", count: 80)
        let folded = ReminderCalendar.folded(line)
        for piece in folded.components(separatedBy: "\r\n") { #expect(piece.utf8.count <= 75) }
        #expect(folded.components(separatedBy: "\r\n").enumerated().allSatisfy { $0.offset == 0 || $0.element.hasPrefix(" ") })
        #expect(folded.replacingOccurrences(of: "\r\n ", with: "") == line)
        #expect(ReminderCalendar.folded("SHORT:x") == "SHORT:x")
    }

    @Test func textValuesAreEscaped() {
        #expect(ReminderCalendar.escaped("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne")
    }

    @Test func aScheduleIsReadFromAFormAndFromStorage() {
        #expect(ReminderSchedule.validated(time: "19:30", weekdays: ["1", "2"]).schedule == ReminderSchedule(hour: 19, minute: 30, weekdays: [1, 2]))
        #expect(ReminderSchedule.validated(time: "25:00", weekdays: ["1"]).problems == ["Please give a time such as 19:30."])
        #expect(ReminderSchedule.validated(time: "7pm", weekdays: []).problems.count == 2)
        #expect(ReminderSchedule.validated(time: "08:00", weekdays: ["0", "8", "x"]).problems == ["Please choose at least one day."])
        #expect(ReminderSchedule(time: "08:00", weekdays: "135")?.weekdays == [1, 3, 5])
        #expect(ReminderSchedule(time: "08:00", weekdays: "19") == nil)
        #expect(ReminderSchedule(time: "8:00", weekdays: "1") == nil)
        #expect(ReminderSchedule(hour: 8, minute: 0, weekdays: [1, 3, 5]).daysSentence == "on Monday, Wednesday and Friday")
        #expect(ReminderSchedule.standard.daysSentence == "every day")
        #expect(ReminderSchedule(hour: 8, minute: 0, weekdays: Set(1...5)).daysSentence == "on weekdays")
    }

    // MARK: Days assignments plan

    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// Monday 7 December 2026.
    static let monday = CalendarDay(year: 2026, month: 12, day: 7)

    static func progress(_ schedule: AssignmentSchedule, onceDone: CalendarDay? = nil, setAside: Set<CalendarDay> = []) -> AssignmentProgress {
        AssignmentProgress(schedule: schedule, completions: onceDone.map { [($0, 10)] } ?? [], setAsideWeeks: setAside, calendar: utc)
    }

    @Test func plannedDaysAreTheAssignedDaysTheWeeklyDaysMissWithinTheWindow() {
        let tuesdaysAndThursdays = Self.progress(AssignmentSchedule(frequency: .weekdays, weekdays: [2, 4], start: Self.monday))
        let days = ReminderCalendar.plannedDays([tuesdaysAndThursdays], weekdays: [1, 2, 3], today: Self.monday, calendar: Self.utc)
        // Tuesdays are already reminded; only Thursdays come in, for eight weeks
        #expect(days.count == 8)
        #expect(days.first == CalendarDay(year: 2026, month: 12, day: 10))
        #expect(days.allSatisfy { $0.isoWeekday(in: Self.utc) == 4 })
        #expect(days.last.map { Self.monday.days(until: $0, in: Self.utc) < ReminderCalendar.plannedDaysAhead } == true)
    }

    @Test func onceDailyEndedSetAsideAndTimesAWeekEachGiveTheirOwnDays() {
        let nextWeek = Self.monday.adding(days: 7, in: Self.utc)
        let once = Self.progress(AssignmentSchedule(frequency: .once, start: Self.monday.adding(days: 3, in: Self.utc)))
        let onceDone = Self.progress(AssignmentSchedule(frequency: .once, start: Self.monday.adding(days: 4, in: Self.utc)),
                                     onceDone: Self.monday)
        let dailyForAFortnightSetAsideNextWeek = Self.progress(
            AssignmentSchedule(frequency: .daily, start: Self.monday, end: Self.monday.adding(days: 13, in: Self.utc)), setAside: [nextWeek])
        let timesAWeek = Self.progress(AssignmentSchedule(frequency: .timesPerWeek, timesPerWeek: 3, start: Self.monday))
        // the client's own day is Monday
        #expect(ReminderCalendar.plannedDays([once], weekdays: [1], today: Self.monday, calendar: Self.utc)
                == [CalendarDay(year: 2026, month: 12, day: 10)])
        #expect(ReminderCalendar.plannedDays([onceDone, timesAWeek], weekdays: [1], today: Self.monday, calendar: Self.utc).isEmpty)
        #expect(ReminderCalendar.plannedDays([dailyForAFortnightSetAsideNextWeek], weekdays: [1], today: Self.monday, calendar: Self.utc)
                == (1...6).map { Self.monday.adding(days: $0, in: Self.utc) })
        // two assignments on one day give one reminder
        #expect(ReminderCalendar.plannedDays([once, dailyForAFortnightSetAsideNextWeek], weekdays: [1], today: Self.monday, calendar: Self.utc).count == 6)
    }

    @Test func eachPlannedDayIsOneEventSayingOnlyPracticeTimeWithItsOwnStableID() {
        let days = [CalendarDay(year: 2026, month: 12, day: 10), CalendarDay(year: 2026, month: 12, day: 17)]
        let text = ReminderCalendar.render(schedule: ReminderSchedule(hour: 18, minute: 30, weekdays: [1]), plannedDays: days + days,
                                           todayLink: Self.link, feedID: "feed-1",
                                           startDay: DateComponents(year: 2026, month: 12, day: 2), stamp: Date(timeIntervalSince1970: 1_790_000_000))
        #expect(text.components(separatedBy: "BEGIN:VEVENT").count == 4)
        #expect(text.contains("\r\nUID:feed-1-2026-12-10@reminders.self-compassion-toolkit\r\nDTSTAMP:"))
        #expect(text.contains("\r\nDTSTART:20261210T183000\r\n"))
        #expect(text.contains("\r\nDTSTART:20261217T183000\r\n"))
        #expect(text.components(separatedBy: "RRULE:").count == 2)
        #expect(text.components(separatedBy: "SUMMARY:Practice time\r\n").count == 4)
    }
}
