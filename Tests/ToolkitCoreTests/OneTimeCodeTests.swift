import Testing
import ToolkitCore

@Suite struct OneTimeCodeTests {
    @Test func aCodeIsEightSymbolsFromTheAlphabetShownInTwoGroups() throws {
        let code = try #require(OneTimeCode.make(fromRandomBytes: Array(0..<64)))
        #expect(code.count == 8)
        #expect(code.allSatisfy(OneTimeCode.alphabet.contains))
        #expect(OneTimeCode.grouped(code) == String(code.prefix(4)) + "-" + String(code.suffix(4)))
    }

    @Test func bytesBeyondAnEvenShareAreSkippedSoEverySymbolIsEquallyLikely() {
        // 256 = 11 × 23 + 3: the last three byte values would favour A, C and D.
        let limit = UInt8(256 - 256 % OneTimeCode.alphabet.count)
        #expect(OneTimeCode.make(fromRandomBytes: Array(repeating: limit, count: 40)) == nil)
        #expect(OneTimeCode.make(fromRandomBytes: [limit, limit + 1] + Array(repeating: 0, count: 8)) == "AAAAAAAA")
    }

    @Test func typedCodesAreReadKindly() {
        #expect(OneTimeCode.normalized("k7qm-3xpd") == "K7QM3XPD")
        #expect(OneTimeCode.normalized(" K7QM 3XPD ") == "K7QM3XPD")
        #expect(OneTimeCode.normalized("K7QM3XP") == nil)
        #expect(OneTimeCode.normalized("K7QM-3XP0") == nil)
        #expect(OneTimeCode.normalized("<script>") == nil)
    }

    @Test func noLookAlikesAreInTheAlphabet() {
        for confusable in "0O1IL2Z5S8BUV" { #expect(!OneTimeCode.alphabet.contains(confusable)) }
    }
}
