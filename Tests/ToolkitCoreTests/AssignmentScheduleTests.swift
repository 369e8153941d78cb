import Foundation
import Testing
@testable import ToolkitCore

/// The schedule maths of assignments, on the client's own calendar.
@Suite struct AssignmentScheduleTests {
    static func calendar(_ zone: String) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar
    }

    static let utc = calendar("UTC")
    static func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    // 2026-05-04 is a Monday.
    static let monday = day("2026-05-04")

    @Test func aDailyScheduleAsksForEveryActiveDayOfTheWeek() {
        // setup
        let full = AssignmentSchedule(frequency: .daily, start: Self.monday)
        let midweek = AssignmentSchedule(frequency: .daily, start: Self.day("2026-05-07"))
        let ending = AssignmentSchedule(frequency: .daily, start: Self.monday, end: Self.day("2026-05-05"))
        // check
        #expect(full.planned(inWeekOf: Self.day("2026-05-06"), calendar: Self.utc) == 7)
        #expect(midweek.planned(inWeekOf: Self.monday, calendar: Self.utc) == 4)  // Thursday to Sunday
        #expect(ending.planned(inWeekOf: Self.monday, calendar: Self.utc) == 2)
        #expect(ending.planned(inWeekOf: Self.day("2026-05-11"), calendar: Self.utc) == 0)
        #expect(full.planned(inWeekOf: Self.day("2026-04-27"), calendar: Self.utc) == 0)  // before the start
    }

    @Test func chosenWeekdaysCountOnlyThoseDaysWithinTheBounds() {
        // setup: Monday, Wednesday, Friday, from the Wednesday
        let schedule = AssignmentSchedule(frequency: .weekdays, weekdays: [5, 1, 3, 3], start: Self.day("2026-05-06"))
        // check
        #expect(schedule.weekdays == [1, 3, 5])
        #expect(schedule.planned(inWeekOf: Self.monday, calendar: Self.utc) == 2)
        #expect(schedule.planned(inWeekOf: Self.day("2026-05-11"), calendar: Self.utc) == 3)
        #expect(schedule.isPlannedDay(Self.day("2026-05-08"), calendar: Self.utc))
        #expect(!schedule.isPlannedDay(Self.day("2026-05-07"), calendar: Self.utc))
        #expect(!schedule.isPlannedDay(Self.monday, calendar: Self.utc))  // before the start
        #expect(schedule.summary == "On Monday, Wednesday and Friday")
    }

    @Test func nTimesAWeekIsCappedByTheDaysLeftInTheWeek() {
        // setup
        let three = AssignmentSchedule(frequency: .timesPerWeek, timesPerWeek: 3, start: Self.day("2026-05-09"))  // a Saturday
        // check
        #expect(three.planned(inWeekOf: Self.monday, calendar: Self.utc) == 2)
        #expect(three.planned(inWeekOf: Self.day("2026-05-11"), calendar: Self.utc) == 3)
        #expect(three.summary == "3 times a week")
    }

    @Test func onceIsPlannedInTheStartWeekAndCountsOnlyOnce() {
        // setup
        let once = AssignmentSchedule(frequency: .once, start: Self.day("2026-05-06"))
        // check
        #expect(once.planned(inWeekOf: Self.monday, calendar: Self.utc) == 1)
        #expect(once.planned(inWeekOf: Self.day("2026-05-11"), calendar: Self.utc) == 0)
        #expect(once.slot(for: Self.day("2026-05-06")) == once.slot(for: Self.day("2026-05-20")))
        let daily = AssignmentSchedule(frequency: .daily, start: Self.monday)
        #expect(daily.slot(for: Self.monday) != daily.slot(for: Self.day("2026-05-05")))
    }

    @Test func badSchedulesAreNamedByField() {
        #expect(AssignmentSchedule(frequency: .timesPerWeek, timesPerWeek: 0, start: Self.monday).problems().map(\.field) == ["timesPerWeek"])
        #expect(AssignmentSchedule(frequency: .timesPerWeek, timesPerWeek: 8, start: Self.monday).problems().map(\.field) == ["timesPerWeek"])
        #expect(AssignmentSchedule(frequency: .weekdays, weekdays: [], start: Self.monday).problems().map(\.field) == ["weekdays"])
        #expect(AssignmentSchedule(frequency: .weekdays, weekdays: [9], start: Self.monday).problems().map(\.field) == ["weekdays"])
        #expect(AssignmentSchedule(frequency: .daily, start: Self.monday, end: Self.day("2026-05-03")).problems().map(\.field) == ["end"])
        #expect(AssignmentSchedule(frequency: .daily, start: Self.monday, end: Self.monday).problems().isEmpty)
    }

    @Test func theFormInputKeepsWhatWasTypedAndNamesEachProblem() {
        // setup
        let known: (String) -> Bool = { $0 == "self-compassion-break" }
        // act
        let good = AssignmentInput(itemID: "self-compassion-break", note: "  Try it after work.  ", frequency: "weekdays",
                                   weekdays: ["2", "4"], start: "2026-05-04", end: "2026-06-01").validated(knownItem: known)
        let unknownItem = AssignmentInput(itemID: "nope", start: "2026-05-04").validated(knownItem: known)
        let badDates = AssignmentInput(itemID: "self-compassion-break", start: "4 May", end: "soon").validated(knownItem: known)
        let endBeforeStart = AssignmentInput(itemID: "self-compassion-break", start: "2026-05-04", end: "2026-05-01").validated(knownItem: known)
        let badFrequency = AssignmentInput(itemID: "self-compassion-break", frequency: "hourly", start: "2026-05-04").validated(knownItem: known)
        let longNote = AssignmentInput(itemID: "self-compassion-break", note: String(repeating: "a", count: 1_001), start: "2026-05-04")
            .validated(knownItem: known)
        // check
        #expect(good.problems.isEmpty)
        #expect(good.note == "Try it after work.")
        #expect(good.schedule == AssignmentSchedule(frequency: .weekdays, weekdays: [2, 4], start: Self.monday, end: Self.day("2026-06-01")))
        #expect(unknownItem.schedule == nil && unknownItem.problems.map(\.field) == ["item"])
        #expect(Set(badDates.problems.map(\.field)) == ["start", "end"])
        #expect(endBeforeStart.problems.map(\.field) == ["end"])
        #expect(badFrequency.problems.map(\.field) == ["frequency"])
        #expect(longNote.problems.map(\.field) == ["note"])
    }

    @Test func aWeekCountsDistinctDaysUpToWhatWasPlannedAndSetAsideWeeksPlanNothing() {
        // setup: twice a week; three practices on two days this week, one of them twice
        let schedule = AssignmentSchedule(frequency: .timesPerWeek, timesPerWeek: 2, start: Self.day("2026-04-27"))
        let completions: [(day: CalendarDay, minutes: Int)] = [
            (Self.monday, 5), (Self.day("2026-05-05"), 10), (Self.day("2026-05-06"), 4), (Self.day("2026-04-28"), 7),
        ]
        let progress = AssignmentProgress(schedule: schedule, completions: completions, setAsideWeeks: [Self.day("2026-04-27")],
                                          calendar: Self.utc)
        // act
        let weeks = progress.weeks(endingWith: Self.day("2026-05-06"), count: 3)
        // check
        #expect(weeks.map(\.start) == [Self.day("2026-04-20"), Self.day("2026-04-27"), Self.monday])
        #expect(weeks.map(\.planned) == [0, 0, 2])
        #expect(weeks.map(\.done) == [0, 0, 2])
        #expect(weeks.map(\.minutes) == [0, 7, 19])
        #expect(weeks.map(\.setAside) == [false, true, false])
        #expect(weeks[2].isDone)
        #expect(progress.state(on: Self.day("2026-05-07")) == .doneThisWeek)
    }

    @Test func theStateOfTheDayIsCalmAndFollowsTheSchedule() {
        // setup: Monday and Thursday
        let schedule = AssignmentSchedule(frequency: .weekdays, weekdays: [1, 4], start: Self.monday, end: Self.day("2026-05-31"))
        let progress = AssignmentProgress(schedule: schedule, completions: [(Self.monday, 5)], calendar: Self.utc)
        // check
        #expect(progress.state(on: Self.day("2026-05-03")) == .notStarted)
        #expect(progress.state(on: Self.monday) == .doneToday)
        #expect(progress.state(on: Self.day("2026-05-05")) == .notToday)
        #expect(progress.state(on: Self.day("2026-05-07")) == .dueToday)
        #expect(progress.state(on: Self.day("2026-06-01")) == .ended)
        let setAside = AssignmentProgress(schedule: schedule, completions: [], setAsideWeeks: [Self.monday], calendar: Self.utc)
        #expect(setAside.state(on: Self.day("2026-05-07")) == .setAside)
        let once = AssignmentProgress(schedule: AssignmentSchedule(frequency: .once, start: Self.monday), completions: [], calendar: Self.utc)
        #expect(once.state(on: Self.day("2026-05-20")) == .dueToday)
        let onceDone = AssignmentProgress(schedule: AssignmentSchedule(frequency: .once, start: Self.monday),
                                          completions: [(Self.day("2026-05-20"), 3)], calendar: Self.utc)
        #expect(onceDone.state(on: Self.day("2026-05-21")) == .done)
        // Done two weeks late, it counts in the week it was done, not as missed in the first.
        #expect(onceDone.week(of: Self.monday).planned == 0)
        #expect(onceDone.week(of: Self.day("2026-05-20")).planned == 1)
        #expect(onceDone.week(of: Self.day("2026-05-20")).done == 1)
    }

    @Test func endingEarlyPlansNothingAfterTheEndDay() {
        // setup: daily, ended on the Wednesday
        let progress = AssignmentProgress(schedule: AssignmentSchedule(frequency: .daily, start: Self.monday), completions: [],
                                          endedOn: Self.day("2026-05-06"), calendar: Self.utc)
        // check
        #expect(progress.week(of: Self.monday).planned == 3)
        #expect(progress.week(of: Self.day("2026-05-11")).planned == 0)
        #expect(progress.state(on: Self.day("2026-05-07")) == .ended)
    }

    @Test func theWeekIsTheClientsOwnInTheirTimeZone() {
        // 2026-05-10 23:30 UTC is Sunday in London... and already Monday 11 May in Tokyo.
        let moment = Date(timeIntervalSince1970: 1_778_455_800)
        let tokyo = Self.calendar("Asia/Tokyo")
        let losAngeles = Self.calendar("America/Los_Angeles")
        // act
        let tokyoDay = CalendarDay(moment, in: tokyo)
        let laDay = CalendarDay(moment, in: losAngeles)
        // check
        #expect(tokyoDay == Self.day("2026-05-11"))
        #expect(laDay == Self.day("2026-05-10"))
        #expect(AssignmentSchedule.weekStart(of: tokyoDay, calendar: tokyo) == Self.day("2026-05-11"))
        #expect(AssignmentSchedule.weekStart(of: laDay, calendar: losAngeles) == Self.monday)
        // Monday-only schedule: due in Tokyo, not yet in Los Angeles.
        let mondays = AssignmentProgress(schedule: AssignmentSchedule(frequency: .weekdays, weekdays: [1], start: Self.monday), completions: [],
                                         calendar: tokyo)
        #expect(mondays.state(on: tokyoDay) == .dueToday)
        let mondaysLA = AssignmentProgress(schedule: mondays.schedule, completions: [], calendar: losAngeles)
        #expect(mondaysLA.state(on: laDay) == .notToday)
    }

    @Test func weeksAcrossAClockChangeStillHaveSevenDays() {
        // Europe/London moves its clocks on 2026-03-29 (a Sunday).
        let london = Self.calendar("Europe/London")
        let schedule = AssignmentSchedule(frequency: .daily, start: Self.day("2026-03-01"))
        #expect(schedule.planned(inWeekOf: Self.day("2026-03-29"), calendar: london) == 7)
        #expect(AssignmentSchedule.week(of: Self.day("2026-03-29"), calendar: london).last == Self.day("2026-03-29"))
    }

    @Test func programWeeksOpenOneByOneFromTheStartDay() throws {
        // setup
        let library = try ContentLibrary.loadBundled()
        let program = try #require(library.item("four-week-introduction-program"))
        let start = Self.day("2026-05-06")
        // check
        #expect(ProgramWeeks.opened(start: start, today: Self.day("2026-05-05"), weekCount: 4, calendar: Self.utc) == 0)
        #expect(ProgramWeeks.opened(start: start, today: start, weekCount: 4, calendar: Self.utc) == 1)
        #expect(ProgramWeeks.opened(start: start, today: Self.day("2026-05-12"), weekCount: 4, calendar: Self.utc) == 1)
        #expect(ProgramWeeks.opened(start: start, today: Self.day("2026-05-13"), weekCount: 4, calendar: Self.utc) == 2)
        #expect(ProgramWeeks.opened(start: start, today: Self.day("2026-08-01"), weekCount: 4, calendar: Self.utc) == 4)
        #expect(ProgramWeeks.opening(ofWeek: 3, start: start, calendar: Self.utc) == Self.day("2026-05-20"))
        // Week 1's home practice counts from the start; week 2's only once week 2 has opened.
        let weekOne = try #require(program.weeks.first?.homePractice.first)
        let weekTwoOnly = try #require(program.weeks[1].homePractice.first { !program.weeks[0].homePractice.contains($0) })
        #expect(ProgramWeeks.counts(weekOne, toward: program, opened: 1))
        #expect(!ProgramWeeks.counts(weekTwoOnly, toward: program, opened: 1))
        #expect(ProgramWeeks.counts(weekTwoOnly, toward: program, opened: 2))
        #expect(!ProgramWeeks.counts(weekOne, toward: program, opened: 0))
        let practice = try #require(library.item("self-compassion-break"))
        #expect(ProgramWeeks.counts("self-compassion-break", toward: practice, opened: 0))
        #expect(!ProgramWeeks.counts("affectionate-breathing", toward: practice, opened: 0))
    }

    @Test func adherenceAddsAssignmentsUpAndSaysSoPlainly() {
        // setup
        let a = [AssignmentWeek(start: Self.day("2026-04-27"), planned: 3, done: 1, minutes: 10, setAside: false),
                 AssignmentWeek(start: Self.monday, planned: 2, done: 2, minutes: 12, setAside: false)]
        let b = [AssignmentWeek(start: Self.day("2026-04-27"), planned: 0, done: 0, minutes: 0, setAside: true),
                 AssignmentWeek(start: Self.monday, planned: 1, done: 0, minutes: 0, setAside: false)]
        // act
        let combined = Adherence.combine([a, b])
        // check
        #expect(combined.map(\.planned) == [3, 3])
        #expect(combined.map(\.done) == [1, 2])
        #expect(Adherence.summary(combined) == "This week: 2 of 3 planned. The last 2 weeks: 3 of 6 planned, 22 minutes of practice.")
        #expect(Adherence.combine([]).isEmpty)
    }
}
