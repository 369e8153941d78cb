import Foundation

/// Points out harsh language in a self-critical thought, with one warm sentence per highlight
/// on why those words may matter. It never diagnoses and never scores the person.
///
/// How it decides, step by step, the same way every time:
/// 1. **Words.** The thought is split into words (letters and digits in any script; emoji and
///    symbols only separate words). Each word is lower-cased, curly apostrophes are made straight
///    and contractions are opened ("I’m" reads as "i am", "can't" as "can not"). Every word keeps
///    the range it came from, so highlights always point into the text exactly as typed.
/// 2. **Clauses.** Punctuation, line breaks and joining words ("but", "and", "because") split
///    the thought into clauses. No rule looks across a clause break.
/// 3. **Rules.** Fixed word lists and phrase patterns (regular expressions over the words) find
///    five kinds of harsh language: labels on the whole self ("I'm a failure"), harsh names
///    ("idiot", "I hate myself"), demands ("should", "must", "supposed to"), jumps to the worst
///    ("ruined", "a disaster") and all-or-nothing words ("always", "nobody").
/// 4. **Context.** A match is dropped when:
///    - it is turned around by "not", "never" or "no one" just before it ("I'm not a failure",
///      "that doesn't make you an idiot", "I used to think I was stupid");
///    - it is kind: "should" before rest, care or help ("you should be proud"), "always" or
///      "never" in a kind phrase ("never too late", "always there for me"), "completely normal";
///    - its clause is about what all people share ("everyone makes mistakes", "nobody's
///      perfect", "a stupid mistake anyone could make");
///    - its clause already steps back from the thought ("I'm having the thought that...",
///      "my critic says...");
///    - it is an everyday all-or-nothing word in a sentence that is not otherwise harsh ("I
///      always have coffee"; but "I always mess up"): see `absolutistRules`.
/// 5. **One highlight per stretch.** Highlights never overlap: where two rules cover the same
///    words, the one that starts first (then the longer one) is kept, so "I'm always a
///    failure" is one label rather than a label with a word inside it.
///
/// It errs toward staying quiet: a missed harsh word costs less than marking a kind sentence.
public enum ThoughtAnalyzer {
    /// The highlights in `text`, in order, never overlapping.
    public static func analyze(_ text: String) -> [ThoughtHighlight] {
        let reading = Reading(tokens: tokens(text))
        guard !reading.tokens.isEmpty else { return [] }
        let quietClauses = reading.clauses(matchingAnyOf: compiled.quietClauses)
        var found: [(span: ClosedRange<Int>, order: Int, rule: Rule)] = []
        for (order, (rule, expression)) in compiled.rules.enumerated() {
            for match in expression.matches(in: reading.text, range: reading.wholeText) {
                guard let span = reading.tokenSpan(of: match.range(at: 1)),
                      !quietClauses.contains(reading.clause[span.lowerBound]),
                      !(rule.checksNegation && reading.isNegated(before: span.lowerBound))
                else { continue }
                found.append((span, order, rule))
            }
        }
        // A sentence is harsh when it has a hurt word ("it isn't my fault" does not count) or a
        // highlight that needs nothing else.
        let harshSentences = reading.sentences(withUnnegatedMatchOf: compiled.hurtWords)
            .union(found.filter { $0.rule.needs == .nothing }.map { reading.sentence[$0.span.lowerBound] })
        let kept = found.filter { candidate in
            let harsh = harshSentences.contains(reading.sentence[candidate.span.lowerBound])
            switch candidate.rule.needs {
            case .nothing: return true
            case .harshSentence: return harsh
            case .harshSentenceOrAboutMe: return harsh || reading.isAboutMe(candidate.span.lowerBound)
            }
        }
        return nonOverlapping(kept.map { (reading.originalRange(of: $0.span), $0.order, $0.rule) }, in: text)
    }

    /// The earliest-starting, then longest, candidate wins each stretch of text.
    private static func nonOverlapping(_ candidates: [(range: Range<String.Index>, order: Int, rule: Rule)], in text: String) -> [ThoughtHighlight] {
        let sorted = candidates.sorted { a, b in
            if a.range.lowerBound != b.range.lowerBound { return a.range.lowerBound < b.range.lowerBound }
            if a.range.upperBound != b.range.upperBound { return a.range.upperBound > b.range.upperBound }
            return a.order < b.order
        }
        var highlights: [ThoughtHighlight] = []
        for candidate in sorted where highlights.last.map({ $0.range.upperBound <= candidate.range.lowerBound }) ?? true {
            let words = String(text[candidate.range])
            highlights.append(ThoughtHighlight(kind: candidate.rule.kind, range: candidate.range, text: words,
                                               explanation: explanation(from: candidate.rule.explanations, for: words)))
        }
        return highlights
    }

    /// The whole of `text` in order, split into plain and highlighted pieces.
    public static func segments(_ text: String) -> [ThoughtSegment] {
        var segments: [ThoughtSegment] = []
        var position = text.startIndex
        for highlight in analyze(text) {
            if position < highlight.range.lowerBound {
                segments.append(ThoughtSegment(text: String(text[position..<highlight.range.lowerBound]), highlight: nil))
            }
            segments.append(ThoughtSegment(text: highlight.text, highlight: highlight))
            position = highlight.range.upperBound
        }
        if position < text.endIndex { segments.append(ThoughtSegment(text: String(text[position...]), highlight: nil)) }
        return segments
    }

    /// Every pattern, compiled once. A compiled expression never changes, so sharing it between
    /// threads is safe even where Foundation does not mark it Sendable.
    struct CompiledPatterns: @unchecked Sendable {
        let rules: [(rule: Rule, expression: NSRegularExpression)]
        let quietClauses: [NSRegularExpression]
        let hurtWords: NSRegularExpression
    }

    // The patterns are fixed text in this module; a broken one is a programming error the tests catch.
    static let compiled = CompiledPatterns(
        rules: rules.map { ($0, try! NSRegularExpression(pattern: $0.pattern)) },
        quietClauses: (commonHumanity + steppingBack).map { try! NSRegularExpression(pattern: $0) },
        hurtWords: try! NSRegularExpression(pattern: hurtWords)
    )
}

extension ThoughtAnalyzer {
    /// The words joined by spaces for the patterns to run over, with where each word starts and
    /// which clause it is in.
    struct Reading {
        let tokens: [Token]
        let text: String
        /// Where each token starts in `text`, in UTF-16 units (as `NSRange` counts).
        let starts: [Int]
        let clause: [Int]
        let sentence: [Int]
        /// Sentences with "me", "my", "myself" or "mine" in them.
        let sentencesAboutMe: Set<Int>
        var wholeText: NSRange { NSRange(location: 0, length: (text as NSString).length) }

        init(tokens: [Token]) {
            self.tokens = tokens
            var starts: [Int] = [], clause: [Int] = [], sentence: [Int] = []
            var offset = 0, clauseNumber = 0, sentenceNumber = 0
            for token in tokens {
                if token.isClauseBreak { clauseNumber += 1 }
                if token.endsSentence { sentenceNumber += 1 }
                starts.append(offset)
                clause.append(clauseNumber)
                sentence.append(sentenceNumber)
                offset += token.word.utf16.count + 1
            }
            self.starts = starts
            self.clause = clause
            self.sentence = sentence
            let mine: Set<String> = ["me", "my", "myself", "mine"]
            sentencesAboutMe = Set(tokens.indices.filter { mine.contains(tokens[$0].word) }.map { sentence[$0] })
            text = tokens.map(\.word).joined(separator: " ")
        }

        /// The tokens a match covers, or nil when it covers none.
        func tokenSpan(of range: NSRange) -> ClosedRange<Int>? {
            guard range.location != NSNotFound, range.length > 0 else { return nil }
            let first = lastToken(startingAtOrBefore: range.location)
            let last = lastToken(startingAtOrBefore: range.location + range.length - 1)
            guard first <= last, !tokens[first].isClauseBreak, !tokens[last].isClauseBreak else { return nil }
            return first...last
        }

        func originalRange(of span: ClosedRange<Int>) -> Range<String.Index> {
            tokens[span.lowerBound].range!.lowerBound..<tokens[span.upperBound].range!.upperBound
        }

        private func lastToken(startingAtOrBefore offset: Int) -> Int {
            var low = 0, high = starts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            return low
        }

        /// Whether a negation comes just before the token, with only small words between.
        func isNegated(before index: Int) -> Bool {
            var position = index - 1
            while position >= 0, index - position <= 8, !tokens[position].isClauseBreak {
                let word = tokens[position].word
                if negations.contains(word) { return true }
                guard wordsBetweenNegationAndHarshWord.contains(word) else { return false }
                position -= 1
            }
            return false
        }

        /// Whether the sentence is about me ("nobody likes me") or "I" comes just before the word
        /// in its clause ("I never finish anything", "I will never").
        func isAboutMe(_ index: Int) -> Bool {
            if sentencesAboutMe.contains(sentence[index]) { return true }
            return (max(0, index - 3)..<index).contains { tokens[$0].word == "i" && clause[$0] == clause[index] }
        }

        /// The sentences where the expression matches without a negation just before it.
        func sentences(withUnnegatedMatchOf expression: NSRegularExpression) -> Set<Int> {
            Set(expression.matches(in: text, range: wholeText).compactMap { match in
                guard let span = tokenSpan(of: match.range), !isNegated(before: span.lowerBound) else { return nil }
                return sentence[span.lowerBound]
            })
        }

        /// The numbers of the clauses that any of the patterns match in.
        func clauses(matchingAnyOf patterns: [NSRegularExpression]) -> Set<Int> {
            var found: Set<Int> = []
            for pattern in patterns {
                for match in pattern.matches(in: text, range: wholeText) {
                    if let span = tokenSpan(of: match.range) { found.insert(clause[span.lowerBound]) }
                }
            }
            return found
        }
    }
}
