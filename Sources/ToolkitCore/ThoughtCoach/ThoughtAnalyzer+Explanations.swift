import Foundation

/// The sentence shown with each highlight: one plain, warm sentence on why the words may matter.
/// None of them diagnoses or blames; they point at the words, not at the person. `{words}` is
/// replaced by the highlighted words in quotation marks.
extension ThoughtAnalyzer {
    static let absolutistExplanations = [
        "Words like {words} can turn one hard moment into the whole story.",
        "All-or-nothing words like {words} leave no room for the times it went a bit better.",
        "Saying {words} paints with a very wide brush, and real life is often more mixed.",
    ]

    static let nameExplanations = [
        "Calling yourself names can sting as much as hearing them from someone else.",
        "This is a name you would likely never call a friend who had the same slip.",
        "Harsh names add pain and leave out all the other things that are true about you.",
    ]

    static let selfHateExplanations = [
        "Turning this much anger on yourself hurts, and you might ask what the hurting part of you needs.",
        "Words this harsh weigh a lot, and you deserve the same care you would give someone you love.",
    ]

    static let demandExplanations = [
        "Words like {words} can turn a hope into a rule, and a broken rule tends to bring blame.",
        "Words like {words} can add pressure, as if there were only one right way to be.",
        "You might try swapping {words} for \u{201C}could\u{201D} or \u{201C}would like to\u{201D} and notice if it feels softer.",
    ]

    static let hindsightExplanations = [
        "Looking back with {words} judges the past by what you know now, not what you knew then.",
        "Thinking {words} can keep you stuck on a past that nobody can change now.",
    ]

    static let labelExplanations = [
        "A label like this sums up a whole person from one moment, and you are more than one moment.",
        "This sounds like a verdict on all of you, when it may be about one hard thing.",
        "Labels tend to stick, so it may help to name what happened rather than who you are.",
    ]

    static let catastropheExplanations = [
        "When things hurt, the mind can leap to the worst ending before all the facts are in.",
        "Words like {words} can make a setback feel final, even when it can still be mended.",
        "Big words like this can make a hard day feel like the end of the story.",
    ]

    /// One of the rule's sentences, picked by the words themselves so the same words always get
    /// the same sentence, and different words in one thought tend to get different ones.
    static func explanation(from choices: [String], for words: String) -> String {
        let spoken = words.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
        let pick = spoken.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xFFFF } % choices.count
        return choices[pick].replacingOccurrences(of: "{words}", with: "\u{201C}\(spoken)\u{201D}")
    }
}
