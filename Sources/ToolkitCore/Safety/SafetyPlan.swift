/// A client's safety plan, in their own words, following the order of the safety planning
/// intervention (Stanley & Brown 2012): warning signs, coping alone, people and places for
/// distraction, people to ask for help, professionals and crisis lines, a safer environment,
/// and what matters most. A closing reflection asks about using it.
public struct SafetyPlan: Codable, Sendable, Equatable {
    public var warningSigns: [String] = []
    public var copingStrategies: [String] = []
    public var distractions: [String] = []
    public var peopleToAsk: [String] = []
    public var professionals: [String] = []
    public var saferSurroundings: [String] = []
    public var reasonsForLiving: [String] = []
    public var reflection = Reflection()

    public struct Reflection: Codable, Sendable, Equatable {
        /// 0-10: how likely the client thinks they are to use the plan.
        public var likelihood: Int?
        public var obstacles: String = ""
        public var whereKept: String = ""
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            likelihood = try container.decodeIfPresent(Int.self, forKey: .likelihood)
            obstacles = try container.decodeIfPresent(String.self, forKey: .obstacles) ?? ""
            whereKept = try container.decodeIfPresent(String.self, forKey: .whereKept) ?? ""
        }

        public init(likelihood: Int? = nil, obstacles: String = "", whereKept: String = "") {
            self.likelihood = likelihood
            self.obstacles = obstacles
            self.whereKept = whereKept
        }
    }

    public init() {}

    /// Missing steps read as empty, so a partial plan from the API is accepted.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        warningSigns = try container.decodeIfPresent([String].self, forKey: .warningSigns) ?? []
        copingStrategies = try container.decodeIfPresent([String].self, forKey: .copingStrategies) ?? []
        distractions = try container.decodeIfPresent([String].self, forKey: .distractions) ?? []
        peopleToAsk = try container.decodeIfPresent([String].self, forKey: .peopleToAsk) ?? []
        professionals = try container.decodeIfPresent([String].self, forKey: .professionals) ?? []
        saferSurroundings = try container.decodeIfPresent([String].self, forKey: .saferSurroundings) ?? []
        reasonsForLiving = try container.decodeIfPresent([String].self, forKey: .reasonsForLiving) ?? []
        reflection = try container.decodeIfPresent(Reflection.self, forKey: .reflection) ?? Reflection()
    }

    public static let maximumEntriesPerStep = 20
    public static let maximumEntryLength = 500

    public subscript(step step: SafetyPlanStep) -> [String] {
        get {
            switch step {
            case .warningSigns: warningSigns
            case .copingStrategies: copingStrategies
            case .distractions: distractions
            case .peopleToAsk: peopleToAsk
            case .professionals: professionals
            case .saferSurroundings: saferSurroundings
            case .reasonsForLiving: reasonsForLiving
            }
        }
        set {
            switch step {
            case .warningSigns: warningSigns = newValue
            case .copingStrategies: copingStrategies = newValue
            case .distractions: distractions = newValue
            case .peopleToAsk: peopleToAsk = newValue
            case .professionals: professionals = newValue
            case .saferSurroundings: saferSurroundings = newValue
            case .reasonsForLiving: reasonsForLiving = newValue
            }
        }
    }

    public var isEmpty: Bool { SafetyPlanStep.allCases.allSatisfy { self[step: $0].isEmpty } }

    /// Something in a submitted plan that can't be kept, and the field it belongs to (a step's
    /// raw value, or `likelihood`, `obstacles`, `whereKept`), so a form can link to it.
    public typealias Problem = FieldProblem

    /// Trims entries, drops empty ones, and reports anything too long to keep.
    public func validated() -> (plan: SafetyPlan, problems: [String]) {
        let result = validatedByField()
        return (result.plan, result.problems.map(\.message))
    }

    public func validatedByField() -> (plan: SafetyPlan, problems: [Problem]) {
        var plan = self
        var problems: [Problem] = []
        for step in SafetyPlanStep.allCases {
            let entries = self[step: step].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            if entries.count > Self.maximumEntriesPerStep {
                problems.append(Problem(field: step.rawValue, message: "\(step.title): please keep to \(Self.maximumEntriesPerStep) entries or fewer (there are \(entries.count))."))
            }
            if let long = entries.firstIndex(where: { $0.count > Self.maximumEntryLength }) {
                problems.append(Problem(field: step.rawValue, message: "\(step.title): please keep each entry under \(Self.maximumEntryLength) characters (entry \(long + 1) has \(entries[long].count))."))
            }
            plan[step: step] = entries
        }
        if let likelihood = reflection.likelihood, !(0...10).contains(likelihood) {
            problems.append(Problem(field: "likelihood", message: "How likely you are to use the plan should be a number from 0 to 10."))
        }
        if reflection.obstacles.count > 2000 {
            problems.append(Problem(field: "obstacles", message: "Please keep the reflection answers under 2000 characters."))
        }
        if reflection.whereKept.count > 2000 {
            problems.append(Problem(field: "whereKept", message: "Please keep the reflection answers under 2000 characters."))
        }
        plan.reflection.obstacles = reflection.obstacles.trimmingCharacters(in: .whitespacesAndNewlines)
        plan.reflection.whereKept = reflection.whereKept.trimmingCharacters(in: .whitespacesAndNewlines)
        return (plan, problems)
    }

    /// Contacts written into the plan that have a phone number, for tap-to-call links.
    /// The people and services on the plan that have a number, split into name, number and note.
    public var callableContacts: [PlanContact] {
        (peopleToAsk + professionals).map(PlanContact.parse).filter { CrisisLine.dialable($0.phone).count >= 3 }
    }

    public var contacts: [(label: String, phone: String)] {
        (peopleToAsk + professionals).compactMap { entry in
            PhoneNumber.first(in: entry).map { (entry, $0) }
        }
    }
}

import Foundation

/// The steps of the plan, in order, each explained in a sentence with examples to pick from.
public enum SafetyPlanStep: String, CaseIterable, Sendable {
    case warningSigns, copingStrategies, distractions, peopleToAsk, professionals, saferSurroundings, reasonsForLiving

    public var title: String {
        switch self {
        case .warningSigns: "My warning signs"
        case .copingStrategies: "Things I can do on my own"
        case .distractions: "People and places that help me take my mind off things"
        case .peopleToAsk: "People I can ask for help"
        case .professionals: "Professionals and crisis lines"
        case .saferSurroundings: "Making my surroundings safer"
        case .reasonsForLiving: "What matters most to me"
        }
    }

    public var explanation: String {
        switch self {
        case .warningSigns:
            "Notice what tends to come before a crisis: thoughts, feelings, images, places or things you do. Spotting them early gives you time to use the rest of this plan."
        case .copingStrategies:
            "These are things you can do by yourself to get through a hard moment, without needing anyone else."
        case .distractions:
            "Being around other people, or in a place you like, can ease the pressure for a while, even if you don't talk about how you feel."
        case .peopleToAsk:
            "These are people you trust and could tell that you are struggling. Add a phone number so you can reach them quickly."
        case .professionals:
            "Your therapist, your doctor, a crisis line or emergency services. Add numbers and opening hours if you know them."
        case .saferSurroundings:
            "Think about how to make where you are safer in a crisis, such as keeping certain things out of reach or asking someone to hold them for you."
        case .reasonsForLiving:
            "The people, pets, hopes, values or plans that matter to you. They can be a reason to hold on when things are dark."
        }
    }

    public var examples: [String] {
        switch self {
        case .warningSigns:
            ["I stop replying to messages", "I can't sleep for several nights", "I start thinking nobody would miss me", "I feel numb or far away"]
        case .copingStrategies:
            ["Do the 5-4-3-2-1 grounding exercise", "Breathe out slowly, longer than I breathe in", "Take a shower or hold something cold", "Go for a short walk", "Put on a song that steadies me"]
        case .distractions:
            ["Sit in a café or library", "Call a friend just to chat", "Visit a relative", "Go to the park", "Join an online group I like"]
        case .peopleToAsk:
            ["A friend or family member, with their number", "A neighbour I trust", "A faith or community leader"]
        case .professionals:
            ["My therapist, with their number and hours", "My doctor", "A crisis line for my area", "Emergency services"]
        case .saferSurroundings:
            ["Ask someone to keep medicines for me", "Keep sharp things out of easy reach", "Stay with someone when I feel unsafe", "Avoid alcohol when I feel low"]
        case .reasonsForLiving:
            ["My family", "My pet", "A place I want to see", "Things I still want to learn or do"]
        }
    }

    /// Steps that list people to call: the form asks for a name and a number on each line.
    public var isAboutPeople: Bool { self == .peopleToAsk || self == .professionals }

    /// For the steps about people: who might go here, as a prompt for a name and a number.
    public var personPrompt: String {
        switch self {
        case .peopleToAsk: "For example, a friend or family member, a neighbour you trust, or a faith or community leader."
        case .professionals: "For example, your therapist, your doctor, a crisis line for your area, or emergency services."
        default: ""
        }
    }

    /// Short name for forms and the wallet card.
    public var shortTitle: String {
        switch self {
        case .warningSigns: "Warning signs"
        case .copingStrategies: "On my own"
        case .distractions: "Take my mind off things"
        case .peopleToAsk: "People I can ask"
        case .professionals: "Professionals"
        case .saferSurroundings: "Safer surroundings"
        case .reasonsForLiving: "What matters most"
        }
    }
}

/// Finds a dialable phone number in free text ("Sam 07700 900123" or "Lifeline: 988").
public enum PhoneNumber {
    public static func first(in text: String) -> String? {
        guard let range = longestRun(in: text) else { return nil }
        return String(text[range].filter { $0.isNumber || $0 == "+" })
    }

    /// Where the longest run of digits (with spaces, dashes, dots, brackets and a leading plus)
    /// is, when it has at least 3 digits.
    public static func longestRun(in text: String) -> Range<String.Index>? {
        var best: Range<String.Index>?
        var bestDigits = 0
        var start: String.Index?
        var digits = 0
        var lastDigitEnd: String.Index?
        func finishRun() {
            if let start, let end = lastDigitEnd, digits > bestDigits { best = start..<end; bestDigits = digits }
            start = nil; digits = 0; lastDigitEnd = nil
        }
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let separator = character == " " || character == "-" || character == "(" || character == ")" || character == "."
            if character.isNumber {
                if start == nil { start = index }
                digits += 1
                lastDigitEnd = text.index(after: index)
            } else if character == "+" && start == nil {
                start = index
            } else if !(separator && start != nil) {
                finishRun()
            }
            index = text.index(after: index)
        }
        finishRun()
        return bestDigits >= 3 ? best : nil
    }
}
