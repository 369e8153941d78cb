import Foundation

/// One stretch of harsh language in a thought the person wrote, with a warm sentence on why it
/// may matter. The range points into the text exactly as it was typed.
public struct ThoughtHighlight: Sendable, Equatable {
    /// The kinds of harsh self-talk the thought coach points out. The raw value is a CSS class.
    public enum Kind: String, Sendable, CaseIterable {
        /// All-or-nothing words: always, never, everyone, nothing, every time.
        case absolutist
        /// Insults aimed at oneself: idiot, stupid, loser, "I hate myself".
        case nameCalling = "name-calling"
        /// Demands on oneself: should, must, ought to, supposed to, have to be.
        case demand
        /// A verdict on the whole self: "I'm a failure", "I'm not good enough".
        case selfLabel = "self-label"
        /// Jumping to the worst: ruined, a disaster, can't cope.
        case catastrophising

        /// A short name a person can read next to the highlight.
        public var title: String {
            switch self {
            case .absolutist: "All-or-nothing word"
            case .nameCalling: "Harsh name"
            case .demand: "Should or must"
            case .selfLabel: "Label about yourself"
            case .catastrophising: "Worst-case word"
            }
        }
    }

    public var kind: Kind
    /// Where the words are in the original text.
    public var range: Range<String.Index>
    /// The words as typed (the original text at `range`).
    public var text: String
    /// One plain, warm sentence on why these words may matter.
    public var explanation: String

    public init(kind: Kind, range: Range<String.Index>, text: String, explanation: String) {
        self.kind = kind
        self.range = range
        self.text = text
        self.explanation = explanation
    }
}

/// A piece of a thought, in order: either plain text or a highlighted stretch. Joined, the
/// segments are the thought exactly as typed, so a view can wrap each highlight in `<mark>`.
public struct ThoughtSegment: Sendable, Equatable {
    public var text: String
    public var highlight: ThoughtHighlight?

    public init(text: String, highlight: ThoughtHighlight?) {
        self.text = text
        self.highlight = highlight
    }
}
