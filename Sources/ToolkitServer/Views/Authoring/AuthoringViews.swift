import Plot
import ToolkitCore

/// The therapist's own items: the list, the editor with its preview, and import.
enum AuthoringViews {
    // MARK: The form

    /// The editor's fields as posted. Steps and questions are numbered rows; a row left empty is dropped.
    static func input(from form: FormData) -> AuthoredItemInput {
        var input = AuthoredItemInput()
        input.kind = ItemKind(rawValue: form["kind"]) ?? .handout
        input.title = form["title"]
        input.summary = form["summary"]
        input.category = ItemCategory(rawValue: form["category"]) ?? .exercise
        input.components = form.values("components").compactMap(CompassionComponent.init(rawValue:))
        input.minutes = form["minutes"]
        input.situations = form.values("situations").compactMap(Situation.init(rawValue:))
        input.keywords = form["keywords"]
        input.forYou = form["forYou"]
        input.therapistNotes = form["therapistNotes"]
        input.evidence = form["evidence"]
        input.safetyLine = form["safetyLine"]
        input.promptLead = form["promptLead"]
        input.prompts = form["prompts"]
        let stepCount = min(Int(form["stepCount"]) ?? 0, AuthoredItemInput.maximumSteps)
        input.steps = (0..<stepCount).map { index in
            AuthoredItemInput.Step(title: form["step-\(index)-title"], text: form["step-\(index)-text"],
                                   seconds: form["step-\(index)-seconds"], stepBack: form["step-\(index)-back"])
        }
        let fieldCount = min(Int(form["fieldCount"]) ?? 0, AuthoredItemInput.maximumFields)
        input.fields = (0..<fieldCount).map { index in
            AuthoredItemInput.Field(id: Slug.make(form["field-\(index)-id"], maximumLength: 40),
                                    type: WorksheetField.FieldType(rawValue: form["field-\(index)-type"]) ?? .longText,
                                    label: form["field-\(index)-label"], help: form["field-\(index)-help"],
                                    options: form["field-\(index)-options"])
        }
        return input
    }

    // MARK: The list

    struct Listed {
        var row: AuthoredItemStore.Row
        var title: String
        var kind: String
    }

    static func list(user: User, csrfToken: String, items: [Listed], notice: String?) -> String {
        PageLayout(title: "My own items", user: user, csrfToken: csrfToken, scripts: ["authoring.js"], content: .div(
            .p(.class("meta"), .a(.href(SiteURL.library.path), "← Library")),
            .h1("My own items"),
            FormFields.notice(notice),
            .p(.class("lead"), "Write handouts, worksheets, guided practices and prompt sets in your own words. Your clients find them in the library beside everything else, and you can assign and print them the same way."),
            .p("Each item is held to the library's own checks (reading level, safety lines for practices, citation style). Until it passes, it is kept as a draft that only you can see."),
            .h2("Write something new"),
            .ul(.class("action-list"),
                .forEach(AuthoredItemInput.kinds) { kind in
                    .li(.a(.class("button"), .safeAttribute(named: "href", value: SiteURL.authoredItemNew.path + "?kind=" + kind.rawValue),
                           .text("A " + kind.displayName.lowercased())))
                },
                .li(.a(.class("button"), .href(SiteURL.authoredItemImport.path), "Import a library file"))),
            .h2("Your items"),
            .if(items.isEmpty, .p(.class("muted"), "Nothing yet. What you write appears here.")),
            .ul(.class("card-list"), .forEach(items) { listed in
                .li(.class("card"),
                    .h3(.a(.href(SiteURL.authoredItem(listed.row.id).path), .text(listed.title.isEmpty ? "(No title yet)" : listed.title))),
                    .p(.class("meta"), .text(listed.kind + " · " + status(listed.row))),
                    .ul(.class("action-list"),
                        .li(.a(.class("button"), .href(SiteURL.authoredItem(listed.row.id).path), "Edit")),
                        .if(listed.row.source != nil, .li(.a(.class("button"), .href(SiteURL.libraryItem(listed.row.id).path), "View in the library"))),
                        .if(listed.kind == ItemKind.guidedPractice.displayName,
                            .li(.a(.class("button"), .safeAttribute(named: "href", value: VoiceViews.pagePath(listed.row.id)), "Record your voice"))),
                        .li(.a(.class("button"), .href(SiteURL.authoredItemExport(listed.row.id).path), "Download the file")),
                        .if(listed.row.source != nil, .li(.form(.method(.post), .safeAttribute(named: "action", value: SiteURL.authoredItemPublish(listed.row.id).path),
                            FormFields.csrf(csrfToken),
                            .input(.type(.hidden), .name("published"), .value(listed.row.isPublished ? "0" : "1")),
                            .button(.type(.submit), .class("button"), .text(listed.row.isPublished ? "Stop sharing with other therapists" : "Share with every therapist here"))))),
                        .li(.form(.method(.post), .safeAttribute(named: "action", value: SiteURL.authoredItemDelete(listed.row.id).path),
                                  FormFields.csrf(csrfToken),
                                  .button(.type(.submit), .class("button danger"), .attribute(named: "data-confirm", value: "Delete this item? Clients who have it assigned will no longer see it."),
                                          "Delete")))))
            })
        )).render()
    }

    /// The row's state (`AuthoredItemStore.status`) in words.
    static func status(_ row: AuthoredItemStore.Row) -> String {
        switch AuthoredItemStore.status(row) {
        case "live-with-draft": (row.isPublished ? "shared with every therapist" : "in the library for your clients") + "; newer changes wait as a draft"
        case "live": row.isPublished ? "shared with every therapist here" : "in the library for your clients"
        default: "draft, not in the library yet"
        }
    }

    static func notice(_ code: String) -> String? {
        switch code {
        case "saved": "Saved. It is in the library now."
        case "draft": "Saved as a draft. It stays out of the library until the points below are fixed."
        case "published": "Shared: every therapist here can now find, assign and print it."
        case "unpublished": "No longer shared: only you and your clients see it."
        case "deleted": "Deleted."
        case "imported": "Imported. Check it over, then save."
        default: nil
        }
    }

    // MARK: The editor

    struct Editor {
        var user: User
        var csrfToken: String
        var id: String?
        var input: AuthoredItemInput
        var inputProblems: [FieldProblem] = []
        /// The content check's findings for what is saved or previewed.
        var checkProblems: [String] = []
        var notice: String?
        var preview: LibraryItem?
        var idleSeconds: Int
        var isLive = false
    }

    static func editor(_ page: Editor) -> String {
        let input = page.input
        let action = page.id.map { SiteURL.authoredItem($0).path } ?? SiteURL.authoredItemNew.path
        let heading = (page.id == nil ? "New " : "Edit ") + input.kind.displayName.lowercased()
        func error(_ field: String) -> String? { page.inputProblems.first { $0.field == field }?.message }
        return PageLayout(title: heading, user: page.user, csrfToken: page.csrfToken, scripts: ["unsaved-form.js", "authoring.js"], content: .div(
            .class("authoring"),
            .p(.class("meta"), .a(.href(SiteURL.authoredItems.path), "← My own items")),
            .h1(.text(heading)),
            FormFields.notice(page.notice),
            .unwrap(page.id.flatMap { input.kind == .guidedPractice ? $0 : nil }) { id in
                .p(.a(.class("button"), .safeAttribute(named: "href", value: VoiceViews.pagePath(id)), "Record your voice for the steps"),
                   .text(" Saved steps can be recorded; clients hear them in practice mode."))
            },
            .if(!page.inputProblems.isEmpty, .div(
                .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
                .h2("Please check the form"),
                .ul(.forEach(page.inputProblems) { problem in .li(.a(.safeAttribute(named: "href", value: "#field-" + problem.field), .text(problem.message))) }))),
            .if(!page.checkProblems.isEmpty, .div(
                .class("notice check-problems"), .attribute(named: "role", value: "status"),
                .h2("Before it can go in the library"),
                .p(.text(page.isLive ? "Your clients still see the last version that passed. Your changes are kept as a draft." : "It is kept as a draft that only you can see.")),
                .ul(.forEach(page.checkProblems) { .li(.text(Self.sentence($0))) }))),
            .div(.class("editor-layout"),
                .form(.method(.post), .safeAttribute(named: "action", value: action), .id("authoring-form"), .class("authoring-form"),
                      .attribute(named: "data-idle-seconds", value: String(page.idleSeconds)),
                      .attribute(named: "data-keep-alive", value: SiteURL.sessionKeepAlive.path),
                      .attribute(named: "data-preview", value: SiteURL.authoredItemPreview.path),
                      FormFields.csrf(page.csrfToken),
                      .input(.type(.hidden), .name("kind"), .value(input.kind.rawValue)),
                      FormFields.input(name: "title", label: "Title", value: input.title, hint: "What clients see in the library, in a few words.", error: error("title")),
                      FormFields.input(name: "summary", label: "One-line summary", value: input.summary, hint: "Shown under the title in lists and search results."),
                      .div(.class("field"), .label(.for("field-category"), "Where it belongs"),
                           .select(.id("field-category"), .attribute(named: "name", value: "category"),
                                   .forEach(ItemCategory.allCases.filter { $0 != .crisis }) { FormFields.option(value: $0.rawValue, label: $0.displayName, selected: $0 == input.category) })),
                      FormFields.input(name: "minutes", label: "Minutes it takes", value: input.minutes, error: error("minutes"), inputMode: "numeric"),
                      .fieldset(.class("field"), .element(named: "legend", text: "Components of self-compassion it works on"),
                                .forEach(CompassionComponent.allCases) { component in
                                    .label(.class("choice"), .input(.type(.checkbox), .name("components"), .value(component.rawValue),
                                                                    .attribute(named: "checked", value: input.components.contains(component) ? "checked" : nil)),
                                           .text(" " + component.displayName))
                                }),
                      .details(.class("field"), .attribute(named: "open", value: input.situations.isEmpty ? nil : "open"),
                               .summary("Moments it helps with (for the library's buttons)"),
                               .forEach(Situation.allCases) { situation in
                                   .label(.class("choice"), .input(.type(.checkbox), .name("situations"), .value(situation.rawValue),
                                                                   .attribute(named: "checked", value: input.situations.contains(situation) ? "checked" : nil)),
                                          .text(" " + situation.displayName))
                               }),
                      FormFields.input(name: "keywords", label: "Search words (optional)", value: input.keywords, hint: "Words people might search with, separated by commas."),
                      FormFields.textArea(name: "forYou", label: "For the client", value: input.forYou,
                                          hint: "Leave a blank line between paragraphs. Start a line with \"- \" for a list, \"1. \" for numbered steps, \"### \" for a subheading; *stars* make emphasis.",
                                          rows: 10),
                      kindParts(input, error: error),
                      FormFields.textArea(name: "therapistNotes", label: "Notes for therapists (optional)", value: input.therapistNotes,
                                          hint: "Shown to therapists on the item page; never on a client's copy.", rows: 4),
                      FormFields.textArea(name: "evidence", label: "Sources (optional)", value: input.evidence,
                                          hint: "One per line, in APA style: Neff, K. D. (2003). Title. Journal, 2(3), 85-101.", rows: 3),
                      FormFields.idleWarning(what: "this item", saveLabel: "Save now"),
                      .div(.class("player-controls"),
                           .button(.type(.submit), .class("button primary"), .name("action"), .value("save"), "Save"),
                           .button(.type(.submit), .class("button"), .name("action"), .value("preview"), "Preview"))),
                .section(.class("preview-pane"), .id("preview"), .attribute(named: "aria-labelledby", value: "preview-heading"),
                         .attribute(named: "aria-live", value: "polite"),
                         .h2(.id("preview-heading"), "Preview: what a client sees"),
                         .div(.id("preview-body"), .unwrap(page.preview, { previewBody($0) },
                              else: .p(.class("muted"), "Press Preview to see the item as your clients will. Where JavaScript runs, the preview follows as you type.")))))
        )).render()
    }

    /// The item as a client sees it, for the editor's preview pane and its live updates.
    static func previewBody(_ item: LibraryItem) -> Node<HTML.BodyContext> {
        LibraryItemPage(item: item, related: [], library: ContentLibrary(items: []), user: nil, preview: true).article()
    }

    /// What the live preview fetches: the preview and the check's findings as a fragment.
    static func previewFragment(_ item: LibraryItem, problems: [String]) -> String {
        Node<HTML.BodyContext>.group(
            .if(!problems.isEmpty, .div(.class("notice check-problems"),
                .p(.strong("Not ready for the library yet:")),
                .ul(.forEach(problems) { .li(.text(Self.sentence($0))) }))),
            previewBody(item)).render()
    }

    /// A check finding as a sentence: capital first letter, full stop at the end.
    static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        let capitalised = first.uppercased() + text.dropFirst()
        return capitalised.hasSuffix(".") || capitalised.hasSuffix(")") ? capitalised : capitalised + "."
    }

    private static func kindParts(_ input: AuthoredItemInput, error: (String) -> String?) -> Node<HTML.FormContext> {
        switch input.kind {
        case .guidedPractice:
            return .group(
                .fieldset(.class("rows"), .element(named: "legend", text: "Steps"),
                          .p(.class("hint"), "Each step is read in turn in practice mode, with its timer. Leave a step empty to remove it."),
                          .input(.type(.hidden), .name("stepCount"), .value(String(input.steps.count))),
                          .forEach(Array(input.steps.enumerated())) { index, step in
                              .div(.class("row-card"),
                                   .h3(.text("Step \(index + 1)")),
                                   FormFields.input(name: "step-\(index)-title", label: "Step \(index + 1) title", value: step.title),
                                   FormFields.textArea(name: "step-\(index)-text", label: "What to do", value: step.text, rows: 4),
                                   FormFields.input(name: "step-\(index)-seconds", label: "Timer in seconds (optional)", value: step.seconds,
                                                    error: error("step-\(index)-seconds"), inputMode: "numeric"),
                                   FormFields.input(name: "step-\(index)-back", label: "If it's too much (one short line)", value: step.stepBack,
                                                    hint: "Needed where a step turns warmth toward oneself."))
                          },
                          .if(input.steps.count < AuthoredItemInput.maximumSteps,
                              .button(.type(.submit), .class("button"), .name("action"), .value("add-step"), "Add a step"))),
                FormFields.input(name: "safetyLine", label: "Safety line", value: input.safetyLine,
                                 hint: "One sentence shown with the steps: what to do if a step brings up too much."))
        case .worksheet:
            return .fieldset(.class("rows"), .element(named: "legend", text: "Questions"),
                             .p(.class("hint"), "Leave a question empty to remove it. For a choice, put each option on its own line."),
                             .input(.type(.hidden), .name("fieldCount"), .value(String(input.fields.count))),
                             .forEach(Array(input.fields.enumerated())) { index, field in
                                 .div(.class("row-card"),
                                      .input(.type(.hidden), .name("field-\(index)-id"), .safeValue(field.id)),
                                      FormFields.input(name: "field-\(index)-label", label: "Question \(index + 1)", value: field.label),
                                      .div(.class("field"), .label(.for("field-field-\(index)-type"), "Kind of answer"),
                                           .select(.id("field-field-\(index)-type"), .attribute(named: "name", value: "field-\(index)-type"),
                                                   .forEach(fieldTypes) { FormFields.option(value: $0.type.rawValue, label: $0.label, selected: $0.type == field.type) })),
                                      FormFields.input(name: "field-\(index)-help", label: "Hint (optional)", value: field.help),
                                      FormFields.textArea(name: "field-\(index)-options", label: "Options, for a choice", value: field.options, rows: 3))
                             },
                             .if(input.fields.count < AuthoredItemInput.maximumFields,
                                 .button(.type(.submit), .class("button"), .name("action"), .value("add-field"), "Add a question")))
        case .promptSet:
            return .group(
                FormFields.input(name: "promptLead", label: "A line before the prompts", value: input.promptLead),
                FormFields.textArea(name: "prompts", label: "Prompts, one per line", value: input.prompts, rows: 6))
        default:
            return .empty
        }
    }

    static let fieldTypes: [(type: WorksheetField.FieldType, label: String)] = [
        (.longText, "A few lines of writing"), (.shortText, "A short answer"), (.list, "A list"),
        (.rating, "A rating from 0 to 10"), (.choice, "A choice of options"),
    ]

    // MARK: Import

    static func importPage(user: User, csrfToken: String, text: String, problems: [String]) -> String {
        PageLayout(title: "Import a library file", user: user, csrfToken: csrfToken, scripts: ["authoring.js"], content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.authoredItems.path), "← My own items")),
            .h1("Import a library file"),
            .p("Paste an item file here (the format the library's own files use and that \"Download the file\" gives), or choose the file. It opens in the editor as a new item of yours, to check and save."),
            FormFields.errorSummary(problems),
            .form(.method(.post), .action(SiteURL.authoredItemImport.path), .id("import-form"),
                  FormFields.csrf(csrfToken),
                  .div(.class("field"), .label(.for("import-file"), "Choose a file (optional)"),
                       .input(.type(.file), .id("import-file"), .attribute(named: "accept", value: ".md,text/markdown,text/plain"),
                              .attribute(named: "data-fills", value: "field-source"))),
                  FormFields.textArea(name: "source", label: "The file's text", value: text, rows: 16),
                  .button(.type(.submit), .class("button primary"), "Open in the editor"))
        )).render()
    }
}
