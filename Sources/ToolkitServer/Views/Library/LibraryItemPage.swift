import Plot
import ToolkitCore

/// One library item: client text first, then the working parts (steps, worksheet, prompts,
/// program), therapist notes, evidence and related items.
struct LibraryItemPage {
    var item: LibraryItem
    var related: [LibraryItem]
    /// For the titles of the items a program's weeks name.
    var library: ContentLibrary
    var user: User?
    var csrfToken: String?
    /// For a signed-in client, a worksheet's form that saves to their account (see
    /// `WorksheetForm`); everyone else fills it in on their device only.
    var savedWorksheetForm: Node<HTML.BodyContext>? = nil

    /// Signed-in clients see the client side only; therapists, admins and visitors see the notes.
    /// On paper the page is the client's: the notes print only when a signed-in therapist or
    /// administrator ticks "Include therapist notes" (see app.css).
    var showsTherapistNotes: Bool { user?.userRole != .client }

    /// Set for the item editor's preview: the item as a client will see it, without the page's
    /// own buttons, notes or related items.
    var preview = false

    func render() -> String {
        PageLayout(title: item.title, user: user, csrfToken: csrfToken,
                   scripts: savedWorksheetForm != nil ? ["unsaved-form.js"] : item.fields.isEmpty ? [] : ["worksheet.js"], content: article())
            .render()
    }

    static func authorshipLine<C: HTML.BodyContext>(_ item: LibraryItem) -> Node<C> {
        .unwrap(item.authorship) { authorship in
            .p(.class("meta authorship"), .text(authorship.published
                ? "Written by \(authorship.authorName) and shared with every therapist here."
                : "Written by \(authorship.authorName) for their clients."))
        }
    }

    func article() -> Node<HTML.BodyContext> {
        let mayEdit = item.authorship.map { user?.libraryViewer.mayEdit($0) ?? false } ?? false
        return .article(
            .class("item"),
            .if(!preview, .p(.class("meta"), .a(.href(SiteURL.library.path), "Library"), .text(" › \(item.category.displayName)"))),
            .element(named: preview ? "h2" : "h1", nodes: [.attribute(named: "class", value: preview ? "preview-title" : nil), .text(item.title.isEmpty ? "(No title yet)" : item.title)]),
            .p(.class("lead"), .text(item.summary)),
            LibraryItemPage.authorshipLine(item),
            LibraryItemPage.tags(item),
            .if(!preview, .ul(.class("action-list no-print"),
                .if(mayEdit, .li(.a(.class("button"), .href(SiteURL.authoredItem(item.id).path), "Edit this item"))),
                .if(item.isPractice, .li(.a(.class("button primary"), .href(SiteURL.libraryPractice(item.id).path),
                                             .text(item.kind == .guidedPractice ? "Start the practice" : "Go through it step by step")))),
                .li(.a(.class("button"), .href(SiteURL.libraryPrint(item.id).path),
                       .text(item.kind == .worksheet ? "Print a blank copy" : "Printable version"))),
                .if(user?.userRole == .therapist, .li(.a(.class("button"), .href(SiteURL.libraryAssign(item.id).path), "Assign to a client"))))),
            .section(.class("item-text"), .attribute(named: "aria-labelledby", value: "for-you"),
                     .h2(.id("for-you"), "For you"),
                     TextBlocksView.render(item.clientText)),
            ItemParts.steps(item),
            savedWorksheetForm.map { form in
                .section(.attribute(named: "aria-labelledby", value: "worksheet"), .h2(.id("worksheet"), "Worksheet"), form)
            } ?? ItemParts.worksheetForm(item, offerNotes: LibraryController.mayPrintNotes(user)),
            ItemParts.prompts(item),
            ItemParts.program(item, library: library),
            .if(item.category == .crisis || item.isPractice, ItemParts.crisisPointer()),
            .if(showsTherapistNotes && !preview && !item.therapistNotes.isEmpty, .section(
                .class("therapist-notes"), .attribute(named: "aria-labelledby", value: "notes"),
                .h2(.id("notes"), "Notes for therapists"),
                TextBlocksView.render(item.therapistNotes))),
            .if(!item.evidence.isEmpty, .section(.class("evidence no-print"), .attribute(named: "aria-labelledby", value: "evidence"),
                     .h2(.id("evidence"), "Evidence base"),
                     .ul(.forEach(item.evidence) { .li(.text($0)) }))),
            .if(!related.isEmpty && !preview, .section(
                .class("related no-print"), .attribute(named: "aria-labelledby", value: "related"),
                .h2(.id("related"), "Related"),
                .ul(.class("card-list"), .forEach(related) { LibraryCards.card($0, headingLevel: 3) })))
        )
    }

    static func tags<C: HTML.BodyContext>(_ item: LibraryItem) -> Node<C> {
        .ul(.class("tags"), .attribute(named: "aria-label", value: "About this item"),
            .li(.text(item.kind.displayName)),
            .li(.text("\(item.minutes) min")),
            .forEach(item.components) { .li(.text($0.displayName)) })
    }
}

/// The parts of an item that depend on its kind, shared by the item page and the printable page.
enum ItemParts {
    static func steps<C: HTML.BodyContext>(_ item: LibraryItem) -> Node<C> {
        .if(!item.steps.isEmpty, .section(
            .attribute(named: "aria-labelledby", value: "steps"),
            .h2(.id("steps"), "Steps"),
            stepList(item)))
    }

    static func stepList<C: HTML.BodyContext>(_ item: LibraryItem, id: String? = nil, audio: [Int: String] = [:]) -> Node<C> {
        .ol(.class("step-list"), .unwrap(id) { .id($0) },
            .forEach(Array(item.steps.enumerated())) { index, step in
                .li(
                    .safeAttribute(named: "data-audio", value: audio[index]),
                    .attribute(named: "data-seconds", value: step.seconds.map(String.init)),
                    .attribute(named: "data-inhale", value: step.breathing.map { String($0.inhale) }),
                    .attribute(named: "data-exhale", value: step.breathing.map { String($0.exhale) }),
                    .h3(.class("step-title"), .text(step.title)),
                    .unwrap(step.seconds) { .p(.class("step-time"), .text("About \(durationText(seconds: $0))")) },
                    .unwrap(step.breathing) { .p(.class("step-time"), .text("Breathe in for \($0.inhale), out for \($0.exhale)")) },
                    .p(.class("step-text"), .text(step.text)),
                    .unwrap(step.stepBack) { .p(.class("step-back"), .strong("If it's too much: "), .span(.class("step-back-text"), .text($0))) }
                )
            })
    }

    /// The item's one sentence on stepping back, which goes wherever its steps go.
    static func safetyLine<C: HTML.BodyContext>(_ item: LibraryItem) -> Node<C> {
        .unwrap(item.safetyLine) { .p(.class("safety-line"), .attribute(named: "role", value: "note"), .text($0)) }
    }

    static func prompts<C: HTML.BodyContext>(_ item: LibraryItem) -> Node<C> {
        .unwrap(item.prompts) { prompts in
            .section(.attribute(named: "aria-labelledby", value: "prompts"),
                     .h2(.id("prompts"), "Prompts"),
                     .p(.text(prompts.lead)),
                     .ol(.forEach(prompts.items) { .li(.text($0)) }))
        }
    }

    /// A program's weeks, each naming its items by title (linked) and offering the week's items
    /// as one packet, in the order the week uses them.
    static func program<C: HTML.BodyContext>(_ item: LibraryItem, library: ContentLibrary) -> Node<C> {
        .if(!item.weeks.isEmpty, .section(
            .attribute(named: "aria-labelledby", value: "weeks"),
            .h2(.id("weeks"), "Week by week"),
            .forEach(Array(item.weeks.enumerated())) { index, week in
                let packet = Packet.items(of: week).filter { library.item($0) != nil }
                return .div(.class("card week"),
                     .h3(.text("Week \(index + 1): \(week.theme)")),
                     .p(.text(week.goals)),
                     .p(.strong("In session: "), links(week.inSession, library: library)),
                     .p(.strong("Home practice: "), links(week.homePractice, library: library)),
                     .p(.strong("To reflect on: "), .text(week.reflection)),
                     .if(!packet.isEmpty, .p(.class("no-print"),
                         .a(.class("button"), .safeAttribute(named: "href", value: SiteURL.libraryPacket.path + "?" + packet.map { "items=\($0)" }.joined(separator: "&")),
                            .text("Print this week"), .span(.class("visually-hidden"), .text(" (week \(index + 1): \(packet.count) items)"))))))
            }))
    }

    /// Each item by its title, linked; an id the library no longer has is named plainly.
    private static func links<C: HTML.BodyContext>(_ ids: [String], library: ContentLibrary) -> Node<C> {
        .forEach(Array(ids.enumerated())) { index, id in
            .group(.if(index > 0, .text(", ")),
                   .unwrap(library.item(id), { .a(.href(SiteURL.libraryItem($0.id).path), .text($0.title)) },
                           else: .text(id.replacingOccurrences(of: "-", with: " "))))
        }
    }

    /// The worksheet as a form someone can fill in on screen and print filled in. worksheet.js
    /// writes each answer out in full beside its field for paper (a box would cut a long answer
    /// to its visible lines); a therapist or administrator may add the notes to their own copy.
    static func worksheetForm<C: HTML.BodyContext>(_ item: LibraryItem, offerNotes: Bool = false) -> Node<C> {
        .if(!item.fields.isEmpty, .section(
            .attribute(named: "aria-labelledby", value: "worksheet"),
            .h2(.id("worksheet"), "Worksheet"),
            .p(.class("muted no-print"), "What you type here stays on this device. Print it to keep a copy."),
            .form(.class("worksheet"), .id("worksheet-form"), .attribute(named: "data-worksheet", value: item.id),
                  .forEach(item.fields) { field($0) },
                  .if(offerNotes, .div(.class("field no-print"),
                      .label(.class("choice"), .input(.type(.checkbox), .id("print-notes"), .name("print-notes")),
                             .text(" Include therapist notes when printing (for your own copy, not the client's)")))),
                  .div(.class("player-controls no-print"),
                       .button(.type(.button), .class("button primary"), .attribute(named: "data-print", value: "filled"), "Print filled in"),
                       .button(.type(.reset), .class("button"), "Clear the form")))))
    }

    static func field<C: HTML.BodyContext>(_ field: WorksheetField) -> Node<C> {
        let id = "ws-\(field.id)"
        let hint: Node<C> = .unwrap(field.help) { .p(.class("hint"), .id("\(id)-hint"), .text($0)) }
        let legendHint: Node<HTML.FormContext> = .unwrap(field.help) { .p(.class("hint"), .id("\(id)-hint"), .text($0)) }
        let describedBy = field.help == nil ? nil : "\(id)-hint"
        switch field.type {
        case .shortText:
            return .div(.class("field write-field"), .attribute(named: "data-field-type", value: field.type.rawValue), .label(.for(id), .text(field.label)), hint,
                        .input(.type(.text), .id(id), .name(field.id), .attribute(named: "aria-describedby", value: describedBy)))
        case .longText, .list:
            return .div(.class("field write-field"), .attribute(named: "data-field-type", value: field.type.rawValue),
                        .attribute(named: "data-lines", value: String(field.lines ?? 4)), .label(.for(id), .text(field.label)), hint,
                        .textarea(.id(id), .name(field.id), .rows(max(3, field.lines ?? 4)),
                                  .attribute(named: "aria-describedby", value: describedBy)))
        case .rating:
            return .fieldset(.class("write-field"), .attribute(named: "data-field-type", value: field.type.rawValue),
                             .attribute(named: "aria-describedby", value: describedBy),
                             .element(named: "legend", text: field.label), legendHint,
                             .div(.class("rating"), .forEach(0...10) { value in
                                 .label(.input(.type(.radio), .name(field.id), .value(String(value))), .span(.text(String(value))))
                             }))
        case .choice:
            return .fieldset(.class("write-field"), .attribute(named: "data-field-type", value: field.type.rawValue),
                             .attribute(named: "aria-describedby", value: describedBy),
                             .element(named: "legend", text: field.label), legendHint,
                             .forEach(field.options ?? []) { option in
                                 .label(.class("choice"), .input(.type(.radio), .name(field.id), .safeValue(option)), .text(" " + option))
                             })
        }
    }

    static func crisisPointer<C: HTML.BodyContext>() -> Node<C> {
        .aside(.class("notice"), .attribute(named: "aria-label", value: "If this gets too much"),
               .p(.text("If this gets to be too much, you can stop at any time. "),
                  .a(.href(SiteURL.crisis.path), "Need help now"),
                  .text(" has grounding, breathing and people you can contact.")))
    }
}

/// A compact card linking to an item, used in lists.
enum LibraryCards {
    static func card(_ item: LibraryItem, headingLevel: Int = 2) -> Node<HTML.ListContext> {
        .li(.class("card"),
                   .element(named: headingLevel == 2 ? "h2" : "h3",
                            nodes: [.a(.href(SiteURL.libraryItem(item.id).path), .text(item.title))]),
                   .p(.text(item.summary)),
                   .p(.class("meta"), .text("\(item.kind.displayName) · \(item.minutes) min · \(item.components.map(\.displayName).joined(separator: ", "))")),
                   .unwrap(item.authorship) { .p(.class("meta authorship"), .text("Written by \($0.authorName)")) })
    }
}
