import Plot
import ToolkitCore

/// Paper versions of library items: one item here, several in `LibraryPacketPage`.
enum LibraryPrint {
    /// One item on paper. `offerNotes`: a therapist or administrator can add the therapist notes
    /// to their own copy; a client's copy never has them.
    static func itemPage(_ item: LibraryItem, includeNotes: Bool, offerNotes: Bool = false, library: ContentLibrary) -> String {
        PageLayout(title: item.title, chrome: false, bodyClass: "print", content: .div(
            .p(.class("no-print"), .a(.href(SiteURL.libraryItem(item.id).path), "← Back to the item"), " · ",
               .button(.type(.button), .class("link-button"), .attribute(named: "data-print", value: "page"), "Print this page")),
            .if(offerNotes, .form(.class("no-print print-options"), .method(.get), .safeAttribute(named: "action", value: SiteURL.libraryPrint(item.id).path),
                                  .label(.class("choice"), .input(.type(.checkbox), .id("include-notes"), .name("notes"), .value("1"), .checked(includeNotes)),
                                         .text(" Include therapist notes (for your own copy, not the client's)")),
                                  .button(.type(.submit), .class("button"), "Show the page with this choice"))),
            printable(item, includeNotes: includeNotes, headingLevel: 1, library: library)
        )).render()
    }

    static func printable(_ item: LibraryItem, includeNotes: Bool, headingLevel: Int, library: ContentLibrary) -> Node<HTML.BodyContext> {
        .article(
            .element(named: headingLevel == 1 ? "h1" : "h2", nodes: [.text(item.title)]),
            .p(.class("lead"), .text(item.summary)),
            .p(.class("meta"), .text("\(item.kind.displayName) · about \(item.minutes) minutes · \(item.components.map(\.displayName).joined(separator: ", "))")),
            TextBlocksView.render(item.clientText),
            .if(!item.steps.isEmpty, .group(.h3("Steps"), ItemParts.stepList(item))),
            ItemParts.prompts(item),
            .if(!item.fields.isEmpty, .group(.forEach(item.fields) { field in
                .div(.class("write-field"),
                     .h3(.text(field.label)),
                     .unwrap(field.help) { .p(.class("hint"), .text($0)) },
                     writingSpace(field))
            })),
            ItemParts.program(item, library: library),
            .if(includeNotes, .section(.class("therapist-notes"), .h3("Notes for therapists"), TextBlocksView.render(item.therapistNotes, headingLevel: 4))),
            .p(.class("print-footer"), .text("Self-Compassion Toolkit · \(item.title)"))
        )
    }

    private static func writingSpace(_ field: WorksheetField) -> Node<HTML.BodyContext> {
        switch field.type {
        case .rating:
            return .p(.text("0   1   2   3   4   5   6   7   8   9   10  (circle one)"))
        case .choice:
            return .ul(.forEach(field.options ?? []) { .li(.text("☐ " + $0)) })
        default:
            let lines = field.lines ?? (field.type == .shortText ? 1 : 4)
            return .span(.class("write-lines"), .attribute(named: "aria-hidden", value: "true"),
                         .forEach(0..<lines) { _ in .span(.class("write-line")) })
        }
    }
}

/// The guided player: the steps as a readable list (which is all there is without JavaScript),
/// turned into a one-step-at-a-time player with timers by practice.js.
struct PracticePage {
    var item: LibraryItem
    var user: User?
    var csrfToken: String?
    /// The session's idle timeout, so a long practice warns before a signed-in client's record form expires.
    var idleSeconds: Int?
    /// The therapist's own recordings of the steps, when they made some.
    var voice: PracticeVoice? = nil

    func render() -> String {
        PageLayout(title: "Practice: \(item.title)", user: user, csrfToken: csrfToken, scripts: ["practice.js", "unsaved-form.js"], content: .div(
            .p(.class("meta"), .a(.href(SiteURL.libraryItem(item.id).path), .text("← \(item.title)"))),
            .h1(.text(item.title)),
            .p(.text(item.summary)),
            .p(.class("muted"), .text("About \(item.minutes) minutes. You can pause, skip or stop whenever you like.")),
            PracticeRecordForm.practiceArea(item: item, user: user, csrfToken: csrfToken, idleSeconds: idleSeconds, voice: voice),
            ItemParts.crisisPointer()
        )).render()
    }
}

/// A therapist's recorded voice for some steps of their own practice: each step's audio address.
struct PracticeVoice: Sendable {
    var speaker: String
    var audio: [Int: String]
}

/// The markup practice.js works with, shared by the practice page and the crisis page.
enum PracticePlayer {
    static func player<C: HTML.BodyContext>(for item: LibraryItem, id: String, startLabel: String = "Start", voice: PracticeVoice? = nil) -> Node<C> {
        .div(.class("practice"), .attribute(named: "data-practice", value: id),
             ItemParts.safetyLine(item),
             .div(.class("player"), .attribute(named: "hidden", value: "hidden"), .attribute(named: "data-player", value: id),
                  .p(.class("player-progress"), .attribute(named: "data-role", value: "progress"), .attribute(named: "aria-live", value: "polite")),
                  .h2(.class("player-step-title"), .attribute(named: "data-role", value: "title"), .attribute(named: "tabindex", value: "-1")),
                  .div(.class("pacer"), .attribute(named: "data-role", value: "pacer"), .attribute(named: "hidden", value: "hidden"),
                       .attribute(named: "aria-hidden", value: "true")),
                  .p(.attribute(named: "data-role", value: "text")),
                  .p(.class("step-back"), .attribute(named: "data-role", value: "step-back"), .attribute(named: "hidden", value: "hidden")),
                  .p(.class("player-timer"), .attribute(named: "data-role", value: "timer"), .attribute(named: "role", value: "timer"),
                     .attribute(named: "aria-live", value: "off")),
                  .unwrap(voice) { voice in
                      .element(named: "audio", nodes: [.class("player-audio"), .attribute(named: "data-role", value: "audio"),
                                                        .attribute(named: "controls", value: "controls"), .attribute(named: "preload", value: "none"),
                                                        .attribute(named: "hidden", value: "hidden"),
                                                        .attribute(named: "aria-label", value: "This step in \(voice.speaker)'s voice".attributeEscaped)])
                  },
                  .div(.class("player-controls"),
                       .button(.type(.button), .class("button"), .attribute(named: "data-action", value: "back"), "Back"),
                       .button(.type(.button), .class("button"), .attribute(named: "data-action", value: "pause"), "Pause"),
                       .button(.type(.button), .class("button primary"), .attribute(named: "data-action", value: "next"), "Next step")),
                  .div(.class("player-controls"),
                       .label(.input(.type(.checkbox), .attribute(named: "data-option", value: "bell"), .checked(true)), .text(" Gentle bell between steps")),
                       .unwrap(voice) { voice in
                           .label(.input(.type(.checkbox), .attribute(named: "data-option", value: "voice"), .checked(true)),
                                  .text(" Play \(voice.speaker)'s recording of each step"))
                       },
                       .label(.input(.type(.checkbox), .attribute(named: "data-option", value: "speech")),
                              .text(voice == nil ? " Read the steps aloud" : " Read aloud the steps without a recording")))),
             .div(.class("notice"), .attribute(named: "hidden", value: "hidden"), .attribute(named: "data-role", value: "done"),
                  .attribute(named: "tabindex", value: "-1"),
                  .p(.strong("You finished. "), .text("Take a moment to notice how you feel now. Whatever you notice is fine.")),
                  .button(.type(.button), .class("button"), .attribute(named: "data-action", value: "restart"), "Start again")),
             .button(.type(.button), .class("button primary"), .attribute(named: "data-action", value: "start"),
                     .attribute(named: "hidden", value: "hidden"), .text(startLabel)),
             ItemParts.stepList(item, id: "\(id)-steps", audio: voice?.audio ?? [:]))
    }
}
