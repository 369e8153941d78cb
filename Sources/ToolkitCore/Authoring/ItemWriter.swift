import Foundation
import Yams

/// Writes an item back out in the library's file format (YAML front matter, then "## For you"
/// and "## Therapist notes"), the format `ItemParser` reads. A therapist's own items are kept and
/// exported in it, so an item written in the app can join a deployment's library folder as is.
public enum ItemWriter {
    /// The front matter in the order the bundled files use; empty lists and absent parts are left out.
    struct FrontMatter: Encodable {
        var id: String
        var title: String
        var summary: String
        var kind: ItemKind
        var category: ItemCategory
        var components: [CompassionComponent]
        var minutes: Int
        var audience: Audience
        var situations: [Situation]?
        var keywords: [String]?
        var related: [String]?
        var evidence: [String]?
        var safetyLine: String?
        var steps: [PracticeStep]?
        var fields: [WorksheetField]?
        var prompts: PromptSet?
        var weeks: [ProgramWeek]?

        enum CodingKeys: String, CodingKey {
            case id, title, summary, kind, category, components, minutes, audience, situations, keywords
            case related, evidence
            case safetyLine = "safety_line"
            case steps, fields, prompts, weeks
        }
    }

    public static func markdown(_ item: LibraryItem) -> String {
        func nonEmpty<T>(_ list: [T]) -> [T]? { list.isEmpty ? nil : list }
        let front = FrontMatter(
            id: item.id, title: item.title, summary: item.summary, kind: item.kind, category: item.category,
            components: item.components, minutes: item.minutes, audience: item.audience,
            situations: nonEmpty(item.situations), keywords: nonEmpty(item.keywords), related: nonEmpty(item.related),
            evidence: nonEmpty(item.evidence), safetyLine: item.safetyLine, steps: nonEmpty(item.steps),
            fields: nonEmpty(item.fields), prompts: item.prompts, weeks: nonEmpty(item.weeks))
        // Encoding plain Codable values cannot fail; an empty header would still parse back.
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
