/// One piece of the library: a handout, worksheet, guided practice, prompt set, script, program
/// or grounding exercise, with its client text, therapist notes and evidence.
public struct LibraryItem: Sendable, Identifiable {
    public var id: String
    public var title: String
    public var summary: String
    public var kind: ItemKind
    public var category: ItemCategory
    public var components: [CompassionComponent]
    public var minutes: Int
    public var audience: Audience
    public var situations: [Situation]
    public var keywords: [String]
    public var related: [String]
    public var evidence: [String]
    public var steps: [PracticeStep]
    public var fields: [WorksheetField]
    public var prompts: PromptSet?
    public var weeks: [ProgramWeek]
    /// The "For you" section: written for the client.
    public var clientText: [TextBlock]
    /// The "Therapist notes" section.
    public var therapistNotes: [TextBlock]
    /// One sentence that goes with the steps wherever they are shown outside the item (the crisis
    /// page, the "I'm struggling" flow, a player): what to do if a step brings up too much.
    /// The item's "For you" text does not travel with its steps, so this line must.
    public var safetyLine: String?
    /// Who wrote it, for an item a therapist wrote in the app; nil for the bundled library.
    public var authorship: Authorship?

    public init(
        id: String, title: String, summary: String, kind: ItemKind, category: ItemCategory,
        components: [CompassionComponent], minutes: Int, audience: Audience, situations: [Situation],
        keywords: [String], related: [String], evidence: [String], steps: [PracticeStep],
        fields: [WorksheetField], prompts: PromptSet?, weeks: [ProgramWeek],
        clientText: [TextBlock], therapistNotes: [TextBlock], safetyLine: String? = nil
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.kind = kind
        self.category = category
        self.components = components
        self.minutes = minutes
        self.audience = audience
        self.situations = situations
        self.keywords = keywords
        self.related = related
        self.evidence = evidence
        self.steps = steps
        self.fields = fields
        self.prompts = prompts
        self.weeks = weeks
        self.clientText = clientText
        self.therapistNotes = therapistNotes
        self.safetyLine = safetyLine
    }

    /// Everything a client reads in this item, as plain text (for reading grade and search).
    public var clientPlainText: String {
        var parts = [TextBlock.plainText(clientText), safetyLine ?? ""]
        for step in steps { parts += [step.title, step.text, step.stepBack ?? ""] }
        if let prompts { parts += [prompts.lead] + prompts.items }
        for field in fields { parts += [field.label, field.help ?? ""] }
        for week in weeks { parts += [week.theme, week.reflection] }
        return parts.filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    public var readingGrade: Double { Readability.fleschKincaidGrade(clientPlainText) }

    /// Seconds of the timed steps, when the item is a timed practice.
    public var totalStepSeconds: Int { steps.compactMap(\.seconds).reduce(0, +) }
    public var isPractice: Bool { !steps.isEmpty }
    public var isPrintable: Bool { true }
}

public enum ItemKind: String, Codable, Sendable, CaseIterable {
    case handout, worksheet, guidedPractice = "guided-practice", promptSet = "prompt-set", script, program, grounding

    public var displayName: String {
        switch self {
        case .handout: "Handout"
        case .worksheet: "Worksheet"
        case .guidedPractice: "Guided practice"
        case .promptSet: "Journaling prompts"
        case .script: "Script"
        case .program: "Program"
        case .grounding: "Grounding"
        }
    }
}

public enum ItemCategory: String, Codable, Sendable, CaseIterable {
    case education, exercise, cognitive, behavioral, mindfulness, crisis

    public var displayName: String {
        switch self {
        case .education: "Learning about self-compassion"
        case .exercise: "Practices and exercises"
        case .cognitive: "Working with thoughts"
        case .behavioral: "Everyday actions"
        case .mindfulness: "Mindfulness"
        case .crisis: "For hard moments"
        }
    }
}

/// Neff's three components of self-compassion.
public enum CompassionComponent: String, Codable, Sendable, CaseIterable {
    case selfKindness = "self-kindness", commonHumanity = "common-humanity", mindfulness

    public var displayName: String {
        switch self {
        case .selfKindness: "Self-kindness"
        case .commonHumanity: "Common humanity"
        case .mindfulness: "Mindfulness"
        }
    }
}

public enum Audience: String, Codable, Sendable, CaseIterable {
    case client, therapist, both
}

/// Moments people come to the library with.
public enum Situation: String, Codable, Sendable, CaseIterable {
    case afterAMistake = "after-a-mistake", harshInnerCritic = "harsh-inner-critic"
    case feelingOverwhelmed = "feeling-overwhelmed", cantSleep = "cant-sleep"
    case beforeAHardConversation = "before-a-hard-conversation", afterConflict = "after-conflict"
    case feelingAlone = "feeling-alone", anxiousOrWorried = "anxious-or-worried", lowMood = "low-mood"
    case griefAndLoss = "grief-and-loss", bodyImage = "body-image", perfectionism
    case caringForOthers = "caring-for-others", everydayPractice = "everyday-practice", inSession = "in-session"

    public var displayName: String {
        switch self {
        case .afterAMistake: "After a mistake"
        case .harshInnerCritic: "When my inner critic is harsh"
        case .feelingOverwhelmed: "Feeling overwhelmed"
        case .cantSleep: "Can't sleep"
        case .beforeAHardConversation: "Before a hard conversation"
        case .afterConflict: "After an argument or conflict"
        case .feelingAlone: "Feeling alone"
        case .anxiousOrWorried: "Anxious or worried"
        case .lowMood: "Feeling low"
        case .griefAndLoss: "Grief and loss"
        case .bodyImage: "Feeling bad about my body"
        case .perfectionism: "Needing everything to be perfect"
        case .caringForOthers: "Worn out from caring for others"
        case .everydayPractice: "Everyday practice"
        case .inSession: "In a therapy session"
        }
    }
}

public struct PracticeStep: Codable, Sendable, Equatable {
    public struct Breathing: Codable, Sendable, Equatable {
        public var inhale: Int
        public var exhale: Int

        public init(inhale: Int, exhale: Int) {
            self.inhale = inhale
            self.exhale = exhale
        }
    }

    public var title: String
    public var text: String
    public var seconds: Int?
    public var breathing: Breathing?
    /// One short line: how to step back from this step if it gets to be too much. Shown with the
    /// step wherever it appears, because the item's own backdraft note may not be on screen.
    public var stepBack: String?

    enum CodingKeys: String, CodingKey {
        case title, text, seconds, breathing
        case stepBack = "step_back"
    }

    public init(title: String, text: String, seconds: Int? = nil, breathing: Breathing? = nil, stepBack: String? = nil) {
        self.title = title
        self.text = text
        self.seconds = seconds
        self.breathing = breathing
        self.stepBack = stepBack
    }

    /// The kind of warmth this step turns toward the person doing it, if any (see `WarmthCues`).
    public var warmthCue: WarmthCues.Cue? { WarmthCues.cue(in: title + "\n" + text) }
    public var turnsWarmthInward: Bool { warmthCue != nil }
}

public struct WorksheetField: Codable, Sendable, Equatable {
    public enum FieldType: String, Codable, Sendable {
        case shortText = "short-text", longText = "long-text", rating, list, choice
    }

    public var id: String
    public var type: FieldType
    public var label: String
    public var help: String?
    public var options: [String]?
    /// Writing lines on the printed page.
    public var lines: Int?
}

public struct PromptSet: Codable, Sendable, Equatable {
    public var lead: String
    public var items: [String]
}

public struct ProgramWeek: Codable, Sendable, Equatable {
    public var theme: String
    public var goals: String
    public var inSession: [String]
    public var homePractice: [String]
    public var reflection: String
}
