import Foundation
import Testing
@testable import ToolkitCore

/// The shipped library passes its own check, covers what it promises, and reads plainly.
@Suite struct LibraryContentTests {
    let library: ContentLibrary

    init() throws { library = try ContentLibrary.loadBundled() }

    @Test func everyItemPassesTheContentCheck() {
        let report = ContentCheck(library: library).run()
        #expect(report.problems.isEmpty, "\(report.problems)")
        #expect(library.items.count >= 50)
    }

    @Test func everyCoverageLineHasItsItems() {
        let report = ContentCheck(library: library).run()
        for line in report.coverage {
            #expect(line.items.count >= line.required, "\(line.line)")
            #expect(line.items.count >= 2, "\(line.line)")
        }
    }

    @Test func clientTextReadsAtGradeEightOrBelowWithMedianSevenOrBelow() {
        let report = ContentCheck(library: library).run()
        #expect(report.grades.allSatisfy { $0.grade <= 8 })
        #expect(report.medianGrade <= 7)
    }

    @Test func practicesCarryTimedStepsAndWorksheetsTypedFields() {
        let practices = library.items.filter { $0.kind == .guidedPractice }
        #expect(practices.count >= 10)
        #expect(practices.allSatisfy { !$0.steps.isEmpty && $0.totalStepSeconds > 0 })
        let worksheets = library.items.filter { $0.kind == .worksheet }
        #expect(worksheets.allSatisfy { !$0.fields.isEmpty })
        #expect(library.item("paced-breathing-longer-exhale")?.steps.contains { ($0.breathing?.exhale ?? 0) > ($0.breathing?.inhale ?? 0) } == true)
    }

    @Test func theEightWeekProgramHasEightWeeksOfRealItems() throws {
        let program = try #require(library.item("eight-week-self-compassion-program"))
        #expect(program.weeks.count == 8)
        for week in program.weeks {
            #expect(!(week.inSession + week.homePractice).isEmpty)
            #expect((week.inSession + week.homePractice).allSatisfy { library.item($0) != nil })
        }
    }

    @Test func theCheckCatchesBrokenItems() throws {
        // setup: a practice without steps, a bad related link, and text far above grade 8
        let text = """
        ---
        id: broken
        title: Broken
        summary: A broken item.
        kind: guided-practice
        category: exercise
        components: [self-kindness]
        minutes: 5
        audience: both
        related: [does-not-exist]
        evidence: ["Someone (2000). A title."]
        ---
        ## For you
        Notwithstanding considerable methodological heterogeneity, contemporary psychotherapeutic investigations consistently demonstrate substantial interrelationships between self-compassionate dispositional characteristics and psychological wellbeing indicators.

        ## Therapist notes
        Notes.
        """
        let item = try ItemParser.parse(text, fileName: "broken")
        // act
        let report = ContentCheck(library: ContentLibrary(items: library.items + [item])).run()
        // check
        #expect(report.problems.contains { $0.contains("broken: a guided-practice needs steps") })
        #expect(report.problems.contains { $0.contains("related item 'does-not-exist' does not exist") })
        #expect(report.problems.contains { $0.hasPrefix("broken: client text reads at grade") })
    }

    @Test func theCriticsMotiveIsOfferedNotAsserted() throws {
        let script = try #require(library.item("when-the-critic-is-loud"))
        let text = script.steps.map(\.text).joined(separator: " ")
        #expect(!text.contains("because it is scared"))
        #expect(text.contains("someone who hurt you"))
    }

    @Test func groundingStepsStayInThePresentMoment() {
        // Recalling or imagining moves attention away from the room, the opposite of grounding.
        let elsewhere = ["think of", "imagine", "remember", "picture", "smells you like", "favourite", "favorite"]
        for item in library.items where item.kind == .grounding {
            for step in item.steps {
                let text = step.text.lowercased()
                #expect(!elsewhere.contains { text.contains($0) }, "\(item.id): \(step.title)")
            }
        }
    }

    @Test func duplicateIDsAreReported() throws {
        let first = try #require(library.items.first)
        let report = ContentCheck(library: ContentLibrary(items: library.items + [first])).run()
        #expect(report.problems.contains { $0.contains("used by more than one item") })
    }

    @Test func malformedFrontMatterIsAClearError() {
        #expect(throws: ContentError.self) { try ItemParser.parse("no front matter", fileName: "x") }
        #expect(throws: ContentError.self) { try ItemParser.parse("---\nid: x\n", fileName: "x") }
    }
}
