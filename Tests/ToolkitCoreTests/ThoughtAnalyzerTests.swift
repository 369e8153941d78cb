import Foundation
import Testing
@testable import ToolkitCore

@Suite struct ThoughtAnalyzerTests {
    /// Lower case with straight apostrophes, so expectations can be written plainly.
    private func plain(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "\u{2019}", with: "'")
    }

    private func describe(_ highlights: [ThoughtHighlight]) -> String {
        highlights.map { "\($0.kind.rawValue): \($0.text)" }.joined(separator: "; ")
    }

    @Test func theCorpusIsLargeEnough() {
        #expect(ThoughtCorpus.harsh.count >= 60)
        #expect(ThoughtCorpus.kind.count >= 60)
    }

    @Test(arguments: [ThoughtCorpus.harsh, ThoughtSecondCorpus.harsh])
    func everyHarshThoughtGetsItsHighlights(thoughts: [ThoughtCorpus.Harsh]) {
        for thought in thoughts {
            let highlights = ThoughtAnalyzer.analyze(thought.text)
            for expected in thought.expected {
                let found = highlights.contains { $0.kind == expected.kind && plain($0.text).contains(plain(expected.word)) }
                #expect(found, "\(thought.text): expected \(expected.kind.rawValue) on \"\(expected.word)\", got [\(describe(highlights))]")
            }
        }
    }

    @Test(arguments: [ThoughtCorpus.kind, ThoughtSecondCorpus.kind])
    func kindAndNeutralSentencesGetNoHighlights(sentences: [String]) {
        for sentence in sentences {
            let highlights = ThoughtAnalyzer.analyze(sentence)
            #expect(highlights.isEmpty, "\(sentence): [\(describe(highlights))]")
        }
    }

    @Test func turnedAroundLabelsAreLeftAlone() {
        // setup
        let turnedAround = ["I'm not a failure", "I’m not useless", "I don't think I'm stupid", "It doesn't mean I'm a failure",
                            "You're no failure", "Nobody thinks you're an idiot", "I'm not a loser"]
        // check
        for sentence in turnedAround {
            #expect(ThoughtAnalyzer.analyze(sentence).isEmpty, "\(sentence)")
        }
        #expect(ThoughtAnalyzer.analyze("I'm a failure").map(\.kind) == [.selfLabel])
    }

    @Test func rangesPointIntoTheTextAsTyped() {
        for text in allTexts + awkwardTexts {
            let highlights = ThoughtAnalyzer.analyze(text)
            for highlight in highlights {
                #expect(String(text[highlight.range]) == highlight.text, "\(text)")
            }
            for (earlier, later) in zip(highlights, highlights.dropFirst()) {
                #expect(earlier.range.upperBound <= later.range.lowerBound, "overlap in \(text)")
            }
        }
    }

    @Test func curlyApostrophesAndEmojiKeepTheirPlace() {
        // setup
        let text = "😞👩🏽‍💻 I\u{2019}m such an idiot\u{2026} and I\u{2019}ll never be good enough 💔 I shouldn\u{2019}t have said it"
        // act
        let highlights = ThoughtAnalyzer.analyze(text)
        // check
        #expect(highlights.map(\.text) == ["idiot", "I\u{2019}ll never be good enough", "shouldn\u{2019}t have"])
        #expect(highlights.map(\.kind) == [.nameCalling, .selfLabel, .demand])
        #expect(highlights.allSatisfy { String(text[$0.range]) == $0.text })
    }

    @Test func segmentsRebuildTheWholeThought() {
        for text in allTexts + awkwardTexts {
            let segments = ThoughtAnalyzer.segments(text)
            #expect(segments.map(\.text).joined() == text, "\(text)")
            #expect(segments.compactMap(\.highlight) == ThoughtAnalyzer.analyze(text))
            #expect(!segments.contains { $0.text.isEmpty })
        }
        #expect(ThoughtAnalyzer.segments("").isEmpty)
    }

    @Test func segmentsMarkOnlyTheHarshWords() {
        let segments = ThoughtAnalyzer.segments("Honestly, I always mess up.")
        #expect(segments.map(\.text) == ["Honestly, I ", "always", " mess up."])
        #expect(segments.map { $0.highlight?.kind } == [nil, .absolutist, nil])
    }

    @Test func theSameThoughtAlwaysGetsTheSameAnswer() {
        for text in allTexts {
            #expect(ThoughtAnalyzer.analyze(text) == ThoughtAnalyzer.analyze(text))
        }
    }

    @Test func textThatIsNotEnglishOrNotWordsIsSafe() {
        for text in awkwardTexts {
            _ = ThoughtAnalyzer.analyze(text)
        }
        #expect(ThoughtAnalyzer.analyze("").isEmpty)
        #expect(ThoughtAnalyzer.analyze("   \n\t ").isEmpty)
        #expect(ThoughtAnalyzer.analyze("😞😞😞").isEmpty)
        #expect(ThoughtAnalyzer.analyze("我总是把事情搞砸").isEmpty)
    }

    @Test func aLongThoughtIsReadWhole() {
        // setup: about 10,000 characters of mixed thoughts
        var long = ""
        let pieces = allTexts
        var index = 0
        while long.count < 10_000 {
            long += pieces[index % pieces.count] + (index % 3 == 0 ? "\n" : " ")
            index += 1
        }
        _ = ThoughtAnalyzer.analyze("I always mess up")  // the patterns are compiled on first use
        // act
        let clock = ContinuousClock()
        var highlights: [ThoughtHighlight] = []
        let elapsed = clock.measure { highlights = ThoughtAnalyzer.analyze(long) }
        // check: the work is done and correct; the time is reported, not asserted
        print("ThoughtAnalyzer: \(long.count) characters, \(highlights.count) highlights in \(elapsed)")
        #expect(highlights.count > 100)
        #expect(highlights.allSatisfy { String(long[$0.range]) == $0.text })
        #expect(ThoughtAnalyzer.segments(long).map(\.text).joined() == long)
    }

    @Test func everyExplanationIsOnePlainSentence() {
        var explanations: Set<String> = []
        for text in allTexts {
            for highlight in ThoughtAnalyzer.analyze(text) { explanations.insert(highlight.explanation) }
        }
        for explanation in explanations {
            #expect(explanation.hasSuffix("."), "\(explanation)")
            #expect(!explanation.dropLast().contains { ".!?".contains($0) }, "more than one sentence: \(explanation)")
        }
        // The reading grade of our own words, measured with a short word where the person's goes.
        for template in Set(ThoughtAnalyzer.rules.flatMap(\.explanations)) {
            let grade = Readability.fleschKincaidGrade(ThoughtAnalyzer.explanation(from: [template], for: "should"))
            #expect(grade <= 7.5, "grade \(grade): \(template)")
        }
    }

    @Test func eachKindHasItsOwnExplanations() {
        let byKind = Dictionary(grouping: ThoughtAnalyzer.rules, by: \.kind).mapValues { Set($0.flatMap(\.explanations)) }
        #expect(byKind.count == ThoughtHighlight.Kind.allCases.count)
        for (kind, sentences) in byKind {
            for (other, otherSentences) in byKind where other != kind {
                #expect(sentences.isDisjoint(with: otherSentences), "\(kind) and \(other) share an explanation")
            }
        }
    }

    @Test func kindsNameACssClass() {
        for kind in ThoughtHighlight.Kind.allCases {
            #expect(kind.rawValue.allSatisfy { $0.isLowercase || $0 == "-" }, "\(kind.rawValue)")
            #expect(!kind.title.isEmpty)
        }
    }

    @Test func everyRuleIsAValidPatternWithOneHighlight() {
        let compiled = ThoughtAnalyzer.compiled
        #expect(compiled.rules.count == ThoughtAnalyzer.rules.count)
        for (rule, expression) in compiled.rules {
            #expect(expression.numberOfCaptureGroups == 1, "\(rule.pattern)")
        }
        #expect(compiled.quietClauses.count == ThoughtAnalyzer.commonHumanity.count + ThoughtAnalyzer.steppingBack.count)
    }

    @Test func contractionsAreOpenedButKeepTheirWord() {
        let tokens = ThoughtAnalyzer.tokens("I\u{2019}m sure I can't, won't, shouldve")
        #expect(tokens.map(\.word) == ["i", "am", "sure", "i", "can", "not", "|", "will", "not", "|", "should", "have"])
        #expect(tokens.filter { !$0.isClauseBreak }.allSatisfy { $0.range != nil })
    }

    private var allTexts: [String] {
        (ThoughtCorpus.harsh + ThoughtSecondCorpus.harsh).map(\.text) + ThoughtCorpus.kind + ThoughtSecondCorpus.kind
    }

    /// Text that must not crash or shift ranges: other scripts, right-to-left, combining marks,
    /// joined emoji, stray apostrophes and quotes, odd spacing.
    private var awkwardTexts: [String] {
        [
            "", " ", "'", "’’’", "I'", "'I'm'", "—", "...", "I’m such an idiot 👨‍👩‍👧‍👦",
            "Je suis nul, je rate toujours tout", "أنا فاشل دائماً", "אני תמיד טועה", "私はいつも失敗する",
            "I'm a fai\u{0301}lure", "café idiot naïve", "I ' m stupid", "I’m — always — a failure",
            "🙂I'm🙂stupid🙂", "I'm\u{200B}stupid", "IDIOT!!!", "i\nam\nso\nstupid", "never\u{00A0}ever",
            "I'm a failure\r\nI'm a failure", "👍🏽 everyone hates me 👎🏽", "\u{FEFF}I'm useless",
        ]
    }
}
