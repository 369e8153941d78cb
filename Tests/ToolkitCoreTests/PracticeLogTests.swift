import Foundation
import Testing
@testable import ToolkitCore

/// A local time in a named zone, such as ("2025-03-30 23:30", "Europe/London").
private func at(_ text: String, _ zone: String) -> Date {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: zone)!
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.date(from: text)!
}

private func record(_ when: Date, minutes: Int = 10, distress: (Int?, Int?) = (nil, nil), kindness: (Int?, Int?) = (nil, nil)) -> PracticeRecord {
    PracticeRecord(itemID: "self-compassion-break", itemTitle: "Self-compassion break", minutes: minutes, finishedAt: when,
                   distressBefore: distress.0, distressAfter: distress.1, kindnessBefore: kindness.0, kindnessAfter: kindness.1)
}

@Suite struct PracticeRecordTests {
    @Test func aRecordWithinBoundsIsKeptWithItsNoteTrimmed() {
        let (clean, problems) = PracticeRecord(itemID: "soothing-touch", itemTitle: "Soothing touch", minutes: 240, finishedAt: Date(),
                                               distressBefore: 0, distressAfter: 10, kindnessBefore: 10, kindnessAfter: 0,
                                               note: "  Felt calmer.\r\nHand on heart helped.  ").validated()
        #expect(problems.isEmpty)
        #expect(clean.note == "Felt calmer.\nHand on heart helped.")
    }

    @Test func minutesRatingsAndNoteOutOfBoundsAreNamed() {
        let record = PracticeRecord(itemID: "soothing-touch", itemTitle: "Soothing touch", minutes: 0, finishedAt: Date(),
                                    distressBefore: 11, distressAfter: -1, kindnessBefore: nil, kindnessAfter: 12,
                                    note: String(repeating: "a", count: PracticeRecord.maximumNoteLength + 1))
        let fields = record.validated().problems.map(\.field)
        #expect(fields == ["minutes", "distressBefore", "distressAfter", "kindnessAfter", "note"])
        var tooLong = record
        tooLong.minutes = 241
        #expect(tooLong.validated().problems.map(\.field).contains("minutes"))
    }

    @Test func controlCharactersInTheNoteAreRefused() {
        let record = PracticeRecord(itemID: "x", itemTitle: "X", minutes: 5, finishedAt: Date(), note: "a\u{7}b")
        #expect(record.validated().problems.map(\.field) == ["note"])
    }

    @Test func typedInputBecomesARecordOrSaysWhichFieldToCheck() {
        let now = Date()
        let good = PracticeRecord.Input(itemID: "soothing-touch", minutes: " 12 ", distressBefore: "7", kindnessBefore: "",
                                        distressAfter: "4", kindnessAfter: "6", note: "ok")
        let (made, none) = good.record(itemTitle: "Soothing touch", finishedAt: now)
        #expect(none.isEmpty)
        #expect(made == PracticeRecord(itemID: "soothing-touch", itemTitle: "Soothing touch", minutes: 12, finishedAt: now,
                                       distressBefore: 7, distressAfter: 4, kindnessBefore: nil, kindnessAfter: 6, note: "ok"))

        let bad = PracticeRecord.Input(itemID: "soothing-touch", minutes: "ten", distressBefore: "11", kindnessBefore: "lots")
        let (nothing, problems) = bad.record(itemTitle: "Soothing touch", finishedAt: now)
        #expect(nothing == nil)
        #expect(problems.map(\.field) == ["minutes", "kindnessBefore", "distressBefore"])
        #expect(PracticeRecord.Input(itemID: "soothing-touch", minutes: "").record(itemTitle: "", finishedAt: now).problems.map(\.field) == ["minutes"])
    }

    @Test func theFormStartsWithTheItemsLengthWithinBounds() {
        #expect(PracticeRecord.Input.prefilled(itemID: "a", minutes: 5).minutes == "5")
        #expect(PracticeRecord.Input.prefilled(itemID: "a", minutes: 0).minutes == "1")
        #expect(PracticeRecord.Input.prefilled(itemID: "a", minutes: 600).minutes == "240")
    }

    @Test func anOlderRecordWithoutOptionalFieldsStillDecodes() throws {
        let json = #"{"itemID":"soothing-touch","minutes":5,"finishedAt":0}"#
        let decoded = try JSONDecoder().decode(PracticeRecord.self, from: Data(json.utf8))
        #expect(decoded.itemTitle == "" && decoded.note == "" && decoded.distressBefore == nil)
    }
}

@Suite struct PracticeHistoryTests {
    let london = TimeZone(identifier: "Europe/London")!
    let newYork = TimeZone(identifier: "America/New_York")!
    let utc = TimeZone(identifier: "UTC")!

    @Test func weeksStartOnMondayAtMidnight() {
        let calendar = PracticeHistory.calendar(in: utc)
        // Wednesday 12 November 2025, and the Sunday and Monday around it.
        #expect(PracticeHistory.weekStart(of: at("2025-11-12 15:00", "UTC"), calendar: calendar) == at("2025-11-10 00:00", "UTC"))
        #expect(PracticeHistory.weekStart(of: at("2025-11-16 23:59", "UTC"), calendar: calendar) == at("2025-11-10 00:00", "UTC"))
        #expect(PracticeHistory.weekStart(of: at("2025-11-17 00:00", "UTC"), calendar: calendar) == at("2025-11-17 00:00", "UTC"))
    }

    @Test func theWeekHoldingTheClocksGoingForwardKeepsItsSundayNight() {
        // In London the clocks went forward at 01:00 on Sunday 30 March 2025.
        let calendar = PracticeHistory.calendar(in: london)
        let lateSunday = at("2025-03-30 23:30", "Europe/London")
        let earlyMonday = at("2025-03-31 00:30", "Europe/London")
        #expect(PracticeHistory.weekStart(of: lateSunday, calendar: calendar) == at("2025-03-24 00:00", "Europe/London"))
        #expect(PracticeHistory.weekStart(of: earlyMonday, calendar: calendar) == at("2025-03-31 00:00", "Europe/London"))
        // check: the history's weeks are local Mondays, so the week with the change is an hour short
        let history = PracticeHistory(records: [record(lateSunday, minutes: 20), record(earlyMonday, minutes: 5)],
                                      now: at("2025-04-02 12:00", "Europe/London"), weekCount: 3, timeZone: london)
        #expect(history.weeks.map(\.start) == ["2025-03-17", "2025-03-24", "2025-03-31"].map { at("\($0) 00:00", "Europe/London") })
        #expect(history.weeks[2].start.timeIntervalSince(history.weeks[1].start) == 167 * 3600)
        #expect(history.weeks.map(\.minutes) == [0, 20, 5])
        #expect(history.practiceDays == 2)
    }

    @Test func theWeekHoldingTheClocksGoingBackKeepsItsSundayNight() {
        // In New York the clocks went back at 02:00 on Sunday 2 November 2025.
        let lateSunday = at("2025-11-02 23:45", "America/New_York")
        let history = PracticeHistory(records: [record(lateSunday, minutes: 15), record(at("2025-11-03 00:15", "America/New_York"), minutes: 3)],
                                      now: at("2025-11-05 09:00", "America/New_York"), weekCount: 2, timeZone: newYork)
        #expect(history.weeks.map(\.start) == [at("2025-10-27 00:00", "America/New_York"), at("2025-11-03 00:00", "America/New_York")])
        #expect(history.weeks[1].start.timeIntervalSince(history.weeks[0].start) == 169 * 3600)
        #expect(history.weeks.map(\.minutes) == [15, 3])
    }

    @Test func aWeekSpanningNewYearIsOneWeek() {
        // Monday 29 December 2025 to Sunday 4 January 2026.
        let records = [record(at("2025-12-29 08:00", "UTC"), minutes: 5), record(at("2025-12-31 22:00", "UTC"), minutes: 10),
                       record(at("2026-01-01 09:00", "UTC"), minutes: 7), record(at("2026-01-04 23:59", "UTC"), minutes: 1),
                       record(at("2026-01-05 00:00", "UTC"), minutes: 2), record(at("2025-12-28 23:59", "UTC"), minutes: 4)]
        let history = PracticeHistory(records: records, now: at("2026-01-07 12:00", "UTC"), weekCount: 3, timeZone: utc)
        #expect(history.weeks.map(\.start) == [at("2025-12-22 00:00", "UTC"), at("2025-12-29 00:00", "UTC"), at("2026-01-05 00:00", "UTC")])
        #expect(history.weeks.map(\.minutes) == [4, 23, 2])
        #expect(history.weeks.map(\.practices) == [1, 4, 1])
        #expect(history.practiceDays == 6)
        #expect(history.totalMinutes == 29)
    }

    @Test func quietWeeksAreZeroAndOldOrFutureRecordsAreLeftOut() {
        let now = at("2025-11-12 12:00", "UTC")
        let records = [record(at("2025-11-11 08:00", "UTC"), minutes: 10), record(at("2025-11-11 20:00", "UTC"), minutes: 5),
                       record(at("2025-10-14 08:00", "UTC"), minutes: 20),
                       record(at("2025-09-21 08:00", "UTC"), minutes: 99),  // the Sunday before the first week
                       record(at("2025-11-12 12:01", "UTC"), minutes: 50)]  // later than now
        let history = PracticeHistory(records: records, now: now, timeZone: utc)
        #expect(history.weeks.count == PracticeHistory.defaultWeekCount)
        #expect(history.weeks.first?.start == at("2025-09-22 00:00", "UTC"))
        #expect(history.start == PracticeHistory.firstDay(now: now, timeZone: utc))
        #expect(history.weeks.map(\.minutes) == [0, 0, 0, 20, 0, 0, 0, 15])
        #expect(history.practiceDays == 2)
        #expect(history.summary == "You practised on 2 days in the last 8 weeks, 35 minutes in all.")
    }

    @Test func daysAreCountedInTheGivenTimeZone() {
        // 03:00 UTC on Monday 2 June 2025 is still Sunday evening in New York.
        let moment = at("2025-06-02 03:00", "UTC")
        let now = at("2025-06-04 12:00", "UTC")
        let inUTC = PracticeHistory(records: [record(moment)], now: now, weekCount: 2, timeZone: utc)
        let inNewYork = PracticeHistory(records: [record(moment)], now: now, weekCount: 2, timeZone: newYork)
        #expect(inUTC.weeks.map(\.minutes) == [0, 10])
        #expect(inNewYork.weeks.map(\.minutes) == [10, 0])
    }

    @Test func beforeAndAfterAreAveragedOverRecordsWithBothRatings() throws {
        let now = at("2025-11-12 12:00", "UTC")
        let records = [record(at("2025-11-10 08:00", "UTC"), distress: (7, 5), kindness: (3, 6)),
                       record(at("2025-11-11 08:00", "UTC"), distress: (6, 4), kindness: (4, nil)),
                       record(at("2025-11-11 09:00", "UTC"), distress: (8, 7)),
                       record(at("2025-11-12 08:00", "UTC"), distress: (nil, 1))]
        let history = PracticeHistory(records: records, now: now, timeZone: utc)
        let distress = try #require(history.distress)
        #expect(distress.records == 3)
        #expect(distress.averageBefore == 7)
        #expect(abs(distress.averageAfter - 16.0 / 3) < 1e-9)
        #expect(history.distressSentence == "On average your distress was 1.7 lower after practising.")
        #expect(history.kindness?.records == 1)
        #expect(history.kindnessSentence == "On average you rated your kindness to yourself 3.0 higher after practising.")
    }

    @Test func theSentencesStayCalmWhicheverWayThingsWent() {
        let now = at("2025-11-12 12:00", "UTC")
        let harder = PracticeHistory(records: [record(at("2025-11-11 08:00", "UTC"), distress: (3, 5), kindness: (6, 5))], now: now, timeZone: utc)
        #expect(harder.distressSentence?.hasPrefix("On average your distress was 2.0 higher after practising. That can happen") == true)
        #expect(harder.kindnessSentence?.hasPrefix("On average you rated your kindness to yourself 1.0 lower after practising.") == true)
        let same = PracticeHistory(records: [record(at("2025-11-11 08:00", "UTC"), distress: (4, 4), kindness: (5, 5))], now: now, timeZone: utc)
        #expect(same.distressSentence == "On average your distress was about the same before and after practising.")
        #expect(same.kindnessSentence == "On average you rated your kindness to yourself about the same before and after practising.")
        let none = PracticeHistory(records: [], now: now, timeZone: utc)
        #expect(none.distressSentence == nil && none.kindnessSentence == nil)
        #expect(none.summary.hasPrefix("No practice recorded in the last 8 weeks yet."))
        for text in [harder.distressSentence, harder.kindnessSentence, none.summary].compactMap({ $0 }) {
            for word in ["missed", "streak", "fail", "should"] { #expect(!text.lowercased().contains(word), "\(word) in \(text)") }
        }
        let one = PracticeHistory(records: [record(at("2025-11-11 08:00", "UTC"), minutes: 1)], now: now, timeZone: utc)
        #expect(one.summary == "You practised on 1 day in the last 8 weeks, 1 minute in all.")
    }
}
