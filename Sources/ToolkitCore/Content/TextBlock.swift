/// The small Markdown subset library text is written in: paragraphs, subheadings, lists and
/// emphasis. Parsed once at load; views escape every piece of text on output.
public enum TextBlock: Sendable, Equatable {
    case paragraph([Inline])
    case heading(String)
    case bulletList([[Inline]])
    case numberedList([[Inline]])

    public enum Inline: Sendable, Equatable {
        case text(String)
        case emphasis(String)

        var plain: String {
            switch self {
            case .text(let text), .emphasis(let text): text
            }
        }
    }

    public static func parse(_ markdown: String) -> [TextBlock] {
        var blocks: [TextBlock] = []
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [[Inline]])?

        func flushParagraph() {
            if !paragraph.isEmpty { blocks.append(.paragraph(inlines(paragraph.joined(separator: " ")))) }
            paragraph = []
        }
        func flushList() {
            if let current = list { blocks.append(current.ordered ? .numberedList(current.items) : .bulletList(current.items)) }
            list = nil
        }

        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flushParagraph(); flushList()
            } else if line.hasPrefix("### ") || line.hasPrefix("#### ") {
                flushParagraph(); flushList()
                blocks.append(.heading(String(line.drop(while: { $0 == "#" }).trimmingCharacters(in: .whitespaces))))
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                flushParagraph()
                if list?.ordered != false { flushList(); list = (false, []) }
                list?.items.append(inlines(String(line.dropFirst(2))))
            } else if let marker = numberedMarkerLength(line) {
                flushParagraph()
                if list?.ordered != true { flushList(); list = (true, []) }
                list?.items.append(inlines(String(line.dropFirst(marker))))
            } else if list != nil, rawLine.hasPrefix("  ") {
                // A wrapped list item continues the previous item.
                let last = list!.items.removeLast()
                list!.items.append(merged(last + [.text(" ")] + inlines(line)))
            } else {
                flushList()
                paragraph.append(line)
            }
        }
        flushParagraph(); flushList()
        return blocks
    }

    /// Plain text with one block per paragraph, for measuring and searching.
    public static func plainText(_ blocks: [TextBlock]) -> String {
        blocks.map { block -> String in
            switch block {
            case .paragraph(let inlines): inlines.map(\.plain).joined()
            case .heading(let text): text
            case .bulletList(let items), .numberedList(let items):
                items.map { "- " + $0.map(\.plain).joined() }.joined(separator: "\n")
            }
        }.joined(separator: "\n\n")
    }

    private static func numberedMarkerLength(_ line: String) -> Int? {
        let digits = line.prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 3 else { return nil }
        let rest = line.dropFirst(digits.count)
        guard rest.hasPrefix(". ") else { return nil }
        return digits.count + 2
    }

    /// Neighbouring plain runs joined into one, so a wrapped list item reads the same as one
    /// written on a single line.
    static func merged(_ parts: [Inline]) -> [Inline] {
        var result: [Inline] = []
        for part in parts {
            if case .text(let next) = part, case .text(let previous)? = result.last {
                result[result.count - 1] = .text(previous + next)
            } else {
                result.append(part)
            }
        }
        return result
    }

    /// Splits `*emphasis*` out of a line; unmatched asterisks stay as text.
    static func inlines(_ text: String) -> [Inline] {
        var result: [Inline] = []
        var remaining = Substring(text)
        while let open = remaining.firstIndex(of: "*") {
            let afterOpen = remaining.index(after: open)
            guard let close = remaining[afterOpen...].firstIndex(of: "*"), close > afterOpen else { break }
            if open > remaining.startIndex { result.append(.text(String(remaining[..<open]))) }
            result.append(.emphasis(String(remaining[afterOpen..<close])))
            remaining = remaining[remaining.index(after: close)...]
        }
        if !remaining.isEmpty { result.append(.text(String(remaining))) }
        return result
    }
}

import Foundation
