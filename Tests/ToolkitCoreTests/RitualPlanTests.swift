import Foundation
import Testing
@testable import ToolkitCore

@Suite struct RitualPlanTests {
    static func calendar(_ zone: String) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone)!
        return calendar
    }

    static let london = calendar("Europe/London")

    static func day(_ text: String) -> CalendarDay { CalendarDay(text)! }

    static func plan(days: [String], retired: Bool = false) -> RitualPlan {
        RitualPlan(rituals: [.init(id: "r1", text: "Three slow breaths", group: "Morning", addedOn: day("2024-01-01"),
                                   retired: retired, days: days.map(day))])
    }

    @Test func theMenuIsReadFromTheLibraryItemGroupedByTimeOfDay() throws {
        // setup
        let item = try #require(try ContentLibrary.loadBundled().item(RitualMenu.libraryItemID))
        // act
        let menu = RitualMenu(clientText: item.clientText)
        // check
        #expect(menu.groups.map(\.title) == ["Morning", "During the day", "Evening", "Any time"])
        #expect(menu.groups.map(\.items.count) == [5, 6, 5, 4])
        #expect(menu.choice("0.1")?.text == "Drink a glass of water slowly and notice how it feels.")
        #expect(menu.choice("2.0")?.group == "Evening")
        #expect(menu.choice("9.9") == nil)
        #expect(menu.choice("x") == nil)
    }

    @Test func aRitualIsAddedOnceTickedForTodayOrYesterdayAndUnticked() {
        // setup
        var plan = RitualPlan()
        let today = Self.day("2024-05-15")
        // act + check
        #expect(plan.apply(.add(id: "a", text: "  Stretch for a minute ", group: ""), today: today, calendar: Self.london).isEmpty)
        #expect(plan.apply(.add(id: "b", text: "stretch for a minute", group: ""), today: today, calendar: Self.london).isEmpty)
        #expect(plan.rituals.map(\.text) == ["Stretch for a minute"])
        #expect(plan.apply(.mark(ritualID: "a", day: today, done: true), today: today, calendar: Self.london).isEmpty)
        #expect(plan.apply(.mark(ritualID: "a", day: Self.day("2024-05-14"), done: true), today: today, calendar: Self.london).isEmpty)
        #expect(!plan.apply(.mark(ritualID: "a", day: Self.day("2024-05-13"), done: true), today: today, calendar: Self.london).isEmpty)
        #expect(!plan.apply(.mark(ritualID: "a", day: Self.day("2024-05-16"), done: true), today: today, calendar: Self.london).isEmpty)
        #expect(!plan.apply(.mark(ritualID: "nope", day: today, done: true), today: today, calendar: Self.london).isEmpty)
        #expect(plan.rituals[0].days == [Self.day("2024-05-14"), today])
        #expect(plan.apply(.mark(ritualID: "a", day: today, done: false), today: today, calendar: Self.london).isEmpty)
        #expect(plan.rituals[0].days == [Self.day("2024-05-14")])
    }

    @Test func aRitualPutAsideKeepsItsDaysAndComesBackWithThem() {
        // setup
        var plan = Self.plan(days: ["2024-05-01", "2024-05-02"])
        let today = Self.day("2024-05-15")
        // act
        let retired = plan.apply(.retire(ritualID: "r1"), today: today, calendar: Self.london)
        let markedWhileAside = plan.apply(.mark(ritualID: "r1", day: today, done: true), today: today, calendar: Self.london)
        let countAside = plan.cumulativeDays
        let chosenAgain = plan.apply(.add(id: "new", text: "Three slow breaths", group: "Morning"), today: today, calendar: Self.london)
        // check
        #expect(retired.isEmpty)
        #expect(!markedWhileAside.isEmpty)
        #expect(countAside == 2)
        #expect(chosenAgain.isEmpty)
        #expect(plan.rituals.count == 1)
        #expect(plan.active.map(\.id) == ["r1"])
        #expect(plan.rituals[0].days.count == 2)
    }

    @Test func ritualTextIsCheckedAndTheNumberOfRitualsIsBounded() {
        #expect(RitualPlan.validatedText(" Play a song \r\n").text == "Play a song")
        #expect(!RitualPlan.validatedText("   ").problems.isEmpty)
        #expect(RitualPlan.validatedText(String(repeating: "a", count: 200)).problems.isEmpty)
        #expect(!RitualPlan.validatedText(String(repeating: "a", count: 201)).problems.isEmpty)
        var plan = RitualPlan()
        let today = Self.day("2024-05-15")
        for index in 0..<RitualPlan.maximumActive {
            #expect(plan.apply(.add(id: "\(index)", text: "Ritual \(index)", group: ""), today: today, calendar: Self.london).isEmpty)
        }
        #expect(!plan.apply(.add(id: "x", text: "One too many", group: ""), today: today, calendar: Self.london).isEmpty)
        #expect(plan.rituals.count == RitualPlan.maximumActive)
    }

    @Test func cumulativeDaysCountEachDayOnceAcrossRitualsIncludingThoseAside() {
        // setup
        var plan = Self.plan(days: ["2024-05-01", "2024-05-03"], retired: true)
        plan.rituals.append(.init(id: "r2", text: "Water", group: "", addedOn: Self.day("2024-05-01"),
                                  days: [Self.day("2024-05-01"), Self.day("2024-05-09")]))
        // check
        #expect(plan.cumulativeDays == 3)
        #expect(RitualPlan().cumulativeDays == 0)
    }

    @Test func theWeekRunsMondayToSundayAndMarksOnlyDoneDays() {
        // setup: Wednesday 15 May 2024
        let plan = Self.plan(days: ["2024-05-12", "2024-05-13", "2024-05-15"])
        // act
        let week = plan.week(of: Self.day("2024-05-15"), calendar: Self.london)
        // check
        #expect(week.map(\.day.description) == ["2024-05-13", "2024-05-14", "2024-05-15", "2024-05-16", "2024-05-17", "2024-05-18", "2024-05-19"])
        #expect(week.map(\.done) == [true, false, true, false, false, false, false])
        #expect(week.map(\.isToday) == [false, false, true, false, false, false, false])
        #expect(week.map(\.isFuture) == [false, false, false, true, true, true, true])
    }

    @Test func aWeekWithAClockChangeStillHasSevenDaysAndLateEveningIsThatDay() throws {
        // setup: clocks go forward in London early on Sunday 31 March 2024 and back on 27 October
        let lateSunday = try #require(Self.london.date(from: DateComponents(year: 2024, month: 3, day: 31, hour: 23, minute: 30)))
        let earlyAutumnSunday = try #require(Self.london.date(from: DateComponents(year: 2024, month: 10, day: 27, hour: 0, minute: 30)))
        let saoPaulo = Self.calendar("America/Sao_Paulo")  // in 2018 its clocks skipped midnight itself
        // act
        let spring = CalendarDay(lateSunday, in: Self.london)
        let springWeek = RitualPlan().week(of: spring, calendar: Self.london)
        let autumnWeek = RitualPlan().week(of: CalendarDay(earlyAutumnSunday, in: Self.london), calendar: Self.london)
        let skippedMidnightWeek = RitualPlan().week(of: Self.day("2018-11-04"), calendar: saoPaulo)
        // check
        #expect(spring == Self.day("2024-03-31"))
        #expect(springWeek.first?.day == Self.day("2024-03-25"))
        #expect(springWeek.last?.day == Self.day("2024-03-31"))
        #expect(autumnWeek.map(\.day.day) == [21, 22, 23, 24, 25, 26, 27])
        #expect(skippedMidnightWeek.map(\.day.description) == ["2018-10-29", "2018-10-30", "2018-10-31", "2018-11-01",
                                                               "2018-11-02", "2018-11-03", "2018-11-04"])
        #expect(Self.day("2024-03-30").days(until: Self.day("2024-04-01"), in: Self.london) == 2)
        #expect(Self.day("2018-11-03").adding(days: 1, in: saoPaulo) == Self.day("2018-11-04"))
    }

    @Test func theSameMomentIsADifferentDayInADifferentTimeZone() throws {
        let moment = try #require(ISO8601DateFormatter().date(from: "2024-05-15T23:30:00Z"))
        #expect(CalendarDay(moment, in: Self.london) == Self.day("2024-05-16"))
        #expect(CalendarDay(moment, in: Self.calendar("America/New_York")) == Self.day("2024-05-15"))
    }

    @Test func welcomeBackAfterAGapOfFourDaysOrMoreButNotBeforeAnyPractice() {
        let today = Self.day("2024-05-15")
        #expect(!RitualPlan().welcomesBack(today: today, calendar: Self.london))
        #expect(!Self.plan(days: ["2024-05-15"]).welcomesBack(today: today, calendar: Self.london))
        #expect(!Self.plan(days: ["2024-05-12"]).welcomesBack(today: today, calendar: Self.london))
        #expect(Self.plan(days: ["2024-05-11"]).welcomesBack(today: today, calendar: Self.london))
        #expect(Self.plan(days: ["2024-04-01", "2024-05-15"]).welcomesBack(today: today, calendar: Self.london))
        #expect(!Self.plan(days: ["2024-04-01", "2024-05-14"]).welcomesBack(today: today, calendar: Self.london))
    }

    @Test func daysAreStoredAsPlainDates() throws {
        let plan = Self.plan(days: ["2024-02-29"])
        let json = String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)
        #expect(json.contains("\"2024-02-29\""))
        #expect(try JSONDecoder().decode(RitualPlan.self, from: Data(json.utf8)) == plan)
        #expect(CalendarDay("2023-02-29") == nil)
        #expect(CalendarDay("2024-1-01") == nil)
    }
}

/// Whole-day arithmetic on `CalendarDay` takes a shortcut in the Gregorian calendar; it must agree
/// with Foundation's `Calendar` on every day, in zones with and without clock changes.
@Suite struct CalendarDayArithmeticTests {
    static let zones = ["UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Sao_Paulo"]

    /// The answers the long way, through Foundation.
    static func viaFoundation(_ day: CalendarDay, adding count: Int, in calendar: Calendar) -> CalendarDay {
        CalendarDay(calendar.date(byAdding: .day, value: count, to: day.midday(in: calendar))!, in: calendar)
    }

    @Test func dayNumbersRoundTripAndStartAtTheEpoch() {
        #expect(CalendarDay(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(CalendarDay(year: 2000, month: 3, day: 1).dayNumber == 11_017)
        #expect(CalendarDay(year: 1969, month: 12, day: 31).dayNumber == -1)
        for number in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(CalendarDay(dayNumber: CalendarDay(dayNumber: number).dayNumber).dayNumber == number)
        }
    }

    @Test func addingCountingAndWeekdaysAgreeWithFoundation() throws {
        for name in Self.zones {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = try #require(TimeZone(identifier: name))
            // Every day of 2023 to 2027 (clock changes both ways, a leap day), and steps across centuries.
            var day = CalendarDay(year: 2023, month: 1, day: 1)
            for _ in 0..<(5 * 366) {
                let next = day.adding(days: 1, in: calendar)
                #expect(next == Self.viaFoundation(day, adding: 1, in: calendar), "\(name) \(day)")
                let weekday = calendar.component(.weekday, from: day.midday(in: calendar))
                #expect(day.isoWeekday(in: calendar) == (weekday == 1 ? 7 : weekday - 1), "\(name) \(day)")
                day = next
            }
            let start = CalendarDay(year: 1900, month: 2, day: 28)
            for count in [-400, -1, 0, 1, 59, 366, 36_524, 73_049] {
                let later = start.adding(days: count, in: calendar)
                #expect(later == Self.viaFoundation(start, adding: count, in: calendar), "\(name) +\(count)")
                #expect(start.days(until: later, in: calendar) == count)
            }
        }
    }
}
