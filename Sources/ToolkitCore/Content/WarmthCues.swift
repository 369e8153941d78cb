import Foundation

/// Finds practice steps that turn warmth, kindness or compassion toward the person doing them.
///
/// Such steps can bring up old pain at first (backdraft), so each one must say how to step back.
/// The content check uses this to make sure none is missed.
///
/// How it decides: the text is lower-cased, curly quotes are made straight and runs of white
/// space become one space; then it is matched against the fixed phrase patterns below, family by
/// family, and the first family that matches is the answer. There is no scoring and no
/// randomness: the same text always gives the same answer. The patterns look for warmth *aimed
/// at oneself* (kind words to yourself, a hand on the heart, a kind voice or figure, "may I..."
/// wishes, a kind letter to yourself). Words that only describe the senses or the breath ("a warm
/// mug", "tell yourself where you are", "breathe out for 6") are not cues, so plain grounding and
/// breathing steps do not match.
///
/// It errs toward finding a cue: a step back on a step that did not strictly need one does no harm.
public enum WarmthCues {
    /// The kinds of self-directed warmth the patterns look for.
    public enum Cue: String, Sendable, CaseIterable {
        case soothingTouch = "soothing touch"
        case kindWords = "kind words to yourself"
        case kindWishes = "kind wishes for yourself"
        case supportiveVoice = "a kind voice, figure or image"
        case compassionateLetter = "a kind letter to yourself"
    }

    /// The first kind of self-directed warmth found in `text`, or nil when there is none.
    public static func cue(in text: String) -> Cue? {
        let normalized = normalize(text)
        let range = NSRange(normalized.startIndex..., in: normalized)
        return patterns.first { _, expressions in
            expressions.contains { $0.firstMatch(in: normalized, range: range) != nil }
        }?.cue
    }

    /// Whether `text` turns warmth toward oneself.
    public static func turnsWarmthInward(_ text: String) -> Bool { cue(in: text) != nil }

    static func normalize(_ text: String) -> String {
        text.lowercased()
            .replacingOccurrences(of: "\u{2019}", with: "'")
            .replacingOccurrences(of: "\u{2018}", with: "'")
            .replacingOccurrences(of: "\u{201C}", with: "\"")
            .replacingOccurrences(of: "\u{201D}", with: "\"")
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Words for a warm quality, used before a noun ("a kind voice", "a warm smile").
    private static let warm = "kind|kinder|kindest|warm|warmer|gentle|supportive|compassionate|caring|loving|friendly|soothing|comforting|wise"
    private static let me = "yourself|myself|me|you"

    /// Most specific family first, so a letter is named as a letter even when it also has a kind voice.
    private static let patterns: [(cue: Cue, expressions: [NSRegularExpression])] = [
        (.compassionateLetter, compile([
            #"\b(?:compassionate|kind|caring|loving|warm) letter\b"#,
            #"\bletter to (?:yourself|myself)\b"#,
        ])),
        (.soothingTouch, compile([
            // "rest a hand on your heart", "one hand over the middle of your chest"
            #"\bhands? (?:on|over) (?:the middle of )?(?:your|my) (?:own )?(?:heart|chest|cheek|arm|belly|face|forearm|shoulder)"#,
            #"\bhand on heart\b"#,
            #"\bhold(?:ing)? (?:your|my) own hand\b"#,
            #"\bone hand in the other\b"#,
            #"\bhug\b"#,
            #"\bstroke (?:your|my)\b"#,
            #"\bcup (?:one|your|my) cheek\b"#,
            #"\b(?:soothing|gentle|kind|comforting|caring) (?:touch|gesture)\b"#,
        ])),
        (.kindWishes, compile([
            #"\bmay (?:i|we|all of us)\b"#,
            #"\bi hope i\b"#,
            #"\bloving[- ]kindness\b"#,
            #"\b(?:kind|warm|good) wish(?:es)?\b"#,
            #"\bwish(?:es|ing)? (?:\#(me)) well\b"#,
            // "let the same words turn toward you"
            #"\bturns? (?:toward|towards) (?:\#(me))\b"#,
        ])),
        (.kindWords, compile([
            #"\b(?:\#(warm)) (?:thing|things|word|words|thought|thoughts|sentence|phrase|phrases|note|message)\b"#,
            #"\b(?:offer|send) (?:yourself|myself|your body)\b"#,
            // "give yourself some kindness", but not "give yourself a moment"
            #"\b(?:give|show) (?:yourself|myself) (?:some |a little |a bit of )?(?:kindness|care|compassion|warmth|love|comfort)\b"#,
            #"\b(?:kindness|warmth|care|compassion|goodwill|love|tenderness) (?:to|toward|towards|for|into) (?:yourself|myself)\b"#,
            #"\bbreathe in (?:kindness|warmth|care|compassion)\b"#,
            #"\b(?:be|being) (?:kind|kinder|gentle|warm) (?:to|with|toward) (?:yourself|myself)\b"#,
            #"\bgo easy on (?:yourself|myself)\b"#,
            #"\b(?:same|their) words (?:to|for) (?:yourself|myself)\b"#,
            #"\bspeak(?:ing)? to (?:yourself|myself) (?:as|like|the way|kindly|gently)\b"#,
            // "be on your own side", "they are on your side", but not "lie on your side"
            #"\bon (?:your|my) own side\b"#,
            #"\b(?:are|is|be|being|stay|stays) on (?:your|my) side\b"#,
            #"\bi've got you\b"#,
            #"\bi'm (?:here )?(?:with|for) you\b"#,
            #"\byou're still okay\b"#,
            #"\bit makes sense that i\b"#,
            #"\b(?:this|it) is not your fault\b"#,
            #"\bunderstands? (?:why|how) you\b"#,
            // "note it kindly", "treat yourself kindly"
            #"\b(?:note|notice|treat|speak|say|talk)\w* (?:to )?(?:it |them |this |that |yourself |myself )?kindly\b"#,
        ])),
        (.supportiveVoice, compile([
            // "a kind voice", "a kinder, steadier voice", "the wise and kind part of you"
            #"\b(?:\#(warm))(?:,? (?:and )?(?!of\b)[a-z]+)? (?:voice|self|part|friend|figure|presence|face|smile|tone|coach|companion|version|interest|attitude)\b"#,
            #"\b(?:voice|words|tone|face|eyes) (?:is|are|was|were|sounds) (?:warm|kind|gentle|friendly|loving|soft)\b"#,
            #"\bsomeone (?:who is |who was )?(?:kind|caring|loving|warm)\b"#,
            #"\b(?:a|your) (?:good |kind |close |dear )?friend would\b"#,
            #"\bwhat would (?:they|he|she|it|your friend|this friend|that person) say\b"#,
            #"\blooks? at you\b"#,
            #"\b(?:welcomes|accepts|cares about|care about|is glad) you\b"#,
        ])),
    ]

    private static func compile(_ sources: [String]) -> [NSRegularExpression] {
        // The patterns are fixed at build time; a typo in one is a programming error.
        sources.map { try! NSRegularExpression(pattern: $0) }
    }
}
