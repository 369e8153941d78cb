import Foundation
import Testing
import ToolkitCore

@Suite struct RosterRulesTests {
    let now = Date(timeIntervalSince1970: 1_796_000_000)

    @Test func aMissedWeekIsSevenDaysWithoutASharedChange() {
        #expect(!RosterRules.missedWeek(latestShared: now.addingTimeInterval(-6 * 86_400 - 86_000), now: now))
        #expect(RosterRules.missedWeek(latestShared: now.addingTimeInterval(-7 * 86_400), now: now))
        #expect(RosterRules.missedWeek(latestShared: now.addingTimeInterval(-40 * 86_400), now: now))
    }

    @Test func sharingNothingIsNotFlagged() {
        #expect(!RosterRules.missedWeek(latestShared: nil, now: now))
    }

    @Test func anItemIsUnreadUntilOpenedAndAgainWhenChangedAfterwards() {
        let changed = now.addingTimeInterval(-3600)
        #expect(RosterRules.isUnread(changedAt: changed, readAt: nil))
        #expect(!RosterRules.isUnread(changedAt: changed, readAt: now))
        #expect(!RosterRules.isUnread(changedAt: changed, readAt: changed))
        #expect(RosterRules.isUnread(changedAt: now, readAt: changed))
    }

    @Test func aDayIsShownInTheReadersZoneWithoutATime() {
        var calendar = Calendar(identifier: .gregorian)
        // 23:30 UTC on 31 December is already 1 January in Auckland.
        let date = Date(timeIntervalSince1970: 1_798_759_800)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        #expect(RosterRules.dayText(date, in: calendar) == "31 December 2026")
        #expect(RosterRules.isoDay(date, in: calendar) == "2026-12-31")
        calendar.timeZone = TimeZone(identifier: "Pacific/Auckland")!
        #expect(RosterRules.dayText(date, in: calendar) == "1 January 2027")
        #expect(RosterRules.isoDay(date, in: calendar) == "2027-01-01")
    }

    @Test func auditTargetsNameKindsInPlainWords() {
        #expect(SharedWorkKind(auditTargetType: "journal-entry") == .journal)
        #expect(SharedWorkKind(auditTargetType: "critic-answer")?.one == "a line of the critic script")
        #expect(SharedWorkKind(auditTargetType: "session") == nil)
        for kind in SharedWorkKind.allCases { #expect(!kind.one.isEmpty && !kind.many.isEmpty && !kind.title.isEmpty) }
    }
}
