import Foundation
import Testing
@testable import ToolkitCore

@Suite struct SelfCareTests {
    let plan: LibraryItem
    let checkIn: LibraryItem

    init() throws {
        let library = try ContentLibrary.loadBundled()
        plan = try #require(library.item(SelfCarePlan.libraryItemID))
        checkIn = try #require(library.item(WeeklyCheckIn.libraryItemID))
    }

    @Test func theFormsFollowTheLibraryItemsOwnFields() {
        #expect(plan.fields.map(\.id) == ["body", "mind", "connection", "rest", "joy", "warning-signs", "hard-day", "in-the-way"])
        #expect(checkIn.fields.map(\.type) == [.rating, .rating, .rating, .list, .shortText])
    }

    @Test func answersAreTrimmedListsKeepOneItemALineAndUnknownFieldsAreDropped() {
        let answers = SelfCareAnswers(["body": " a glass of water \r\n\r\n  a short walk ", "joy": "   ", "owner": "someone else",
                                        "in-the-way": "  Guilt, mostly.\n\nAnd time. "])
        let (clean, problems) = answers.validated(against: plan.fields)
        #expect(problems.isEmpty)
        #expect(clean.list("body") == ["a glass of water", "a short walk"])
        #expect(clean["in-the-way"] == "Guilt, mostly.\n\nAnd time.")
        #expect(clean.values["joy"] == nil)
        #expect(clean.values["owner"] == nil)
        #expect(SelfCareAnswers().validated(against: plan.fields).problems.isEmpty)
    }

    @Test func ratingsAreZeroToTenOrBlankAndLengthsAreBounded() {
        #expect(SelfCareAnswers(["rest": "0", "kindness": "10"]).validated(against: checkIn.fields).problems.isEmpty)
        #expect(SelfCareAnswers(["rest": "11"]).validated(against: checkIn.fields).problems.map(\.field) == ["rest"])
        #expect(SelfCareAnswers(["connection": "lots"]).validated(against: checkIn.fields).problems.map(\.field) == ["connection"])
        let long = String(repeating: "z", count: SelfCareAnswers.maximumShortLength + 1)
        #expect(SelfCareAnswers(["next-week": long]).validated(against: checkIn.fields).problems.map(\.field) == ["next-week"])
        #expect(SelfCareAnswers(["what-helped": long]).validated(against: checkIn.fields).problems.map(\.field) == ["what-helped"])
        let many = (0...SelfCareAnswers.maximumListItems).map { "item \($0)" }.joined(separator: "\n")
        #expect(SelfCareAnswers(["mind": many]).validated(against: plan.fields).problems.map(\.field) == ["mind"])
        let essay = String(repeating: "w", count: SelfCareAnswers.maximumLongLength + 1)
        #expect(SelfCareAnswers(["in-the-way": essay]).validated(against: plan.fields).problems.map(\.field) == ["in-the-way"])
    }

    @Test func aCheckInIsDueWhenNoneWasWrittenThisMondayToSundayWeek() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        let sunday = CalendarDay(year: 2024, month: 3, day: 31), monday = CalendarDay(year: 2024, month: 3, day: 25)
        #expect(WeeklyCheckIn.isDue(today: sunday, checkInDays: [], calendar: calendar))
        #expect(!WeeklyCheckIn.isDue(today: sunday, checkInDays: [monday], calendar: calendar))
        #expect(WeeklyCheckIn.isDue(today: sunday, checkInDays: [CalendarDay(year: 2024, month: 3, day: 24)], calendar: calendar))
        #expect(WeeklyCheckIn.isDue(today: CalendarDay(year: 2024, month: 4, day: 1), checkInDays: [sunday], calendar: calendar))
        #expect(WeeklyCheckIn.weekStart(of: sunday, calendar: calendar) == monday)
    }
}
