import Foundation
import Testing
import ToolkitCore

@Suite struct PracticeSuggestionTests {
    static let library = try! ContentLibrary.loadBundled()

    @Test func onlyShortGuidedPracticesForClientsAreOffered() {
        let candidates = PracticeSuggestion.candidates(in: Self.library.items)
        #expect(!candidates.isEmpty)
        #expect(candidates.allSatisfy { $0.kind == .guidedPractice && $0.minutes <= 10 && $0.audience != .therapist && $0.isPractice })
    }

    @Test func eachDayHasOneSuggestionAndItChangesFromDayToDay() {
        let items = Self.library.items
        let count = PracticeSuggestion.candidates(in: items).count
        let week = (0..<count).compactMap { PracticeSuggestion.pick(from: items, dayNumber: 9_000 + $0)?.id }
        #expect(Set(week).count == count)
        #expect(PracticeSuggestion.pick(from: items, dayNumber: 9_000)?.id == PracticeSuggestion.pick(from: items, dayNumber: 9_000)?.id)
    }

    @Test func whatWasJustPractisedIsNotOfferedAgain() throws {
        let items = Self.library.items
        let today = try #require(PracticeSuggestion.pick(from: items, dayNumber: 9_100))
        let instead = PracticeSuggestion.pick(from: items, dayNumber: 9_100, avoiding: today.id)
        #expect(instead != nil && instead?.id != today.id)
    }

    @Test func theDayTurnsAtThePersonsMidnight() {
        var tokyo = Calendar(identifier: .gregorian)
        tokyo.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        var london = Calendar(identifier: .gregorian)
        london.timeZone = TimeZone(identifier: "Europe/London")!
        let moment = Date(timeIntervalSince1970: 1_798_758_000) // 2026-12-31 23:00 UTC: already 1 January in Tokyo
        #expect(PracticeSuggestion.dayNumber(of: moment, in: tokyo) == PracticeSuggestion.dayNumber(of: moment, in: london) + 1)
    }
}
