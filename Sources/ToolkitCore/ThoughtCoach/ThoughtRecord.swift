import Foundation

/// A self-critical thought reworked with the three components of self-compassion: the thought
/// and how much it is believed and hurts; then naming it mindfully, remembering others feel this
/// too, and what one would say to a friend; then the same two ratings again.
public struct ThoughtRecord: Codable, Sendable, Equatable {
    public var thought: String
    /// 0-100: how much the client believes the thought.
    public var beliefBefore: Int?
    /// 0-10: how bad it feels.
    public var feelingBefore: Int?
    public var mindful: String
    public var commonHumanity: String
    public var friend: String
    public var beliefAfter: Int?
    public var feelingAfter: Int?

    public static let maximumLength = 5_000

    public init(thought: String = "", beliefBefore: Int? = nil, feelingBefore: Int? = nil, mindful: String = "",
                commonHumanity: String = "", friend: String = "", beliefAfter: Int? = nil, feelingAfter: Int? = nil) {
        self.thought = thought
        self.beliefBefore = beliefBefore
        self.feelingBefore = feelingBefore
        self.mindful = mindful
        self.commonHumanity = commonHumanity
        self.friend = friend
        self.beliefAfter = beliefAfter
        self.feelingAfter = feelingAfter
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        thought = try container.decodeIfPresent(String.self, forKey: .thought) ?? ""
        beliefBefore = try container.decodeIfPresent(Int.self, forKey: .beliefBefore)
        feelingBefore = try container.decodeIfPresent(Int.self, forKey: .feelingBefore)
        mindful = try container.decodeIfPresent(String.self, forKey: .mindful) ?? ""
        commonHumanity = try container.decodeIfPresent(String.self, forKey: .commonHumanity) ?? ""
        friend = try container.decodeIfPresent(String.self, forKey: .friend) ?? ""
        beliefAfter = try container.decodeIfPresent(Int.self, forKey: .beliefAfter)
        feelingAfter = try container.decodeIfPresent(Int.self, forKey: .feelingAfter)
    }

    /// Whether the client has written any of the kinder response yet.
    public var hasResponse: Bool { !(mindful.isEmpty && commonHumanity.isEmpty && friend.isEmpty) }

    public typealias Problem = FieldProblem

    /// Trims the edges and says what can't be kept, naming the field.
    public func validated() -> (record: ThoughtRecord, problems: [Problem]) {
        func clean(_ text: String) -> String {
            text.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var record = self
        record.thought = clean(thought)
        record.mindful = clean(mindful)
        record.commonHumanity = clean(commonHumanity)
        record.friend = clean(friend)
        var problems: [Problem] = []
        if record.thought.isEmpty {
            problems.append(Problem(field: "thought", message: "Please write the thought down first, in the words your mind uses."))
        }
        for (field, text) in [("thought", record.thought), ("mindful", record.mindful), ("commonHumanity", record.commonHumanity),
                              ("friend", record.friend)] where text.count > Self.maximumLength {
            problems.append(Problem(field: field, message: "Please keep each answer under \(Self.maximumLength) characters."))
        }
        for (field, value) in [("beliefBefore", beliefBefore), ("beliefAfter", beliefAfter)] {
            if let value, !(0...100).contains(value) {
                problems.append(Problem(field: field, message: "How much you believe it should be from 0 to 100."))
            }
        }
        for (field, value) in [("feelingBefore", feelingBefore), ("feelingAfter", feelingAfter)] {
            if let value, !(0...10).contains(value) {
                problems.append(Problem(field: field, message: "How bad it feels should be from 0 to 10."))
            }
        }
        return (record, problems)
    }
}
