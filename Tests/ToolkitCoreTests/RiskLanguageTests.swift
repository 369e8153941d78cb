import Testing
@testable import ToolkitCore

@Suite struct RiskLanguageTests {
    @Test func thePhrasesPeopleNameAreHeard() {
        for query in ["suicide", "Suicidal thoughts", "self-harm", "self harm", "selfharm", "I want to die",
                      "I can't go on", "i cant go on", "kill myself", "kill my self", "I WANT TO KILL MYSELF"] {
            #expect(RiskLanguage.detects(query), "\(query)")
        }
    }

    @Test func commonMisspellingsAndNumbersForLettersAreHeard() {
        for query in ["sucide", "suicde", "suiside", "suacide", "sucidal thoughts", "su1cide", "suicidle"] {
            #expect(RiskLanguage.detects(query), "\(query)")
        }
    }

    @Test func everydayWordsThatShareASoundAreNotFlagged() {
        for query in ["this deadline is killing me", "cut back on sugar", "the swelling won't subside", "suitcase packing anxiety",
                      "i couldn't wake up this morning", "harmful self-talk", "my dog died"] {
            #expect(!RiskLanguage.detects(query), "\(query)")
        }
        #expect(!RiskLanguage.detects(""))
        #expect(!RiskLanguage.detects("   "))
    }

    @Test func everyPhraseIsAValidPattern() {
        #expect(RiskLanguage.patterns.count == RiskLanguage.phrases.count)
    }

    /// The held-out corpus was written apart from the list: every risk phrasing must be heard,
    /// and at most 2 of the ordinary sad or self-critical queries may be flagged.
    @Test func theHeldOutCorpusIsHeard() {
        #expect(RiskLanguageCorpus.risk.count >= 60)
        #expect(RiskLanguageCorpus.ordinary.count >= 60)
        let missed = RiskLanguageCorpus.risk.filter { !RiskLanguage.detects($0) }
        #expect(missed.isEmpty, "missed: \(missed)")
        let flagged = RiskLanguageCorpus.ordinary.filter(RiskLanguage.detects)
        #expect(flagged.count <= 2, "flagged: \(flagged)")
    }
}

extension RiskLanguageTests {
    /// A second corpus, written after the list had been extended for the first, checks that the
    /// list generalises rather than fitting one set of phrasings.
    @Test func theSecondHeldOutCorpusIsHeard() {
        #expect(RiskLanguageSecondCorpus.risk.count >= 60)
        #expect(RiskLanguageSecondCorpus.ordinary.count >= 60)
        let missed = RiskLanguageSecondCorpus.risk.filter { !RiskLanguage.detects($0) }
        #expect(missed.isEmpty, "missed: \(missed)")
        let flagged = RiskLanguageSecondCorpus.ordinary.filter(RiskLanguage.detects)
        #expect(flagged.count <= 2, "flagged: \(flagged)")
    }
}

extension RiskLanguageTests {
    /// The third corpus was first used only to measure (see docs/RISK_LANGUAGE.md); the list was
    /// then extended for what it missed, so it is now a test like the others.
    @Test func theThirdCorpusIsHeard() {
        let missed = RiskLanguageThirdCorpus.risk.filter { !RiskLanguage.detects($0) }
        #expect(missed.isEmpty, "missed: \(missed)")
        let flagged = RiskLanguageThirdCorpus.ordinary.filter(RiskLanguage.detects)
        #expect(flagged.count <= 2, "flagged: \(flagged)")
    }
}

extension RiskLanguageTests {
    /// The fourth corpus, too, was first only measured (docs/RISK_LANGUAGE.md), then used.
    @Test func theFourthCorpusIsHeard() {
        let missed = RiskLanguageFourthCorpus.risk.filter { !RiskLanguage.detects($0) }
        #expect(missed.isEmpty, "missed: \(missed)")
        let flagged = RiskLanguageFourthCorpus.ordinary.filter(RiskLanguage.detects)
        #expect(flagged.count <= 2, "flagged: \(flagged)")
    }

    /// Across all four corpora, ordinary sadness and self-criticism stay unflagged (at most 2 in 60).
    @Test func ordinaryQueriesAcrossEveryCorpusAreRarelyFlagged() {
        let ordinary = RiskLanguageCorpus.ordinary + RiskLanguageSecondCorpus.ordinary + RiskLanguageThirdCorpus.ordinary
            + RiskLanguageFourthCorpus.ordinary
        let flagged = ordinary.filter(RiskLanguage.detects)
        print("RISK-ALL flagged \(flagged.count) of \(ordinary.count): \(flagged)")
        #expect(Double(flagged.count) <= Double(ordinary.count) * 2 / 60)
    }
}
