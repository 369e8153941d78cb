import Testing
import ToolkitCore

/// Names are shown to other people, so nothing in them may be invisible or reorder the text.
@Suite struct DisplayNameTests {
    /// Control characters, bidirectional controls, invisible format characters and separators.
    static let refused: [Unicode.Scalar] = [
        "\u{0000}", "\u{0007}", "\u{0009}", "\u{000A}", "\u{000D}", "\u{001B}", "\u{007F}", "\u{0085}", "\u{009B}",
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
        "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
        "\u{200E}", "\u{200F}", "\u{061C}",
        "\u{200B}", "\u{2060}", "\u{FEFF}", "\u{00AD}", "\u{E0041}",
        "\u{2028}", "\u{2029}",
    ]

    @Test(arguments: refused)
    func aNameHoldingThisCharacterIsRefused(_ scalar: Unicode.Scalar) {
        let name = "Eve" + String(Character(scalar)) + "Admin"
        #expect(DisplayName.isRefused(scalar), "U+\(String(scalar.value, radix: 16, uppercase: true))")
        #expect(DisplayName.problem(with: name) == .invisibleOrControlCharacter)
    }

    @Test(arguments: [
        "Alex", "Zoë Ní Bhriain", "José-María O'Neil", "Dr. A. B. Smith Jr.", "Renée (she/her)", "李小龍", "محمد علی",
        "Ψυχή", "Ōsaka Tarō", "Nguyễn Văn An",
        "می\u{200C}خواهم",        // Persian needs the zero-width non-joiner
        "Sam \u{1F469}\u{200D}\u{1F467}", // an emoji sequence joined with the zero-width joiner
    ])
    func ordinaryNamesInAnyScriptAreWelcome(_ name: String) {
        #expect(DisplayName.problem(with: name) == nil)
    }

    @Test func theMessageSaysWhatToDo() {
        #expect(DisplayName.Problem.invisibleOrControlCharacter.description
            == "Please use letters, spaces and punctuation only; the name contains an invisible or control character.")
    }
}
