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

    /// A handout written for a grown-up and a crisis item written for a hard moment, each with
    /// the given text, so the grade ranges can be tried from both sides.
    static func item(kind: String, category: String, text: String, evidence: String = "\"Neff, K. D. (2003). Self-compassion. Self and Identity, 2(2), 85-101.\"") -> String {
        """
        ---
        id: graded-\(kind)-\(category)
        title: Graded
        summary: An item to grade.
        kind: \(kind)
        category: \(category)
        components: [self-kindness]
        minutes: 5
        audience: both
        evidence: [\(evidence)]
        ---
        ## For you
        \(text)

        ## Therapist notes
        Notes.
        """
    }

    static let primer = "You are not alone. It is hard. That is okay. Be kind. Take a breath. You can rest. Go slow. It is fine."
    static let prose = "When a day goes badly, it can feel as if everyone else copes better. Yet almost everyone you meet today is quietly carrying something difficult that you cannot see. Struggle is part of being human, and it does not mean that you have failed. You can meet it with the warmth you would give a friend."

    @Test func handoutsMustReadAsGrownUpProseAndCrisisItemsStaySimple() throws {
        let primerHandout = try ItemParser.parse(Self.item(kind: "handout", category: "education", text: Self.primer), fileName: "a")
        let proseHandout = try ItemParser.parse(Self.item(kind: "handout", category: "education", text: Self.prose), fileName: "b")
        #expect(primerHandout.readingGrade < ContentCheck.proseGrades.lowerBound)
        #expect(ContentCheck.proseGrades.contains(proseHandout.readingGrade), "\(proseHandout.readingGrade)")
        let problems = { (item: LibraryItem) in ContentCheck(library: ContentLibrary(items: library.items + [item])).run().problems }
        #expect(problems(primerHandout).contains { $0.hasPrefix("graded-handout-education: client text reads at grade") && $0.contains("4.5 to 7.5") })
        #expect(!problems(proseHandout).contains { $0.hasPrefix("graded-handout-education:") })
        // A crisis handout at the same grown-up grade is too much for a hard moment.
        let crisisProse = try ItemParser.parse(Self.item(kind: "handout", category: "crisis", text: Self.prose), fileName: "c")
        #expect(problems(crisisProse).contains { $0.hasPrefix("graded-handout-crisis: client text reads at grade") && $0.contains("5.0 or below") })
        #expect(ContentCheck.gradeRange(for: crisisProse) == ContentCheck.hardMomentGrades)
    }

    @Test func everyShippedHandoutWorksheetAndProgramReadsAtGradeFiveToSeven() {
        for item in library.items where [.handout, .worksheet, .program].contains(item.kind) && item.category != .crisis {
            #expect(ContentCheck.proseGrades.contains(item.readingGrade), "\(item.id) reads at \(item.readingGrade)")
        }
    }

    @Test func citationsFollowOneStyleAndOneSourceReadsOneWay() throws {
        let problems = { (items: [LibraryItem]) in ContentCheck(library: ContentLibrary(items: library.items + items)).citationProblems() }
        #expect(ContentCheck(library: library).citationProblems().isEmpty, "\(ContentCheck(library: library).citationProblems())")
        let city = try ItemParser.parse(Self.item(kind: "handout", category: "education", text: Self.prose,
                                                  evidence: "\"Gilbert, P. (2009). The compassionate mind. London: Constable.\""), fileName: "a")
        #expect(problems([city]).contains { $0.contains("names the publisher's city") })
        let noYear = try ItemParser.parse(Self.item(kind: "handout", category: "education", text: Self.prose,
                                                    evidence: "\"Gilbert, P. The compassionate mind. Constable.\""), fileName: "b")
        #expect(problems([noYear]).contains { $0.contains("should start with its authors and the year in brackets") })
        // The shipped library cites Neff (2003) in Self and Identity; a second spelling of it is caught.
        let shipped = try #require(library.items.flatMap(\.evidence).first { $0.hasPrefix("Neff, K. D. (2003). Self-compassion: An alternative") })
        let respelled = try ItemParser.parse(Self.item(kind: "handout", category: "education", text: Self.prose,
                                                       evidence: "\"" + shipped.replacingOccurrences(of: "Self and Identity", with: "Self & Identity") + "\""),
                                             fileName: "c")
        #expect(problems([respelled]).contains { $0.contains("is written differently in") })
    }

    @Test func everySituationButtonFindsItemsAndASituationWithoutThemIsReported() {
        for situation in Situation.allCases {
            #expect(library.items.filter { $0.situations.contains(situation) }.count >= Coverage.minimumItemsPerSituation, "\(situation)")
        }
        let withoutGrief = library.items.map { item -> LibraryItem in
            var item = item
            item.situations.removeAll { $0 == .griefAndLoss }
            return item
        }
        let problems = ContentCheck(library: ContentLibrary(items: withoutGrief)).run().problems
        #expect(problems.contains("situation 'Grief and loss' lists 0 items; the button needs at least 2"))
    }

    @Test func aWarmthStepWithoutAStepBackIsReported() throws {
        // setup: the same practice twice, its kind-words step first without a way to step back
        let stepBack = "If the words sting, stop and feel your feet on the floor."
        let without = try ItemParser.parse(Self.practice(stepBack: nil), fileName: "kind-words")
        let with = try ItemParser.parse(Self.practice(stepBack: stepBack), fileName: "kind-words")
        // act
        let reportWithout = ContentCheck(library: ContentLibrary(items: library.items + [without])).run()
        let reportWith = ContentCheck(library: ContentLibrary(items: library.items + [with])).run()
        // check
        #expect(reportWithout.problems.contains { $0.hasPrefix("kind-words: step 2 ('Kind words') turns warmth inward") })
        #expect(!reportWith.problems.contains { $0.hasPrefix("kind-words:") }, "\(reportWith.problems)")
        #expect(with.steps[1].stepBack == stepBack)
        #expect(with.steps[0].stepBack == nil)
    }

    @Test func aPracticeWithStepsButNoSafetyLineIsReported() throws {
        // setup: a practice with a step back but no safety line, then the same with one
        let stepBack = "If the words sting, stop and feel your feet on the floor."
        let line = "If any step brings up more than you can hold, stop and look around the room."
        let without = try ItemParser.parse(Self.practice(stepBack: stepBack, safetyLine: nil), fileName: "kind-words")
        let with = try ItemParser.parse(Self.practice(stepBack: stepBack, safetyLine: line), fileName: "kind-words")
        // act
        let check = ContentCheck(library: library)
        // check
        #expect(check.check(without).contains { $0.hasPrefix("a guided-practice with steps needs a safety_line") })
        #expect(check.check(with).isEmpty, "\(check.check(with))")
        #expect(with.safetyLine == line)
    }

    @Test func stepBacksAndSafetyLinesStayShort() throws {
        let long = Array(repeating: "word", count: 25).joined(separator: " ")
        let item = try ItemParser.parse(Self.practice(stepBack: long, safetyLine: "Stop here. Then look around."), fileName: "kind-words")
        let problems = ContentCheck(library: library).check(item)
        #expect(problems.contains { $0.contains("has a step_back of 25 words") })
        #expect(problems.contains("the safety_line must be one sentence"))
    }

    @Test func everyShippedWarmthStepCarriesAWayToStepBack() throws {
        // The crisis page and the "I'm struggling" flow show these items' steps on their own.
        for id in ["when-the-critic-is-loud", "calling-up-your-supportive-voice", "one-minute-self-compassion-break",
                   "grounding-5-4-3-2-1", "paced-breathing-longer-exhale"] {
            let item = try #require(library.item(id))
            #expect(item.safetyLine?.isEmpty == false, "\(id)")
        }
        for item in library.items {
            if !item.steps.isEmpty { #expect(item.safetyLine != nil, "\(item.id)") }
            for step in item.steps where step.turnsWarmthInward {
                #expect(step.stepBack?.isEmpty == false, "\(item.id): \(step.title)")
            }
        }
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

    /// A small valid guided practice whose second step turns kindness inward.
    static func practice(stepBack: String?, safetyLine: String? = "If this brings up too much, stop and feel your feet.") -> String {
        """
        ---
        id: kind-words
        title: Kind words
        summary: A short practice with a kind word.
        kind: guided-practice
        category: exercise
        components: [self-kindness]
        minutes: 1
        audience: both
        evidence: ["Neff, K. D. (2003). Self-compassion. Self and Identity, 2, 85-101."]
        \(safetyLine.map { "safety_line: \($0)" } ?? "")
        steps:
          - title: Feet
            seconds: 20
            text: Feel your feet on the floor. Let out one slow breath.
          - title: Kind words
            seconds: 30
            \(stepBack.map { "step_back: \($0)" } ?? "")
            text: Rest a hand on your heart and say, "May I be kind to myself."
        ---
        ## For you
        Feel your feet. Then say a kind word to yourself. You can stop at any time.

        ## Therapist notes
        Notes.
        """
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
