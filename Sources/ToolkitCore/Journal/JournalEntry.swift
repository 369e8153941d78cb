import Foundation

/// A client's journal entry: their own words, with an optional prompt from the library's prompt
/// sets and an optional word for how they feel. Private until they choose to share it.
public struct JournalEntry: Codable, Sendable, Equatable {
    public var body: String
    /// The prompt the entry answers, as it read when chosen (prompts can change later).
    public var prompt: String
    /// Where the prompt came from: "<item id>#<number>", so the entry can link back.
    public var promptSource: String
    public var feeling: String

    public static let maximumBodyLength = 20_000
    public static let maximumFeelingLength = 40

    /// A few everyday words to pick from; anyone can write their own instead.
    public static let feelingWords = ["calm", "tired", "sad", "anxious", "angry", "lonely", "ashamed", "hopeful",
                                      "grateful", "overwhelmed", "numb", "relieved", "proud", "unsure"]

    public init(body: String = "", prompt: String = "", promptSource: String = "", feeling: String = "") {
        self.body = body
        self.prompt = prompt
        self.promptSource = promptSource
        self.feeling = feeling
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        body = try container.decodeIfPresent(String.self, forKey: .body) ?? ""
        prompt = try container.decodeIfPresent(String.self, forKey: .prompt) ?? ""
        promptSource = try container.decodeIfPresent(String.self, forKey: .promptSource) ?? ""
        feeling = try container.decodeIfPresent(String.self, forKey: .feeling) ?? ""
    }

    /// Something that keeps an entry from being saved, and the field it is about.
    public typealias Problem = FieldProblem

    /// Trims the edges (never the inside of what was written) and says what can't be kept.
    public func validated() -> (entry: JournalEntry, problems: [Problem]) {
        var entry = self
        // Browsers send a form's line breaks as CR LF; keep plain line feeds.
        entry.body = body.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        entry.feeling = feeling.trimmingCharacters(in: .whitespacesAndNewlines)
        entry.prompt = prompt.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [Problem] = []
        if entry.body.isEmpty {
            problems.append(Problem(field: "body", message: "Please write something before saving. A few words are enough."))
        }
        if entry.body.count > Self.maximumBodyLength {
            problems.append(Problem(field: "body", message: "Please keep an entry under \(Self.maximumBodyLength) characters (this one has \(entry.body.count)). You could save the rest as a second entry."))
        }
        if entry.feeling.count > Self.maximumFeelingLength {
            problems.append(Problem(field: "feeling", message: "Please keep the feeling to a word or two (under \(Self.maximumFeelingLength) characters)."))
        }
        if (entry.feeling + entry.prompt).unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) && $0 != "\n" }) {
            problems.append(Problem(field: "feeling", message: "The feeling can't contain control characters."))
        }
        return (entry, problems)
    }

    /// The first line, shortened, for lists.
    public var preview: String {
        let firstLine = body.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return firstLine.count > 90 ? String(firstLine.prefix(87)) + "..." : firstLine
    }
}
