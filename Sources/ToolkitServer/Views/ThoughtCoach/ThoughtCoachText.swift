import Plot
import ToolkitCore

/// The analyzer's highlights, as the thought coach shows them.
enum ThoughtCoachText {
    /// The thought as typed, harsh words wrapped in <mark> with their kind as a class.
    static func marked<C: HTML.BodyContext>(_ thought: String) -> Node<C> {
        .forEach(ThoughtAnalyzer.segments(thought)) { segment in
            .unwrap(segment.highlight, { highlight in
                .element(named: "mark", nodes: [.class("harsh \(highlight.kind.rawValue)"),
                                                 .attribute(named: "title", value: highlight.kind.title.attributeEscaped),
                                                 .text(segment.text)])
            }, else: .text(segment.text))
        }
    }

    /// One note per highlight: the words, and why they may matter.
    static func highlights(in thought: String) -> [(text: String, explanation: String)] {
        ThoughtAnalyzer.analyze(thought).map { ($0.text, $0.explanation) }
    }
}
