import Foundation
import Testing
@testable import ToolkitCore

@Suite struct SafetyPlanModelTests {
    @Test func validationTrimsAndDropsEmptyEntries() {
        var plan = SafetyPlan()
        plan.warningSigns = ["  can't sleep ", "", "   "]
        let (clean, problems) = plan.validated()
        #expect(problems.isEmpty)
        #expect(clean.warningSigns == ["can't sleep"])
    }

    @Test func overlongEntriesAndBadRatingsAreReported() {
        var plan = SafetyPlan()
        plan.copingStrategies = [String(repeating: "a", count: SafetyPlan.maximumEntryLength + 1)]
        plan.reflection.likelihood = 11
        let (_, problems) = plan.validated()
        #expect(problems.count == 2)
    }

    @Test func contactsWithNumbersBecomeCallable() {
        var plan = SafetyPlan()
        plan.peopleToAsk = ["Sam 07700 900123", "My neighbour (no number yet)"]
        plan.professionals = ["Crisis line: +1 (555) 010-0199"]
        #expect(plan.contacts.map(\.phone) == ["07700900123", "+15550100199"])
    }

    @Test func partialJSONDecodesWithEmptySteps() throws {
        let plan = try JSONDecoder().decode(SafetyPlan.self, from: Data(#"{"warningSigns":["x"]}"#.utf8))
        #expect(plan.warningSigns == ["x"])
        #expect(plan.peopleToAsk.isEmpty)
        #expect(plan.reflection.likelihood == nil)
    }

    @Test func crisisLinesAreCheckedAndDialable() {
        #expect(CrisisLine.dialable("+44 (0)800 123-456") == "+440800123456")
        #expect(CrisisLine(name: "", phone: nil).problems().count == 2)
        #expect(CrisisLine(name: "Line", phone: "988").problems().isEmpty)
        #expect(!CrisisLine(name: "Line", website: "example.org").problems().isEmpty)
    }
}
