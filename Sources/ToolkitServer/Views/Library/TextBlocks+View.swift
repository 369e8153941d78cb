import Plot
import ToolkitCore

/// Renders library text blocks as HTML. Every string is escaped by Plot.
enum TextBlocksView {
    static func render<C: HTML.BodyContext>(_ blocks: [TextBlock], headingLevel: Int = 3) -> Node<C> {
        .forEach(blocks) { block in
            switch block {
            case .paragraph(let inlines): .p(inline(inlines))
            case .heading(let text): headingLevel == 3 ? .h3(.text(text)) : .h4(.text(text))
            case .bulletList(let items): .ul(.forEach(items) { .li(inline($0)) })
            case .numberedList(let items): .ol(.forEach(items) { .li(inline($0)) })
            }
        }
    }

    private static func inline<C: HTML.BodyContext>(_ inlines: [TextBlock.Inline]) -> Node<C> {
        .forEach(inlines) { piece in
            switch piece {
            case .text(let text): .text(text)
            case .emphasis(let text): .em(.text(text))
            }
        }
    }
}

/// Describes a step's timing in words, e.g. "1 min 30 s".
func durationText(seconds: Int) -> String {
    if seconds < 60 { return "\(seconds) s" }
    let minutes = seconds / 60, rest = seconds % 60
    return rest == 0 ? "\(minutes) min" : "\(minutes) min \(rest) s"
}
