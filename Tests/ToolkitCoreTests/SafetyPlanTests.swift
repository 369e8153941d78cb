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

@Suite struct PlanContactTests {
    @Test func aLineSplitsIntoNameNumberAndNote() {
        #expect(PlanContact.parse("Sam, 07700 900123, after 6pm") == PlanContact(name: "Sam", phone: "07700 900123", note: "after 6pm"))
        #expect(PlanContact.parse("Sam 07700 900123") == PlanContact(name: "Sam", phone: "07700 900123"))
        #expect(PlanContact.parse("07700 900123 Sam") == PlanContact(name: "Sam", phone: "07700 900123"))
        #expect(PlanContact.parse("My doctor") == PlanContact(name: "My doctor", phone: ""))
        #expect(PlanContact.parse("Lifeline: 988, 24 hours") == PlanContact(name: "Lifeline", phone: "988", note: "24 hours"))
    }

    @Test func aContactWrittenAndReadBackIsTheSame() {
        let contact = PlanContact(name: "Dr Rivers (my therapist)", phone: "020 7946 0000", note: "Mon-Fri, 9am-5pm")
        #expect(contact.entry == "Dr Rivers (my therapist), 020 7946 0000, Mon-Fri, 9am-5pm")
        #expect(PlanContact.parse(contact.entry) == contact)
        #expect(PlanContact(name: "Ana\nB", phone: " 0800 ").entry == "Ana B, 0800")
    }

    @Test func onlyEntriesWithADialableNumberAreCallable() {
        var plan = SafetyPlan()
        plan.peopleToAsk = ["Sam 07700 900123", "A neighbour I trust"]
        plan.professionals = ["Night Line, 0800 555 0100, 24 hours", "GP 12"]
        #expect(plan.callableContacts.map(\.phone) == ["07700 900123", "0800 555 0100"])
    }
}

@Suite struct JournalEntryTests {
    @Test func validationTrimsTheEdgesAndKeepsTheInside() {
        let (entry, problems) = JournalEntry(body: "\n  first line\n\n  second  \n", feeling: " calm ").validated()
        #expect(problems.isEmpty)
        #expect(entry.body == "first line\n\n  second")
        #expect(entry.feeling == "calm")
        #expect(entry.preview == "first line")
        #expect(JournalEntry(body: "one\r\ntwo").validated().entry.body == "one\ntwo")
    }

    @Test func emptyOverlongAndControlCharactersAreNamedWithTheirField() {
        #expect(JournalEntry(body: "  ").validated().problems.map(\.field) == ["body"])
        #expect(JournalEntry(body: String(repeating: "x", count: JournalEntry.maximumBodyLength + 1)).validated().problems.map(\.field) == ["body"])
        #expect(JournalEntry(body: "ok", feeling: String(repeating: "x", count: 41)).validated().problems.map(\.field) == ["feeling"])
        #expect(JournalEntry(body: "ok", feeling: "sad\u{202E}").validated().problems.isEmpty == false)
    }
}
