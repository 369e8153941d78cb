import Foundation

/// A therapist's own item: who wrote it and whether every therapist of the deployment may use it.
public struct Authorship: Sendable, Equatable {
    public var authorID: String
    public var authorName: String
    public var published: Bool

    public init(authorID: String, authorName: String, published: Bool) {
        self.authorID = authorID
        self.authorName = authorName
        self.published = published
    }
}

/// The person looking at the library, as far as who may see a therapist's own items goes.
public struct LibraryViewer: Sendable, Equatable, Hashable {
    public var id: String
    public var role: Role
    /// For a client: the therapist who looks after them.
    public var therapistID: String?

    public init(id: String, role: Role, therapistID: String? = nil) {
        self.id = id
        self.role = role
        self.therapistID = therapistID
    }

    /// Who may see a therapist's own item. Visitors never do: the bundled library is reviewed
    /// before release, a therapist's item only by its author. The author, their own clients and
    /// the deployment's administrators always do; once published, every signed-in therapist (who
    /// may then assign it) and every client does.
    public static func maySee(_ authorship: Authorship, viewer: LibraryViewer?) -> Bool {
        guard let viewer else { return false }
        if viewer.role == .admin || viewer.id == authorship.authorID { return true }
        if viewer.role == .client && viewer.therapistID == authorship.authorID { return true }
        return authorship.published
    }

    /// Only the author changes, publishes or deletes their item.
    public func mayEdit(_ authorship: Authorship) -> Bool { id == authorship.authorID }
}

/// What a therapist types into the item editor, kept as typed so a rejected form comes back whole.
/// `item(id:authorship:)` turns it into a library item; `ContentCheck.authoredProblems` then holds
/// it to the library's rules.
public struct AuthoredItemInput: Sendable, Equatable {
    /// The kinds a therapist writes in the app. Programs, scripts and grounding exercises come
    /// with the library (a program's weeks name other items; grounding is read in a crisis).
    public static let kinds: [ItemKind] = [.handout, .worksheet, .guidedPractice, .promptSet]
    public static let maximumSteps = 20
    public static let maximumFields = 30
    public static let maximumTextLength = 20_000

    public struct Step: Sendable, Equatable {
        public var title = ""
        public var text = ""
        public var seconds = ""
        public var stepBack = ""
        public init(title: String = "", text: String = "", seconds: String = "", stepBack: String = "") {
            self.title = title
            self.text = text
            self.seconds = seconds
            self.stepBack = stepBack
        }
        public var isBlank: Bool { [title, text, seconds, stepBack].allSatisfy { $0.trimmed.isEmpty } }
    }

    public struct Field: Sendable, Equatable {
        /// Kept across edits so a client's saved answers stay with their question; empty for a new field.
        public var id = ""
        public var type: WorksheetField.FieldType = .longText
        public var label = ""
        public var help = ""
        /// For a choice: one option per line.
        public var options = ""
        public init(id: String = "", type: WorksheetField.FieldType = .longText, label: String = "", help: String = "", options: String = "") {
            self.id = id
            self.type = type
            self.label = label
            self.help = help
            self.options = options
        }
        public var isBlank: Bool { label.trimmed.isEmpty && help.trimmed.isEmpty && options.trimmed.isEmpty }
    }

    public var kind: ItemKind = .handout
    public var title = ""
    public var summary = ""
    public var category: ItemCategory = .exercise
    public var components: [CompassionComponent] = []
    public var minutes = ""
    public var situations: [Situation] = []
    /// Comma-separated words people might search with.
    public var keywords = ""
    /// The "For you" text, in the library's Markdown subset.
    public var forYou = ""
    public var therapistNotes = ""
    /// One source per line.
    public var evidence = ""
    public var safetyLine = ""
    public var steps: [Step] = []
    public var fields: [Field] = []
    public var promptLead = ""
    /// One prompt per line.
    public var prompts = ""

    public init() {}

    /// The editor filled from an existing item, to change it (or from an imported file).
    public init(_ item: LibraryItem) {
        kind = item.kind
        title = item.title
        summary = item.summary
        category = item.category
        components = item.components
        minutes = String(item.minutes)
        situations = item.situations
        keywords = item.keywords.joined(separator: ", ")
        forYou = ItemWriter.markdown(item.clientText)
        therapistNotes = ItemWriter.markdown(item.therapistNotes)
        evidence = item.evidence.joined(separator: "\n")
        safetyLine = item.safetyLine ?? ""
        steps = item.steps.map { Step(title: $0.title, text: $0.text, seconds: $0.seconds.map(String.init) ?? "", stepBack: $0.stepBack ?? "") }
        fields = item.fields.map { Field(id: $0.id, type: $0.type, label: $0.label, help: $0.help ?? "", options: ($0.options ?? []).joined(separator: "\n")) }
        promptLead = item.prompts?.lead ?? ""
        prompts = (item.prompts?.items ?? []).joined(separator: "\n")
    }

    /// A sensible start for a new item of a kind: a practice opens with two empty steps, a
    /// worksheet with two questions.
    public static func blank(_ kind: ItemKind) -> AuthoredItemInput {
        var input = AuthoredItemInput()
        input.kind = kinds.contains(kind) ? kind : .handout
        switch input.kind {
        case .guidedPractice: input.category = .exercise; input.steps = [Step(), Step()]
        case .worksheet: input.category = .cognitive; input.fields = [Field(), Field()]
        case .promptSet: input.category = .exercise
        default: input.category = .education
        }
        return input
    }

    /// Problems with the form itself (a number that isn't one, too much text); the library's own
    /// rules come after, from the content check.
    public var problems: [FieldProblem] {
        var problems: [FieldProblem] = []
        if !Self.kinds.contains(kind) {
            problems.append(FieldProblem(field: "kind", message: "Choose a handout, worksheet, guided practice or prompt set."))
        }
        if minutes.trimmed.isEmpty || Int(minutes.trimmed).map({ $0 < 1 || $0 > 240 }) ?? true {
            problems.append(FieldProblem(field: "minutes", message: "Give the minutes it takes as a whole number from 1 to 240."))
        }
        for (index, step) in steps.enumerated() where !step.isBlank {
            if !step.seconds.trimmed.isEmpty, Int(step.seconds.trimmed).map({ $0 < 1 || $0 > 3600 }) ?? true {
                problems.append(FieldProblem(field: "step-\(index)-seconds", message: "Step \(index + 1): give the timer in seconds, from 1 to 3600, or leave it empty."))
            }
        }
        if steps.count > Self.maximumSteps {
            problems.append(FieldProblem(field: "steps", message: "A practice can have up to \(Self.maximumSteps) steps."))
        }
        if fields.count > Self.maximumFields {
            problems.append(FieldProblem(field: "fields", message: "A worksheet can have up to \(Self.maximumFields) questions."))
        }
        let longest = ([title, summary, forYou, therapistNotes, evidence, prompts] + steps.map(\.text)).map(\.count).max() ?? 0
        if longest > Self.maximumTextLength {
            problems.append(FieldProblem(field: "form", message: "One part is longer than \(Self.maximumTextLength) characters; please split it up."))
        }
        return problems
    }

    /// The item this input describes. Blank steps and questions are left out; a question without
    /// an id gets one from its label, unique within the worksheet.
    public func item(id: String, authorship: Authorship?) -> LibraryItem {
        func lines(_ text: String) -> [String] {
            text.split(whereSeparator: \.isNewline).map { $0.trimmed }.filter { !$0.isEmpty }
        }
        let keptSteps = steps.filter { !$0.isBlank }.map { step in
            PracticeStep(title: step.title.trimmed, text: step.text.trimmed, seconds: Int(step.seconds.trimmed),
                         stepBack: step.stepBack.trimmed.isEmpty ? nil : step.stepBack.trimmed)
        }
        var usedIDs = Set(fields.map(\.id).filter { !$0.isEmpty })
        let keptFields = fields.filter { !$0.isBlank }.map { field -> WorksheetField in
            var fieldID = field.id
            if fieldID.isEmpty {
                let base = Slug.make(field.label, maximumLength: 30).nonEmpty ?? "question"
                fieldID = base
                var counter = 2
                while usedIDs.contains(fieldID) { fieldID = "\(base)-\(counter)"; counter += 1 }
                usedIDs.insert(fieldID)
            }
            let options = lines(field.options)
            return WorksheetField(id: fieldID, type: field.type, label: field.label.trimmed,
                                  help: field.help.trimmed.isEmpty ? nil : field.help.trimmed,
                                  options: field.type == .choice ? options : nil, lines: nil)
        }
        let promptItems = lines(prompts)
        var item = LibraryItem(
            id: id, title: title.trimmed, summary: summary.trimmed, kind: kind, category: category,
            components: CompassionComponent.allCases.filter(components.contains), minutes: Int(minutes.trimmed) ?? 0,
            audience: .both, situations: Situation.allCases.filter(situations.contains),
            keywords: keywords.split(separator: ",").map { $0.trimmed.lowercased() }.filter { !$0.isEmpty },
            related: [], evidence: lines(evidence),
            steps: kind == .guidedPractice ? keptSteps : [],
            fields: kind == .worksheet ? keptFields : [],
            prompts: kind == .promptSet && !(promptLead.trimmed.isEmpty && promptItems.isEmpty)
                ? PromptSet(lead: promptLead.trimmed, items: promptItems) : nil,
            weeks: [],
            clientText: TextBlock.parse(forYou), therapistNotes: TextBlock.parse(therapistNotes),
            safetyLine: safetyLine.trimmed.isEmpty ? nil : safetyLine.trimmed)
        item.authorship = authorship
        return item
    }
}

/// Lower-case words joined by dashes, for ids made from titles and labels.
public enum Slug {
    public static func make(_ text: String, maximumLength: Int = 50) -> String {
        var slug = ""
        for character in text.lowercased().folding(options: .diacriticInsensitive, locale: nil) {
            if character.isASCII && (character.isLetter || character.isNumber) {
                slug.append(character)
            } else if !slug.isEmpty && slug.last != "-" {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        if slug.count > maximumLength {
            slug = String(slug.prefix(maximumLength))
            while slug.hasSuffix("-") { slug.removeLast() }
        }
        return slug
    }
}

extension String {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var nonEmpty: String? { isEmpty ? nil : self }
}

extension Substring {
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
