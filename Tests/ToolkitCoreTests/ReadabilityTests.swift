import Testing
@testable import ToolkitCore

@Suite struct ReadabilityTests {
    @Test func syllablesFollowTheVowelGroupRule() {
        #expect(Readability.syllableCount("cat") == 1)
        #expect(Readability.syllableCount("kindness") == 2)
        #expect(Readability.syllableCount("makes") == 1)       // silent -es
        #expect(Readability.syllableCount("hoped") == 1)       // silent -ed
        #expect(Readability.syllableCount("compassion") == 3)
        #expect(Readability.syllableCount("mindfulness") == 3)
        #expect(Readability.syllableCount("yellow") == 2)      // leading y is a consonant
    }

    @Test func shortPlainSentencesScoreLowerThanLongLatinateOnes() {
        let plain = "You can stop at any time. Feel your feet on the floor. Take a slow breath."
        let dense = "Self-compassionate responding demonstrates considerable associations with psychological wellbeing, emotional regulation and interpersonal functioning across heterogeneous populations."
        #expect(Readability.fleschKincaidGrade(plain) < 3)
        #expect(Readability.fleschKincaidGrade(dense) > 15)
    }

    @Test func knownPassageMatchesTheFormula() {
        // 2 sentences, 12 words, 14 syllables ("happily" has three).
        let grade = Readability.fleschKincaidGrade("The cat sat on the mat. Then it went to sleep happily.")
        #expect(abs(grade - (0.39 * 6 + 11.8 * 14 / 12 - 15.59)) < 0.001)
    }

    @Test func listItemsAndWrappedLinesAreCountedAsTheyRead() {
        // A wrapped paragraph is one sentence; each list item is one sentence even without a full stop.
        let wrapped = "This is one sentence that\nwraps over two lines."
        #expect(Readability.units(wrapped) == ["This is one sentence that wraps over two lines."])
        #expect(Readability.units("- first item\n- second item").count == 2)
    }
}
