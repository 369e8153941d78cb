import Foundation
import Plot
import ToolkitCore

/// A client's saved worksheets: the list, one sheet, its versions, and the form to fill or change one.
enum WorksheetViews {
    static func notice(_ key: String) -> String? {
        switch key {
        case "saved-draft": "Saved as a draft. Only you can see it unless you share it. Come back to it whenever you like."
        case "saved-completed": "Saved as completed. Only you can see it unless you share it. You can still change it later."
        case "deleted": "The worksheet is deleted, with all its versions."
        case "shared": "Your therapist can now read this worksheet. You can stop sharing it at any time."
        case "unshared": "This worksheet is private again. Your therapist can no longer read it."
        default: nil
        }
    }

    static let notFound = "We couldn't find that worksheet. It may have been deleted; your other worksheets are under My worksheets."

    /// The worksheet's title now, or as it read when saved if it has left the library.
    static func title(_ sheet: SavedWorksheet, item: LibraryItem?) -> String { item?.title ?? sheet.title }

    static func list(user: User, csrfToken: String, sheets: [WorksheetStore.Loaded], library: ContentLibrary, notice: String?) -> String {
        PageLayout(title: "My worksheets", user: user, csrfToken: csrfToken, content: .div(
            .h1("My worksheets"),
            FormFields.notice(notice),
            .p("Worksheets you have filled in and saved. Only you can read them, unless you choose to share one with your therapist."),
            .p(.a(.class("button primary"), .href(SiteURL.library.path + "?kind=worksheet"), "Find a worksheet to fill in")),
            .if(sheets.isEmpty,
                .p(.class("muted"), "Nothing saved yet. Open any worksheet in the library, fill in as much as you like, and save it here."),
                else: .ul(.class("card-list"), .forEach(sheets) { loaded in
                    .li(.class("card"),
                        .h2(.class("h3"), .a(.href(SiteURL.worksheet(loaded.id).path), .text(title(loaded.sheet, item: library.item(loaded.sheet.itemID))))),
                        .p(.class("meta"), .text("\(loaded.sheet.status.displayName) · last changed "), SafetyPlanViews.time(loaded.savedAt),
                           .if(loaded.shared, .text(" · shared with your therapist"))))
                }))
        )).render()
    }

    /// A page holding the form: changing a saved sheet, or a form sent back with something to fix.
    static func fill(user: User, csrfToken: String, item: LibraryItem, id: String?, values: [String: String],
                     problems: [WorksheetAnswers.Problem] = [], notice: String? = nil, idleSeconds: Int) -> String {
        PageLayout(title: item.title, user: user, csrfToken: csrfToken, scripts: ["unsaved-form.js"], content: .div(
            .class("narrow"),
            .p(.class("meta"),
               .unwrap(id) { .a(.href(SiteURL.worksheet($0).path), "← Back to the saved worksheet") },
               .if(id == nil, .a(.href(SiteURL.libraryItem(item.id).path), .text("← \(item.title)")))),
            .h1(.text(item.title)),
            FormFields.notice(notice),
            .p(.class("lead"), .text(item.summary)),
            WorksheetForm.form(item: item, id: id, values: values, problems: problems, csrfToken: csrfToken, idleSeconds: idleSeconds)
        )).render()
    }

    static func show(user: User, csrfToken: String, loaded: WorksheetStore.Loaded, item: LibraryItem?, notice: String?) -> String {
        let title = title(loaded.sheet, item: item)
        return PageLayout(title: title, user: user, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.worksheets.path), "← My worksheets")),
            .h1(.text(title)),
            FormFields.notice(notice),
            about(loaded),
            .ul(.class("action-list"),
                .if(item != nil, .li(.a(.class("button primary"), .href(SiteURL.worksheetEdit(loaded.id).path), "Change it"))),
                .li(.a(.class("button"), .href(SiteURL.worksheetPrint(loaded.id).path), "Print it filled in")),
                .li(.a(.class("button"), .href(SiteURL.worksheetVersions(loaded.id).path), .text("Earlier versions (\(loaded.currentVersion))"))),
                .if(item != nil, .li(.a(.class("button"), .href(SiteURL.libraryItem(loaded.sheet.itemID).path), "About this worksheet")))),
            .if(item == nil, .p(.class("muted"), "This worksheet is no longer in the library, so it can't be changed. What you saved is all here.")),
            answers(loaded.sheet, item: item),
            .section(.attribute(named: "aria-labelledby", value: "sharing"),
                     .h2(.id("sharing"), "Sharing"),
                     .p(.text(loaded.shared
                        ? "Your therapist can read this worksheet as it is now. Stopping takes effect straight away."
                        : "Only you can read this worksheet. If you share it, your therapist can read it, but not change it.")),
                     FormFields.sharingToggle(action: SiteURL.worksheetSharing(loaded.id).path, shared: loaded.shared, csrfToken: csrfToken)),
            .section(.attribute(named: "aria-labelledby", value: "delete"),
                     .h2(.id("delete"), "Delete"),
                     .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.worksheetDelete(loaded.id).path),
                           FormFields.csrf(csrfToken),
                           .p("Deleting removes this worksheet and all its earlier versions. It can't be undone."),
                           .button(.type(.submit), .class("button"), "Delete this worksheet")))
        )).render()
    }

    /// An earlier (or the current) version, read-only.
    static func version(user: User, csrfToken: String, loaded: WorksheetStore.Loaded, item: LibraryItem?) -> String {
        let title = title(loaded.sheet, item: item)
        return PageLayout(title: "\(title), version \(loaded.version)", user: user, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.worksheetVersions(loaded.id).path), "← All versions")),
            .h1(.text(title)),
            .p(.class("notice"), .text(loaded.isCurrent
                ? "This is the current version (version \(loaded.version))."
                : "You are looking at an earlier version: version \(loaded.version) of \(loaded.currentVersion). "),
               .if(!loaded.isCurrent, .a(.href(SiteURL.worksheet(loaded.id).path), "Go to the current version"))),
            about(loaded),
            answers(loaded.sheet, item: item)
        )).render()
    }

    static func versions(user: User, csrfToken: String, history: [WorksheetStore.Loaded], item: LibraryItem?) -> String {
        let newest = history[0]
        let title = title(newest.sheet, item: item)
        return PageLayout(title: "Versions of \(title)", user: user, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.worksheet(newest.id).path), .text("← \(title)"))),
            .h1("Earlier versions"),
            .p(.text("Every time you save \(title), the version before is kept, so you can look back at it.")),
            .ol(.class("version-list"), .attribute(named: "reversed", value: "reversed"), .forEach(history) { loaded in
                .li(.a(.href(SiteURL.worksheetVersion(loaded.id, loaded.version).path),
                       .text("Version \(loaded.version)"), .text(loaded.isCurrent ? " (current)" : "")),
                    .text(" · \(loaded.sheet.status.displayName) · saved "), SafetyPlanViews.time(loaded.savedAt))
            })
        )).render()
    }

    private static func about<C: HTML.BodyContext>(_ loaded: WorksheetStore.Loaded) -> Node<C> {
        .p(.class("meta"), .text("\(loaded.sheet.status.displayName) · version \(loaded.version), saved "), SafetyPlanViews.time(loaded.savedAt),
           .if(loaded.shared && loaded.isCurrent, .text(" · shared with your therapist")))
    }

    /// Every answer under its question, in the worksheet's own order; answers to questions the
    /// worksheet no longer asks follow, so nothing saved is ever hidden. Nothing is cut short.
    static func answers<C: HTML.BodyContext>(_ sheet: SavedWorksheet, item: LibraryItem?, headingLevel: Int = 2) -> Node<C> {
        let fields = item?.fields ?? []
        let known = Set(fields.map(\.id))
        let questions = fields.map { Question(id: $0.id, label: $0.label, type: $0.type, options: $0.options ?? []) }
            + sheet.answers.values.keys.filter { !known.contains($0) }.sorted()
            .map { Question(id: $0, label: $0.replacingOccurrences(of: "-", with: " "), type: .longText, options: []) }
        return .div(.class("worksheet-answers"), .forEach(questions) { question in
            .section(.class("filled-field"),
                     .element(named: headingLevel == 2 ? "h2" : "h3", nodes: [.class("h3"), .text(question.label)]),
                     answer(sheet.answers[question.id], to: question))
        })
    }

    private struct Question {
        var id: String
        var label: String
        var type: WorksheetField.FieldType
        var options: [String]
    }

    private static func answer<C: HTML.BodyContext>(_ answer: WorksheetAnswer?, to question: Question) -> Node<C> {
        switch answer {
        case nil:
            return .p(.class("muted"), "Not filled in.")
        case .text(let text)? where question.type == .choice:
            let options = question.options.contains(text) ? question.options : [text]
            return .ul(.class("choice-answer"), .forEach(options) { option -> Node<HTML.ListContext> in
                if option == text {
                    return .li(.class("chosen"), .strong(.text("☑ " + option)), .span(.class("visually-hidden"), " (chosen)"))
                }
                return .li(.text("☐ " + option))
            })
        case .text(let text)?:
            return .p(.class("answer-text"), .text(text))
        case .rating(let number)?:
            return .div(.class("rating-answer"),
                        .p(.class("rating-scale"), .attribute(named: "aria-hidden", value: "true"), .forEach(0...10) { value in
                            .span(.class(value == number ? "rating-mark chosen" : "rating-mark"), .text(String(value)))
                        }),
                        .p(.strong(.text("Rating: \(number) of 10"))))
        case .list(let lines)?:
            return .ul(.class("answer-list"), .forEach(lines) { .li(.text($0)) })
        }
    }

    /// The paper version: the worksheet's title and questions with every answer in full. Only
    /// what the client wrote and the questions they answered: no therapist notes, evidence or
    /// related items.
    static func printPage(loaded: WorksheetStore.Loaded, item: LibraryItem?) -> String {
        let title = title(loaded.sheet, item: item)
        return PageLayout(title: title, chrome: false, bodyClass: "print", content: .div(
            .p(.class("no-print"), .a(.href(SiteURL.worksheet(loaded.id).path), "← Back to the worksheet"), " · ",
               .button(.type(.button), .class("link-button"), .attribute(named: "data-print", value: "page"), "Print this page")),
            .article(.class("filled-worksheet"),
                     .h1(.text(title)),
                     .p(.class("meta"), .text("\(loaded.sheet.status.displayName) · saved \(SafetyPlanViews.dateText(loaded.savedAt))")),
                     answers(loaded.sheet, item: item),
                     .p(.class("print-footer"), .text("Self-Compassion Toolkit · \(title)")))
        )).render()
    }

    /// A therapist's view of what their client shares: each shared sheet as it is now.
    static func shared(therapist: User, csrfToken: String, client: User, sheets: [WorksheetStore.Loaded], library: ContentLibrary) -> String {
        PageLayout(title: "Shared worksheets", user: therapist, csrfToken: csrfToken, content: .div(
            .p(.class("meta"), .a(.href(SiteURL.clients.path), "← My clients")),
            .h1(.text("Worksheets \(client.name) shares with you")),
            .p("Only the worksheets your client has chosen to share are shown, as they are now. Your client can stop sharing at any time."),
            .if(sheets.isEmpty, .p(.class("muted"), "Nothing is shared at the moment."),
                else: .forEach(sheets) { loaded in
                    .section(.class("card"),
                             .h2(.text(title(loaded.sheet, item: library.item(loaded.sheet.itemID)))),
                             .p(.class("meta"), .text("\(loaded.sheet.status.displayName) · saved "), SafetyPlanViews.time(loaded.savedAt)),
                             answers(loaded.sheet, item: library.item(loaded.sheet.itemID), headingLevel: 3))
                })
        )).render()
    }
}
