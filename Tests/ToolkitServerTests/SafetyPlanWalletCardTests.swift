import Foundation
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// What goes on the wallet card, and what happens when a plan holds more than fits.
@Suite struct SafetyPlanWalletCardTests {
    /// Lines a panel uses: one per heading and one per entry.
    func lines(_ sections: [WalletCard.Section]) -> Int {
        sections.reduce(0) { $0 + 1 + $1.lines.count }
    }

    @Test func aSmallPlanFitsWholeWithTheMostImportantStepsFirst() {
        // setup
        var plan = SafetyPlan()
        plan.warningSigns = ["I stop replying"]
        plan.copingStrategies = ["A short walk", "A hot shower"]
        plan.peopleToAsk = ["A neighbour", "Sam 07700 900123"]
        plan.reasonsForLiving = ["My niece"]
        // act
        let card = WalletCard(plan: plan, crisisLines: [CrisisLine(name: "Lifeline", phone: "988", hours: "24 hours")])
        // check
        #expect(!card.isAbridged)
        #expect(card.front.map(\.title) == ["People I can ask", "Crisis lines", "On my own", "Warning signs"])
        #expect(card.front[0].lines == [WalletCard.Line(text: "Sam", number: "07700 900123"), WalletCard.Line(text: "A neighbour")])
        #expect(card.front[1].lines == [WalletCard.Line(text: "Lifeline (24 hours)", number: "988")])
        #expect(card.back.map(\.title) == ["What matters most"])
    }

    @Test func aLongPlanKeepsTheFirstEntriesOfTheMostImportantStepsWithinTheCard() {
        // setup: every step full, and six crisis lines
        var plan = SafetyPlan()
        for step in SafetyPlanStep.allCases {
            plan[step: step] = (1...SafetyPlan.maximumEntriesPerStep).map { "\(step.shortTitle) \($0)" }
        }
        plan.peopleToAsk[4] = "Jo 0800 111 222"
        let crisisLines = (1...6).map { CrisisLine(name: "Line \($0)", phone: "0800 000 00\($0)") }
        // act
        let card = WalletCard(plan: plan, crisisLines: crisisLines)
        // check: it fits
        #expect(lines(card.front) <= WalletCard.linesPerPanel - WalletCard.frontReserved)
        #expect(lines(card.back) <= WalletCard.linesPerPanel - 1)
        #expect(card.isAbridged)
        // check: the order asked for, people with a number first
        #expect(card.front.map(\.title) == ["People I can ask", "Professionals", "Crisis lines"])
        #expect(card.front[0].lines.first == WalletCard.Line(text: "Jo", number: "0800 111 222"))
        #expect(card.back.first?.title == "On my own")
        #expect(card.back.map(\.title).starts(with: ["On my own", "Warning signs", "What matters most"]))
        #expect(card.back.allSatisfy { !$0.lines.isEmpty })
    }

    @Test func aPhoneNumberIsKeptWholeAndApartFromItsText() {
        #expect(WalletCard.contactLine("Sam 07700 900123") == .init(text: "Sam", number: "07700 900123"))
        #expect(WalletCard.contactLine("Lifeline: 988") == .init(text: "Lifeline", number: "988"))
        #expect(WalletCard.contactLine("My therapist 020 7946 0000 (Mon-Fri 9-5)")
                == .init(text: "My therapist (Mon-Fri 9-5)", number: "020 7946 0000"))
        #expect(WalletCard.contactLine("+44 7700 900123 Jo") == .init(text: "Jo", number: "+44 7700 900123"))
        #expect(WalletCard.contactLine("My sister") == .init(text: "My sister", number: nil))
        #expect(WalletCard.contactLine("My therapist, 020 7946 0000, Mon-Fri 9-5")
                == .init(text: "My therapist (Mon-Fri 9-5)", number: "020 7946 0000"))
    }

    @Test func theCardPageListsTheConfiguredCrisisLines() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            try app.services.crisisLines.save([CrisisLine(name: "Test Lifeline", phone: "0800 123 456", hours: "24/7")])
            let client = try await app.signedIn("c@example.org")
            _ = try await client.submit(SiteURL.safetyPlanEdit.path, fields: ["copingStrategies": "A short walk"])
            // act
            let card = try await client.get(SiteURL.safetyPlanCard.path)
            // check
            #expect(card.status == .ok)
            #expect(card.bodyText.contains("Test Lifeline (24/7)"))
            #expect(card.bodyText.contains("0800 123 456"))
            #expect(card.bodyText.contains("local emergency number"))
            #expect(card.bodyText.contains("class=\"print wallet\""))
            #expect(!card.bodyText.contains("My full plan has more"))
        }
    }
}
