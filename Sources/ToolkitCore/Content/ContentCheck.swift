import Foundation

/// Validates the library: the rules every item must meet before the app will serve it.
public struct ContentCheck: Sendable {
    public static let maximumGrade = 8.0
    public static let maximumMedianGrade = 7.0
    /// A step back and a safety line are read in a hard moment, so they stay short.
    public static let maximumStepBackWords = 20
    public static let maximumSafetyLineWords = 40

    let library: ContentLibrary

    public init(library: ContentLibrary) { self.library = library }

    public struct Report: Sendable {
        public var problems: [String]
        public var grades: [(id: String, grade: Double)]
        public var medianGrade: Double
        public var coverage: [(line: String, items: [String], required: Int)]
    }

    public func run() -> Report {
        var problems: [String] = []
        var seen = Set<String>()
        for item in library.items {
            if !seen.insert(item.id).inserted { problems.append("\(item.id): the id is used by more than one item") }
            problems += check(item).map { "\(item.id): \($0)" }
        }
        let read = library.items.filter { $0.audience != .therapist || !$0.clientText.isEmpty }
        let grades = read.map { (id: $0.id, grade: $0.readingGrade) }
        for (item, entry) in zip(read, grades) {
            let range = Self.gradeRange(for: item)
            // A floor of 0 means none: very short, simple text may measure below zero.
            if entry.grade > range.upperBound || (range.lowerBound > 0 && entry.grade < range.lowerBound) {
                problems.append("\(entry.id): client text reads at grade \(String(format: "%.1f", entry.grade)); "
                                + "\(Self.gradeRangeName(for: item)) read at \(Self.describe(range))")
            }
        }
        problems += citationProblems()
        let median = Self.median(grades.map(\.grade))
        if median > Self.maximumMedianGrade {
            problems.append("library: the median reading grade is \(String(format: "%.1f", median)); it must be \(Self.maximumMedianGrade) or below")
        }
        let coverage = Coverage.requirements.map { requirement in
            (line: requirement.line, items: requirement.itemIDs.filter { library.item($0) != nil }, required: requirement.minimum)
        }
        for situation in Situation.allCases {
            let count = library.items.filter { $0.situations.contains(situation) }.count
            if count < Coverage.minimumItemsPerSituation {
                problems.append("situation '\(situation.displayName)' lists \(count) items; the button needs at least \(Coverage.minimumItemsPerSituation)")
            }
        }
        for line in coverage where line.items.count < line.required {
            problems.append("coverage: '\(line.line)' has \(line.items.count) items; it needs \(line.required)")
        }
        return Report(problems: problems, grades: grades, medianGrade: median, coverage: coverage)
    }

    /// The rules for an item a therapist writes in the app, in the same words the bundled
    /// library's check uses: the same item rules, reading grades and citation style. Two are
    /// relaxed: a therapist's own worksheet need not cite a source or carry notes for other
    /// therapists (the item page says who wrote it instead).
    public func authoredProblems(_ item: LibraryItem) -> [String] {
        var problems = check(item, authored: true)
        let range = Self.gradeRange(for: item)
        let grade = item.readingGrade
        if !item.clientPlainText.isEmpty, grade > range.upperBound || (range.lowerBound > 0 && grade < range.lowerBound) {
            let advice = grade > range.upperBound ? "shorter sentences and everyday words bring it down"
                : "join a few short sentences so it reads as flowing prose"
            problems.append("the client text reads at grade \(String(format: "%.1f", grade)); \(Self.gradeRangeName(for: item)) read at \(Self.describe(range)) (\(advice))")
        }
        let single = ContentCheck(library: ContentLibrary(items: [item]))
        problems += single.citationProblems().map { $0.replacingOccurrences(of: "\(item.id): ", with: "") }
        return problems
    }

    func check(_ item: LibraryItem, authored: Bool = false) -> [String] {
        var problems: [String] = []
        let slug = item.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }
        if item.id.isEmpty || !slug { problems.append("the id must be lowercase letters, digits and dashes") }
        if item.title.isEmpty { problems.append("the title is empty") }
        if item.summary.isEmpty { problems.append("the summary is empty") }
        if item.components.isEmpty { problems.append("name at least one component") }
        if item.minutes < 1 { problems.append("minutes must be 1 or more") }
        if item.audience != .therapist && item.clientText.isEmpty { problems.append("the 'For you' section is empty") }
        if item.therapistNotes.isEmpty && !authored { problems.append("the 'Therapist notes' section is empty") }
        if item.evidence.isEmpty && !authored { problems.append("cite at least one source in evidence") }
        for id in item.related where library.item(id) == nil { problems.append("related item '\(id)' does not exist") }
        switch item.kind {
        case .guidedPractice, .grounding, .script:
            if item.steps.isEmpty { problems.append("a \(item.kind.rawValue) needs steps") }
        case .worksheet:
            if item.fields.isEmpty { problems.append("a worksheet needs fields") }
        case .promptSet:
            if (item.prompts?.items ?? []).isEmpty { problems.append("a prompt set needs prompts") }
        case .program:
            if item.weeks.isEmpty { problems.append("a program needs weeks") }
        case .handout:
            break
        }
        for (index, step) in item.steps.enumerated() {
            if step.title.isEmpty || step.text.isEmpty { problems.append("step \(index + 1) needs a title and text") }
            if let seconds = step.seconds, seconds <= 0 { problems.append("step \(index + 1) has a timer of \(seconds) seconds") }
            if let breathing = step.breathing, breathing.inhale <= 0 || breathing.exhale <= 0 {
                problems.append("step \(index + 1) has an impossible breathing pace")
            }
        }
        problems += safetyProblems(item)
        var fieldIDs = Set<String>()
        for field in item.fields {
            if !fieldIDs.insert(field.id).inserted { problems.append("field '\(field.id)' appears twice") }
            if field.label.isEmpty { problems.append("field '\(field.id)' has no label") }
            if field.type == .choice && (field.options ?? []).count < 2 {
                problems.append("choice field '\(field.id)' needs at least two options")
            }
        }
        for (index, week) in item.weeks.enumerated() {
            for id in week.inSession + week.homePractice where library.item(id) == nil {
                problems.append("week \(index + 1) names '\(id)', which does not exist")
            }
        }
        return problems
    }

    /// Steps are shown outside their item (the crisis page, the "I'm struggling" flow, the
    /// player), where the item's own text about backdraft and stepping back is not on screen. So
    /// every step that turns warmth inward carries its own way to step back, and every item with
    /// steps carries a safety line that is shown with them. Items with steps are the guided
    /// practices, scripts and grounding exercises (the check above requires their steps); the
    /// rule follows the steps, so any other item given steps needs the line too.
    func safetyProblems(_ item: LibraryItem) -> [String] {
        var problems: [String] = []
        if !item.steps.isEmpty && (item.safetyLine ?? "").isBlank {
            problems.append("a \(item.kind.rawValue) with steps needs a safety_line: one sentence on what to do if a step brings up too much")
        }
        if let line = item.safetyLine, !line.isBlank {
            if Readability.splitSentences(line).count > 1 { problems.append("the safety_line must be one sentence") }
            if Self.wordCount(line) > Self.maximumSafetyLineWords {
                problems.append("the safety_line has \(Self.wordCount(line)) words; keep it to \(Self.maximumSafetyLineWords) or fewer")
            }
        }
        for (index, step) in item.steps.enumerated() {
            let name = "step \(index + 1) ('\(step.title)')"
            if let stepBack = step.stepBack {
                if stepBack.isBlank { problems.append("\(name) has an empty step_back") }
                if Self.wordCount(stepBack) > Self.maximumStepBackWords {
                    problems.append("\(name) has a step_back of \(Self.wordCount(stepBack)) words; keep it to \(Self.maximumStepBackWords) or fewer")
                }
            } else if let cue = step.warmthCue {
                problems.append("\(name) turns warmth inward (\(cue.rawValue)) but has no step_back: add one short line on how to step back from it")
            }
        }
        return problems
    }

    /// Handouts, worksheets and programs are read at leisure by grown-ups: prose that flows, about
    /// grade 5 to 7. What is read in a hard moment (crisis items, grounding) stays short and simple.
    /// Everything else (practices, prompts, scripts) stays plain, at grade 8 or below.
    public static let proseGrades: ClosedRange<Double> = 4.5...7.5
    public static let hardMomentGrades: ClosedRange<Double> = 0...5.0

    public static func gradeRange(for item: LibraryItem) -> ClosedRange<Double> {
        if item.category == .crisis || item.kind == .grounding { return hardMomentGrades }
        switch item.kind {
        case .handout, .worksheet, .program: return proseGrades
        default: return 0...maximumGrade
        }
    }

    static func gradeRangeName(for item: LibraryItem) -> String {
        if item.category == .crisis || item.kind == .grounding { return "crisis and grounding items" }
        switch item.kind {
        case .handout, .worksheet, .program: return "handouts, worksheets and programs"
        default: return "practices, prompt sets and scripts"
        }
    }

    static func describe(_ range: ClosedRange<Double>) -> String {
        range.lowerBound == 0 ? String(format: "grade %.1f or below", range.upperBound)
            : String(format: "grade %.1f to %.1f", range.lowerBound, range.upperBound)
    }

    /// One citation style (APA, 7th edition, plain text): authors, the year in brackets, the
    /// title, where it appeared, ending with a full stop; no publisher's city; and one source is
    /// written the same way wherever it is cited.
    func citationProblems() -> [String] {
        var problems: [String] = []
        var bySource: [String: (text: String, item: String)] = [:]
        for item in library.items {
            for citation in item.evidence {
                guard let year = citation.range(of: #"^[^()]+ (\((Ed|Eds)\.\)\. )?\(\d{4}[a-z]?\)\. "#, options: .regularExpression) else {
                    problems.append("\(item.id): the citation \"\(citation.prefix(60))…\" should start with its authors and the year in brackets, as in \"Neff, K. D. (2003). \"")
                    continue
                }
                if !citation.hasSuffix(".") {
                    problems.append("\(item.id): the citation \"\(citation.prefix(60))…\" should end with a full stop")
                }
                if citation.range(of: #"\. (London|New York|Oxford|Oakland|Cambridge|Chichester|Hove|Washington, DC|Abingdon): "#, options: .regularExpression) != nil {
                    problems.append("\(item.id): the citation \"\(citation.prefix(60))…\" names the publisher's city; the style leaves it out")
                }
                // The same authors, year and title start: one source, which must read the same everywhere.
                let key = String(citation[..<year.upperBound] + citation[year.upperBound...].prefix(30)).lowercased()
                if let seen = bySource[key], seen.text != citation {
                    problems.append("\(item.id): \"\(citation.prefix(60))…\" is written differently in \(seen.item); write one source one way")
                } else {
                    bySource[key] = (citation, item.id)
                }
            }
        }
        return problems
    }

    static func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }

    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 0 ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
}

private extension String {
    var isBlank: Bool { allSatisfy(\.isWhitespace) }
}
