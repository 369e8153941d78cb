import Foundation

/// Flesch-Kincaid grade level, measured the same way for every item:
/// 0.39 × (words / sentences) + 11.8 × (syllables / words) − 15.59.
///
/// A sentence ends at . ! or ?, and also at the end of a paragraph, list item or heading, since
/// those read as complete units even without a full stop.
public enum Readability {
    public static func fleschKincaidGrade(_ text: String) -> Double {
        var sentences = 0, words = 0, syllables = 0
        for unit in units(text) {
            for sentence in splitSentences(unit) {
                let tokens = sentence.split(whereSeparator: { $0.isWhitespace || $0 == "/" || $0 == "\u{2014}" || $0 == "\u{2013}" })
                    .filter { $0.contains(where: \.isLetter) }
                guard !tokens.isEmpty else { continue }
                sentences += 1
                words += tokens.count
                syllables += tokens.reduce(0) { $0 + syllableCount(String($1)) }
            }
        }
        guard words > 0, sentences > 0 else { return 0 }
        return 0.39 * Double(words) / Double(sentences) + 11.8 * Double(syllables) / Double(words) - 15.59
    }

    /// Paragraphs (wrapped lines joined), list items and headings.
    static func units(_ text: String) -> [String] {
        var units: [String] = []
        var paragraph: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = raw.trimmingCharacters(in: .whitespaces)
            let marker = listOrHeadingMarker(line)
            if line.isEmpty || marker != nil {
                if !paragraph.isEmpty { units.append(paragraph.joined(separator: " ")); paragraph = [] }
                if let marker {
                    line.removeFirst(marker)
                    units.append(line)
                }
                continue
            }
            paragraph.append(line)
        }
        if !paragraph.isEmpty { units.append(paragraph.joined(separator: " ")) }
        return units.map { $0.replacingOccurrences(of: "*", with: "") }
    }

    private static func listOrHeadingMarker(_ line: String) -> Int? {
        if line.hasPrefix("#") {
            let hashes = line.prefix(while: { $0 == "#" }).count
            return line.dropFirst(hashes).first == " " ? hashes + 1 : nil
        }
        if line.hasPrefix("- ") { return 2 }
        let digits = line.prefix(while: \.isNumber).count
        if digits > 0, line.dropFirst(digits).hasPrefix(". ") { return digits + 2 }
        return nil
    }

    /// Splits at runs of . ! ? followed by white space or the end.
    static func splitSentences(_ unit: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        let characters = Array(unit)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if ".!?".contains(character) {
                var end = index
                while end + 1 < characters.count, ".!?".contains(characters[end + 1]) { end += 1 }
                if end + 1 == characters.count || characters[end + 1].isWhitespace {
                    sentences.append(current)
                    current = ""
                    index = end + 1
                    continue
                }
            }
            current.append(character)
            index += 1
        }
        if current.contains(where: \.isLetter) { sentences.append(current) }
        return sentences
    }

    /// A common vowel-group heuristic: drop a silent final e or -es/-ed after a consonant,
    /// then count groups of one or two vowels. Words of three letters or fewer count one.
    public static func syllableCount(_ word: String) -> Int {
        var letters = word.lowercased().filter { $0 >= "a" && $0 <= "z" }
        if letters.isEmpty { return 0 }
        if letters.count <= 3 { return 1 }
        let vowels = Set("aeiouy")
        let keepsFinalE = Set("laeiouy")
        // Drop one silent ending (a consonant then -es, -ed or -e), as in "makes", "hoped", "time".
        if letters.count >= 3, let last = letters.last {
            let beforeLast = letters[letters.index(letters.endIndex, offsetBy: -2)]
            let thirdLast = letters[letters.index(letters.endIndex, offsetBy: -3)]
            if (last == "s" || last == "d"), beforeLast == "e", !keepsFinalE.contains(thirdLast) {
                letters.removeLast(2)
            } else if last == "e", !keepsFinalE.contains(beforeLast) {
                letters.removeLast()
            }
        }
        if letters.hasPrefix("y") { letters.removeFirst() }
        var count = 0
        var run = 0
        for character in letters {
            if vowels.contains(character) {
                run += 1
                if run == 1 { count += 1 } else if run == 3 { count += 1; run = 1 }
            } else {
                run = 0
            }
        }
        return max(1, count)
    }
}
