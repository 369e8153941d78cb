import Foundation

/// One line of the client's calming script: something their inner critic typically says, and
/// the kinder answer they wrote to it. Together the lines make "My critic and my answers", shown
/// in the I'm struggling flow, on the signed-in Need help now page, and printed as a card.
public struct CriticAnswer: Codable, Sendable, Equatable {
    /// The critic's words, as the client hears them ("You always mess things up").
    public var critic: String
    /// The answer, in the voice of someone who cares. May be empty while the client thinks it over.
    public var answer: String

    public static let maximumCriticLength = 300
    public static let maximumAnswerLength = 1_000
    /// A script is something to read in a hard moment; past this many lines it stops helping.
    public static let maximumLines = 40

    public init(critic: String = "", answer: String = "") {
        self.critic = critic
        self.answer = answer
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        critic = try container.decodeIfPresent(String.self, forKey: .critic) ?? ""
        answer = try container.decodeIfPresent(String.self, forKey: .answer) ?? ""
    }

    /// Something that keeps a line from being saved, and the field it is about.
    public typealias Problem = FieldProblem

    /// Trims the edges and says what can't be kept. An answer may wait; the critic's words may not.
    public func validated() -> (line: CriticAnswer, problems: [Problem]) {
        var line = self
        line.critic = critic.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        line.answer = answer.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [Problem] = []
        if line.critic.isEmpty {
            problems.append(Problem(field: "critic", message: "Please write what your critic says, in its own words. A few words are enough."))
        } else if line.critic.count > Self.maximumCriticLength {
            problems.append(Problem(field: "critic", message: "Please keep the critic's words under \(Self.maximumCriticLength) characters (these have \(line.critic.count)). Its shortest version is usually the one it repeats."))
        }
        if line.answer.count > Self.maximumAnswerLength {
            problems.append(Problem(field: "answer", message: "Please keep the answer under \(Self.maximumAnswerLength) characters (this one has \(line.answer.count)). A short answer is easier to recall in a hard moment."))
        }
        return (line, problems)
    }

    /// Whether the line is ready to read back: the critic has had its answer.
    public var isAnswered: Bool { !answer.isEmpty }

    /// The lines worth reading in a hard moment, in the order they were written.
    public static func script(_ lines: [CriticAnswer]) -> [CriticAnswer] {
        lines.filter(\.isAnswered)
    }

    /// Answers to start from, for a client who can't find their own words yet. They follow the
    /// three parts: noticing, shared humanity, kindness.
    public static let answerStarters = [
        "That's the critic talking, not the whole truth about me.",
        "Lots of people feel this way when things go wrong. I'm not the only one.",
        "What would I say to a friend who told me this about themselves?",
        "I made a mistake. That makes me human, not a failure.",
    ]
}
