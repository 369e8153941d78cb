import Foundation
import Testing
@testable import ToolkitCore

/// The summary a client sends before a session: counted over the span they choose, in their own
/// calendar, and without any part they leave out.
@Suite struct SessionSummaryTests {
    let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London")!
        calendar.firstWeekday = 2
        return calendar
    }()

    func day(_ text: String) -> CalendarDay { CalendarDay(text)! }
    func at(_ text: String, hour: Int = 10) -> Date {
        let day = day(text)
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: hour))!
    }

    func record(_ text: String, minutes: Int = 10, distress: (Int, Int)? = nil, kindness: (Int, Int)? = nil) -> PracticeRecord {
        PracticeRecord(itemID: "self-compassion-break", itemTitle: "Self-compassion break", minutes: minutes, finishedAt: at(text),
                       distressBefore: distress?.0, distressAfter: distress?.1, kindnessBefore: kindness?.0, kindnessAfter: kindness?.1)
    }

    /// Daily from Monday 16 November, done on three days of the first week and one of the second;
    /// the third week set aside with a reason.
    var daily: SessionSummary.AssignmentFacts {
        let schedule = AssignmentSchedule(frequency: .daily, start: day("2026-11-16"))
        let done = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-24"].map { (day: day($0), minutes: 5) }
        let progress = AssignmentProgress(schedule: schedule, completions: done, setAsideWeeks: [day("2026-11-30")], calendar: calendar)
        return .init(title: "Self-compassion break", progress: progress, reasons: [day("2026-11-30"): "A family visit"])
    }

    @Test func countsAssignmentsPracticeRatingsAndSharingOverTheSpan() throws {
        // setup: practice before the span (left out), in it with ratings in two weeks, and shared items
        let practices = [record("2026-11-10", minutes: 30),
                         record("2026-11-17", minutes: 10, distress: (7, 4), kindness: (3, 6)),
                         record("2026-11-18", minutes: 5, distress: (5, 4)),
                         record("2026-11-24", minutes: 20, distress: (6, 3), kindness: (4, 7))]
        let shared: [(kind: SharedWorkKind, changedAt: Date)] = [(.journal, at("2026-11-20")), (.journal, at("2026-11-21")),
                                                                 (.goal, at("2026-11-22")), (.journal, at("2026-11-01"))]
        // act
        let summary = SessionSummary(from: day("2026-11-16"), through: day("2026-12-02"), note: "  The visit was hard.\r\n ",
                                     assignments: [daily], practices: practices, shared: shared, calendar: calendar)
        // check: three whole weeks, the third set aside and planning nothing
        let line = try #require(summary.assignments?.first)
        #expect(line.planned == 14 && line.done == 4 && line.minutes == 20)
        #expect(line.weeksSetAside == 1 && line.reasons == ["A family visit"])
        #expect(summary.assignmentsSentence == "4 of 14 planned done, 20 minutes of practice.")
        #expect(summary.practice == .init(practices: 3, days: 3, minutes: 35))
        let ratings = try #require(summary.ratings)
        #expect(ratings.distress == .init(records: 3, before: 6, after: 11.0 / 3))
        #expect(ratings.weeks.map(\.start) == [day("2026-11-16"), day("2026-11-23")])
        #expect(ratings.weeks[0].kindness == .init(records: 1, before: 3, after: 6))
        #expect(summary.shared == [.init(kind: .journal, count: 2), .init(kind: .goal, count: 1)])
        #expect(summary.note == "The visit was hard.")
        #expect(summary.includedParts == SessionSummary.Part.allCases)
    }

    @Test func aPartLeftOutIsAbsentNotMarked() throws {
        let summary = SessionSummary(from: day("2026-11-16"), through: day("2026-12-02"), leftOut: [.ratings, .shared],
                                     assignments: [daily], practices: [record("2026-11-17", distress: (8, 2))],
                                     shared: [(.journal, at("2026-11-20"))], calendar: calendar)
        #expect(summary.ratings == nil && summary.shared == nil)
        #expect(summary.ratingsSentence == nil && summary.sharedSentence == nil)
        #expect(summary.includedParts == [.assignments, .practice])
        // Nothing in what is sent names the parts left out.
        let sent = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
        #expect(!sent.contains("ratings") && !sent.contains("shared") && !sent.contains("leftOut"))
    }

    @Test func quietTimeReadsCalmly() {
        let summary = SessionSummary(from: day("2026-11-16"), through: day("2026-11-20"), assignments: [], practices: [], shared: [],
                                     calendar: calendar)
        #expect(summary.assignmentsSentence == "Nothing was assigned for this time.")
        #expect(summary.practiceSentence == "No practice recorded in this time.")
        #expect(summary.ratingsSentence == "No before and after ratings in this time.")
        #expect(summary.sharedSentence == "Nothing newly shared in this time.")
    }

    @Test func theFirstDayDefaultsToAfterTheLastSummaryAndIsChecked() {
        let today = day("2026-12-02")
        #expect(SessionSummaryRequest.defaultFrom(lastThrough: nil, today: today, calendar: calendar) == day("2026-11-19"))
        #expect(SessionSummaryRequest.defaultFrom(lastThrough: day("2026-11-25"), today: today, calendar: calendar) == day("2026-11-26"))
        #expect(SessionSummaryRequest.defaultFrom(lastThrough: today, today: today, calendar: calendar) == today)
        #expect(SessionSummaryRequest.defaultFrom(lastThrough: day("2026-01-01"), today: today, calendar: calendar) == day("2026-09-02"))
        #expect(SessionSummaryRequest(from: day("2026-12-03")).problems(today: today, calendar: calendar).map(\.field) == ["from"])
        #expect(SessionSummaryRequest(from: day("2026-09-01")).problems(today: today, calendar: calendar).map(\.field) == ["from"])
        #expect(SessionSummaryRequest(from: day("2026-09-02")).problems(today: today, calendar: calendar).isEmpty)
        let long = SessionSummaryRequest(from: today, note: String(repeating: "a", count: SessionSummaryRequest.maximumNoteLength + 1))
        #expect(long.problems(today: today, calendar: calendar).map(\.field) == ["note"])
    }
}
