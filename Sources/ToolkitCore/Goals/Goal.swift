import Foundation

/// A goal set kindly: tied to something the client values, broken into a short ladder of small
/// steps, with a picture of "good enough". Progress is counted in steps done and partly done,
/// never as a score; a step that slips can be met with a setback reflection saved with the goal.
public struct Goal: Codable, Sendable, Equatable {
    public var title: String
    /// The value it serves, in the client's words (or one of `commonValues`).
    public var value: String
    public var goodEnough: String
    public var steps: [Step]
    public var reflections: [SetbackReflection]

    public static let maximumTitleLength = 200
    public static let maximumValueLength = 200
    public static let maximumGoodEnoughLength = 2_000
    public static let maximumStepLength = 200
    public static let stepLimit = 12

    /// A few values people often name; anyone can write their own instead.
    public static let commonValues = ["Health", "Learning", "Connection", "Family", "Friendship", "Creativity",
                                      "Kindness", "Rest", "Meaningful work", "Independence", "Adventure", "Calm"]

    public enum Progress: String, Codable, Sendable, CaseIterable {
        case notStarted = "not-started", partly, done

        public var label: String {
            switch self {
            case .notStarted: "Not started"
            case .partly: "Partly"
            case .done: "Done"
            }
        }

        var rank: Int {
            switch self {
            case .notStarted: 0
            case .partly: 1
            case .done: 2
            }
        }
    }

    public struct Step: Codable, Sendable, Equatable, Identifiable {
        public var id: String
        public var text: String
        public var progress: Progress
        /// "It didn't happen this time": said without blame, and an invitation to reflect.
        public var missed: Bool

        public init(id: String, text: String, progress: Progress = .notStarted, missed: Bool = false) {
            self.id = id
            self.text = text
            self.progress = progress
            self.missed = missed
        }

        /// Only the text need be present: a new step (as the API sends one) has no id yet and
        /// starts not started.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.decodeIfPresent(String.self, forKey: .id) ?? ""
            text = try container.decode(String.self, forKey: .text)
            progress = try container.decodeIfPresent(Progress.self, forKey: .progress) ?? .notStarted
            missed = try container.decodeIfPresent(Bool.self, forKey: .missed) ?? false
        }
    }

    public init(title: String = "", value: String = "", goodEnough: String = "", steps: [Step] = [], reflections: [SetbackReflection] = []) {
        self.title = title
        self.value = value
        self.goodEnough = goodEnough
        self.steps = steps
        self.reflections = reflections
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        title = try container.decodeIfPresent(String.self, forKey: .title) ?? ""
        value = try container.decodeIfPresent(String.self, forKey: .value) ?? ""
        goodEnough = try container.decodeIfPresent(String.self, forKey: .goodEnough) ?? ""
        steps = try container.decodeIfPresent([Step].self, forKey: .steps) ?? []
        reflections = try container.decodeIfPresent([SetbackReflection].self, forKey: .reflections) ?? []
    }

    /// Something that keeps a goal from being saved, and the field it is about.
    public typealias Problem = FieldProblem

    /// Trims the edges, drops empty step lines and says what can't be kept.
    public func validated() -> (goal: Goal, problems: [Problem]) {
        var goal = self
        goal.title = Self.oneLine(title)
        goal.value = Self.oneLine(value)
        goal.goodEnough = goodEnough.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        goal.steps = steps.map { var step = $0; step.text = Self.oneLine(step.text); return step }.filter { !$0.text.isEmpty }
        var problems: [Problem] = []
        if goal.title.isEmpty {
            problems.append(Problem(field: "title", message: "Please name your goal in a few words."))
        } else if goal.title.count > Self.maximumTitleLength {
            problems.append(Problem(field: "title", message: "Please keep the goal under \(Self.maximumTitleLength) characters (this one has \(goal.title.count))."))
        }
        if goal.value.isEmpty {
            problems.append(Problem(field: "value", message: "Please say what this goal matters for. One word is enough, such as health or connection."))
        } else if goal.value.count > Self.maximumValueLength {
            problems.append(Problem(field: "value", message: "Please keep the value under \(Self.maximumValueLength) characters."))
        }
        if goal.goodEnough.count > Self.maximumGoodEnoughLength {
            problems.append(Problem(field: "goodEnough", message: "Please keep \"good enough\" under \(Self.maximumGoodEnoughLength) characters (this has \(goal.goodEnough.count))."))
        }
        if goal.steps.isEmpty {
            problems.append(Problem(field: "steps", message: "Please write at least one small step. Something you could start this week is ideal."))
        } else if goal.steps.count > Self.stepLimit {
            problems.append(Problem(field: "steps", message: "Please keep the ladder to \(Self.stepLimit) steps or fewer. You could join two steps or start a second goal."))
        }
        if let long = goal.steps.first(where: { $0.text.count > Self.maximumStepLength }) {
            problems.append(Problem(field: "steps", message: "Please keep each step under \(Self.maximumStepLength) characters (one has \(long.text.count)). A smaller step is easier to start."))
        }
        let singleLines = [goal.title, goal.value] + goal.steps.map(\.text)
        if singleLines.joined().unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            problems.append(Problem(field: "title", message: "The goal can't contain control characters."))
        }
        return (goal, problems)
    }

    private static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The goal as the client rewrote it, keeping each remaining step's progress (matched by id)
    /// and every reflection. Steps without an id are new and get one from `newID`.
    public func revised(to edited: Goal, newID: () -> String) -> Goal {
        var goal = self
        goal.title = edited.title
        goal.value = edited.value
        goal.goodEnough = edited.goodEnough
        goal.steps = edited.steps.map { step in
            if let existing = steps.first(where: { $0.id == step.id && !step.id.isEmpty }) {
                var kept = existing
                kept.text = step.text
                return kept
            }
            return Step(id: newID(), text: step.text)
        }
        return goal
    }

    /// A change to one step's progress.
    public enum StepChange: Sendable, Equatable {
        case progress(Progress)
        case missed(Bool)
    }

    /// Applies a change to one step; false when there is no such step.
    public mutating func apply(_ change: StepChange, toStep stepID: String) -> Bool {
        guard let index = steps.firstIndex(where: { $0.id == stepID }) else { return false }
        switch change {
        case .progress(let progress):
            steps[index].progress = progress
            if progress != .notStarted { steps[index].missed = false }
        case .missed(let missed):
            steps[index].missed = missed
        }
        return true
    }

    /// The step a setback reflection is worth offering for, going from `old` to `new`: one newly
    /// marked as missed, or whose progress went down (done to partly, or back to not started).
    /// Nil when nothing slipped. Finishing, starting or un-marking a miss never prompts one.
    public static func setbackStep(from old: Goal, to new: Goal) -> Step? {
        new.steps.first { step in
            guard let before = old.steps.first(where: { $0.id == step.id }) else { return false }
            return (step.missed && !before.missed) || step.progress.rank < before.progress.rank
        }
    }

    public var doneCount: Int { steps.filter { $0.progress == .done }.count }
    public var partlyCount: Int { steps.filter { $0.progress == .partly }.count }

    /// "3 of 5 steps, 1 partly": what has been done, never a percentage or what is left.
    public var progressText: String {
        let total = steps.count == 1 ? "1 step" : "\(steps.count) steps"
        return "\(doneCount) of \(total)" + (partlyCount > 0 ? ", \(partlyCount) partly" : "")
    }
}

/// A short guided look at a setback through the three components: what happened (noticed
/// mindfully), others who have been here (common humanity), and what one would say to a friend
/// (self-kindness). Saved with the goal it belongs to.
public struct SetbackReflection: Codable, Sendable, Equatable {
    public var writtenAt: Date
    /// The step it is about, as it read then ("" when about the goal as a whole).
    public var stepText: String
    public var whatHappened: String
    public var othersToo: String
    public var friend: String

    public static let maximumLength = 3_000

    public init(writtenAt: Date = Date(), stepText: String = "", whatHappened: String = "", othersToo: String = "", friend: String = "") {
        self.writtenAt = writtenAt
        self.stepText = stepText
        self.whatHappened = whatHappened
        self.othersToo = othersToo
        self.friend = friend
    }

    public func validated() -> (reflection: SetbackReflection, problems: [Goal.Problem]) {
        func clean(_ text: String) -> String {
            text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var reflection = self
        reflection.whatHappened = clean(whatHappened)
        reflection.othersToo = clean(othersToo)
        reflection.friend = clean(friend)
        reflection.stepText = String(clean(stepText).prefix(Goal.maximumStepLength))
        var problems: [Goal.Problem] = []
        if reflection.whatHappened.isEmpty && reflection.othersToo.isEmpty && reflection.friend.isEmpty {
            problems.append(.init(field: "whatHappened", message: "Please write a few words in any of the three boxes, or skip this for now."))
        }
        for (field, text) in [("whatHappened", reflection.whatHappened), ("othersToo", reflection.othersToo), ("friend", reflection.friend)]
            where text.count > Self.maximumLength {
            problems.append(.init(field: field, message: "Please keep each answer under \(Self.maximumLength) characters (this one has \(text.count))."))
        }
        return (reflection, problems)
    }
}
