import Plot
import ToolkitCore

/// A packet of library items: on screen, the order to check and a cover to fill in; on paper, a
/// cover (for whom, the date, a personal note, the contents and the deployment's crisis lines)
/// and then each item on its own pages. The typed cover is printed, never stored: packet.js
/// copies it onto the cover as it is typed, and without JavaScript the form posts it back here.
struct LibraryPacketPage {
    var items: [LibraryItem]
    var cover: PacketCover
    var problems: [PacketCover.Problem] = []
    /// A signed-in therapist or administrator may add the therapist notes to their own copy.
    var offerNotes: Bool
    var includeNotes: Bool
    var user: User?
    var csrfToken: String
    var crisisLines: [CrisisLine]
    var library: ContentLibrary

    private var order: String { items.map(\.id).joined(separator: " ") }
    private var backToLibrary: String { SiteURL.library.path + "?" + items.map { "items=\($0.id)" }.joined(separator: "&") }

    func render() -> String {
        PageLayout(title: "Print a packet", user: user, csrfToken: csrfToken, scripts: ["packet.js"], chrome: false, bodyClass: "print packet-page", content: .div(
            tools,
            coverPage,
            .forEach(items) { item in
                .div(.class("print-item"), LibraryPrint.printable(item, includeNotes: offerNotes, headingLevel: 2, library: library))
            }
        )).render()
    }

    /// 1000 as "1,000".
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        return String(digits.enumerated().flatMap { index, digit in (index > 0 && (digits.count - index) % 3 == 0 ? [","] : []) + [digit] })
    }

    private func problem(_ field: String) -> String? { problems.first { $0.field == field }?.message }

    /// What the date on the cover says: "14 May 2026".
    static func dateText(_ value: String) -> String {
        guard let day = CalendarDay(value) else { return "" }
        return "\(day.day) \(ClientCalendar.months[day.month - 1]) \(day.year)"
    }

    private var tools: Node<HTML.BodyContext> {
        .div(.class("packet-tools no-print"),
             .p(.class("meta"), .a(.safeAttribute(named: "href", value: backToLibrary), "← Back to the library (your ticks are kept)")),
             .h1("Your packet"),
             .p("Check the order, add a cover note if you like, then print. Nothing you type here is saved: it is only printed."),
             .if(!problems.isEmpty, .div(
                .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
                .h2("Please check the cover"),
                .ul(.forEach(problems) { problem in
                    .li(.a(.safeAttribute(named: "href", value: "#field-" + problem.field), .text(problem.message)))
                }))),
             .form(.id("packet-form"), .class("packet-form"), .method(.post), .action(SiteURL.libraryPacket.path),
                   .attribute(named: "data-packet-order", value: order),
                   FormFields.csrf(csrfToken),
                   .h2("The cover"),
                   FormFields.input(name: "name", label: "Who it is for (optional)", value: cover.clientName,
                                    hint: "Up to \(PacketCover.maximumNameLength) characters. Left empty, the cover has a line to write a name on.",
                                    error: problem("name"), autocomplete: "off"),
                   FormFields.input(name: "date", label: "Date", type: .date, value: cover.date,
                                    hint: "Today unless you change it. Left empty, the cover has no date.", error: problem("date")),
                   noteField,
                   .if(offerNotes, .div(.class("field"),
                       .label(.class("choice"), .input(.type(.checkbox), .id("include-notes"), .name("notes"), .value("1"), .checked(includeNotes)),
                              .text(" Include therapist notes (for your own copy, not the client's)")))),
                   .div(.class("player-controls"),
                        .button(.type(.submit), .class("button"), "Show the cover with these details")),
                   .h2("The order"),
                   .p(.class("hint"), "Items print in this order, each starting on a new page."),
                   .ol(.class("packet-order"), .forEach(Array(items.enumerated())) { index, item in
                       .li(.input(.type(.hidden), .name("items"), .safeValue(item.id)),
                           .span(.class("packet-order-title"), .text(item.title)),
                           .span(.class("meta"), .text(" \(item.kind.displayName.lowercased()), \(item.minutes) min")),
                           .span(.class("packet-order-actions"),
                                 .if(index > 0, moveButton(.up(item.id), label: "Move up", title: item.title)),
                                 .if(index < items.count - 1, moveButton(.down(item.id), label: "Move down", title: item.title)),
                                 .if(items.count > 1, moveButton(.remove(item.id), label: "Remove", title: item.title))))
                   }),
                   .div(.class("player-controls"),
                        .button(.type(.button), .class("button primary"), .attribute(named: "data-print", value: "page"), "Print the packet"))))
    }

    private var noteField: Node<HTML.FormContext> {
        let error = problem("note")
        return .div(.class(error == nil ? "field" : "field has-error"),
                    .label(.for("field-note"), "A personal note (optional)"),
                    .p(.class("hint"), .id("field-note-hint"),
                       .text("A few words for the client, printed on the cover. Up to \(Self.grouped(PacketCover.maximumNoteLength)) characters.")),
                    .unwrap(error) { .p(.class("error-text"), .id("field-note-error"), .text($0)) },
                    .textarea(.id("field-note"), .name("note"), .rows(4),
                              .attribute(named: "aria-describedby", value: error == nil ? "field-note-hint" : "field-note-hint field-note-error"),
                              .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
                              .text(cover.note)))
    }

    private func moveButton(_ move: Packet.Move, label: String, title: String) -> Node<HTML.BodyContext> {
        .button(.type(.submit), .class("button small"), .attribute(named: "name", value: "move"), .safeAttribute(named: "value", value: move.formValue),
                .text(label), .span(.class("visually-hidden"), .text(": \(title)")))
    }

    private var coverPage: Node<HTML.BodyContext> {
        let date = Self.dateText(cover.date)
        return .section(.class("packet-cover"), .attribute(named: "aria-labelledby", value: "packet-title"),
                        .h2(.id("packet-title"), .class("packet-title"), "Your self-compassion packet"),
                        .dl(.class("packet-for"),
                            .dt("For"),
                            .dd(.class(cover.clientName.isEmpty ? "write-blank" : ""), .attribute(named: "data-cover", value: "name"), .text(cover.clientName)),
                            .dt("Date"),
                            .dd(.class(date.isEmpty ? "write-blank" : ""), .attribute(named: "data-cover", value: "date"), .text(date))),
                        .div(.class("cover-note"), .attribute(named: "data-cover", value: "note-box"),
                             .if(cover.note.isEmpty, .attribute(named: "hidden", value: "hidden")),
                             .p(.class("answer-text"), .attribute(named: "data-cover", value: "note"), .text(cover.note))),
                        .p(.class("lead"), "Practices and worksheets chosen for you. Go gently: there is no right way to do them, and it's fine to skip what doesn't fit today."),
                        .h3("Contents"),
                        .ol(.class("packet-contents"), .forEach(items) { item in
                            .li(.text("\(item.title) (\(item.kind.displayName.lowercased()), \(item.minutes) min)"))
                        }),
                        CrisisPage.printedLines(crisisLines,
                                                lead: "If things feel like too much, use your safety plan, go to the Need help now page in the app, or call one of these:"))
    }
}
