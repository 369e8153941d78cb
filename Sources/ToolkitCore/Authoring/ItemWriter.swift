import Foundation
import Yams

/// Writes an item back out in the library's file format (YAML front matter, then "## For you"
/// and "## Therapist notes"), the format `ItemParser` reads. A therapist's own items are kept and
/// exported in it, so an item written in the app can join a deployment's library folder as is.
public enum ItemWriter {
    public static func markdown(_ item: LibraryItem) -> String {
        func nonEmpty<T>(_ list: [T]) -> [T]? { list.isEmpty ? nil : list }
        let front = ItemParser.FrontMatter(
            id: item.id, title: item.title, summary: item.summary, kind: item.kind, category: item.category,
            components: item.components, minutes: item.minutes, audience: item.audience,
            situations: nonEmpty(item.situations), keywords: nonEmpty(item.keywords), related: nonEmpty(item.related),
            evidence: nonEmpty(item.evidence), steps: nonEmpty(item.steps), fields: nonEmpty(item.fields),
            prompts: item.prompts, weeks: nonEmpty(item.weeks), safetyLine: item.safetyLine)
        // Empty lists and absent parts are left out. Encoding plain Codable values cannot fail.
        let yaml = (try? YAMLEncoder().encode(front)) ?? ""
        var text = "---\n" + yaml
        if !text.hasSuffix("\n") { text += "\n" }
        text += "---\n\n## For you\n\n" + markdown(item.clientText) + "\n\n## Therapist notes\n\n" + markdown(item.therapistNotes) + "\n"
        return text
    }

    /// The library's small Markdown subset, as `TextBlock.parse` reads it.
    public static func markdown(_ blocks: [TextBlock]) -> String {
        func line(_ inlines: [TextBlock.Inline]) -> String {
            inlines.map { inline in
                switch inline {
                case .text(let text): text
                case .emphasis(let text): "*\(text)*"
                }
            }.joined()
        }
        return blocks.map { block in
            switch block {
            case .paragraph(let inlines): line(inlines)
            case .heading(let text): "### " + text
            case .bulletList(let items): items.map { "- " + line($0) }.joined(separator: "\n")
            case .numberedList(let items): items.enumerated().map { "\($0.offset + 1). " + line($0.element) }.joined(separator: "\n")
            }
        }.joined(separator: "\n\n")
    }
}
