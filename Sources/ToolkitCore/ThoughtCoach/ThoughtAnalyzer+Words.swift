import Foundation

extension ThoughtAnalyzer {
    /// A word as the rules read it, or the break between two clauses.
    ///
    /// Each word is lower case with its apostrophes straightened, and a contraction is opened
    /// into its parts ("I’m" reads as "i am", "can't" as "can not"). Every part keeps the range
    /// of the word it came from in the original text, so a highlight can never drift off it.
    struct Token {
        /// The word, or `Token.clauseBreak`.
        var word: String
        /// Where the word is in the original text; nil for a clause break.
        var range: Range<String.Index>?
        /// Whether this clause break also ends a sentence (. ! ? or a new line).
        var endsSentence = false

        static let clauseBreak = "|"
        var isClauseBreak: Bool { range == nil }
    }

    /// The words of `text` in order, with a clause break wherever punctuation or a joining word
    /// ("but", "and", "because") starts a new thought. Rules never look across a clause break,
    /// so "Everyone makes mistakes, but I always mess up" is read as two separate clauses.
    static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        func addBreak(endingSentence: Bool = false) {
            guard let last = tokens.last else { return }
            if last.isClauseBreak {
                tokens[tokens.count - 1].endsSentence = last.endsSentence || endingSentence
            } else {
                tokens.append(Token(word: Token.clauseBreak, range: nil, endsSentence: endingSentence))
            }
        }
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard isWordCharacter(character) else {
                if character.isNewline || sentenceEnds.contains(character) {
                    addBreak(endingSentence: true)
                } else if breaksClause(at: index, in: text) {
                    addBreak()
                }
                index = text.index(after: index)
                continue
            }
            var end = text.index(after: index)
            while end < text.endIndex {
                if isWordCharacter(text[end]) {
                    end = text.index(after: end)
                } else if isApostrophe(text[end]), text.index(after: end) < text.endIndex, text[text.index(after: end)].isLetter {
                    end = text.index(end, offsetBy: 2)
                } else {
                    break
                }
            }
            let range = index..<end
            for word in readings(of: String(text[range])) {
                if joiningWords.contains(word), !joinsAStockPhrase(word, after: tokens.last?.word ?? "") {
                    addBreak()
                } else {
                    tokens.append(Token(word: word, range: range))
                }
            }
            index = end
        }
        if tokens.last?.isClauseBreak == true { tokens.removeLast() }
        return tokens
    }

    /// Letters and digits in any script make up words; emoji and symbols only separate them.
    private static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    private static let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`"]
    private static func isApostrophe(_ character: Character) -> Bool { apostrophes.contains(character) }
    private static let sentenceEnds: Set<Character> = [".", "!", "?", "\u{2026}"]
    private static let clausePunctuation: Set<Character> = [",", ";", ":", "(", ")", "[", "]", "{", "}", "\u{2014}", "\u{2013}"]

    /// Clause punctuation, and a dash standing alone between spaces.
    private static func breaksClause(at index: String.Index, in text: String) -> Bool {
        let character = text[index]
        if clausePunctuation.contains(character) { return true }
        guard character == "-" else { return false }
        let before = index > text.startIndex ? text[text.index(before: index)] : " "
        let afterIndex = text.index(after: index)
        let after = afterIndex < text.endIndex ? text[afterIndex] : " "
        return before.isWhitespace && after.isWhitespace
    }

    /// "Nothing but", "complete and utter", "sick and tired": joining words inside a stock phrase.
    private static func joinsAStockPhrase(_ word: String, after previous: String) -> Bool {
        switch word {
        case "but": ["nothing", "anything", "all", "none"].contains(previous)
        case "and": ["complete", "total", "absolute", "sick", "over", "again", "more", "better", "worse", "on"].contains(previous)
        default: false
        }
    }

    /// Words that join two clauses; each starts a new one.
    private static let joiningWords: Set<String> = [
        "and", "but", "yet", "although", "though", "because", "cos", "cuz", "however", "whereas", "or",
    ]

    /// The word as the rules read it: lower case, straight apostrophes, contractions opened.
    static func readings(of word: String) -> [String] {
        var lowered = word.lowercased()
        if lowered.contains(where: { $0 != "'" && apostrophes.contains($0) }) {
            lowered = String(lowered.map { apostrophes.contains($0) ? "'" : $0 })
        }
        if let parts = contractions[lowered] { return parts }
        let endings: [(String, String)] = [("n't", "not"), ("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'d", "would"), ("'m", "am")]
        for (ending, meaning) in endings where lowered.hasSuffix(ending) && lowered.count > ending.count {
            return [String(lowered.dropLast(ending.count)), meaning]
        }
        if lowered.hasSuffix("'s") {
            let stem = String(lowered.dropLast(2))
            return subjectsOfIs.contains(stem) ? [stem, "is"] : [stem]
        }
        return [lowered.contains("'") ? lowered.filter { $0 != "'" } : lowered]
    }

    /// Contractions the general endings above would read wrongly, and ones people type without
    /// an apostrophe ("im", "cant", "shouldve").
    private static let contractions: [String: [String]] = [
        "i'm": ["i", "am"], "im": ["i", "am"], "ive": ["i", "have"], "can't": ["can", "not"], "cant": ["can", "not"],
        "cannot": ["can", "not"], "won't": ["will", "not"], "wont": ["will", "not"], "ain't": ["am", "not"],
        "shan't": ["shall", "not"], "dont": ["do", "not"], "doesnt": ["does", "not"], "didnt": ["did", "not"],
        "isnt": ["is", "not"], "arent": ["are", "not"], "wasnt": ["was", "not"], "werent": ["were", "not"],
        "havent": ["have", "not"], "hasnt": ["has", "not"], "hadnt": ["had", "not"], "shouldnt": ["should", "not"],
        "couldnt": ["could", "not"], "wouldnt": ["would", "not"], "mustnt": ["must", "not"], "youre": ["you", "are"],
        "youve": ["you", "have"], "shouldve": ["should", "have"], "couldve": ["could", "have"],
        "wouldve": ["would", "have"], "mustve": ["must", "have"], "thats": ["that", "is"], "theres": ["there", "is"],
        "gotta": ["got", "to"], "noone": ["no", "one"], "everytime": ["every", "time"], "nobodys": ["nobody", "is"],
        "i'd've": ["i", "would", "have"],
    ]

    /// Words whose "'s" is usually "is" ("it's", "nobody's perfect") rather than "belongs to".
    private static let subjectsOfIs: Set<String> = [
        "it", "that", "there", "here", "what", "who", "he", "she", "this", "everyone", "everybody", "nobody",
        "everything", "nothing", "life", "someone", "somebody", "one", "where", "how",
    ]
}
