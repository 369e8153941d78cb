import Plot
import ToolkitCore

/// The fillable form of a library worksheet for a signed-in client, built from the item's typed
/// fields: on the item's own page, when changing a saved sheet, and when a form comes back with
/// something to fix or after signing in again. Works without JavaScript.
enum WorksheetForm {
    /// The form field that carries the answer to the worksheet field with this id.
    static func inputName(_ fieldID: String) -> String { "answer-\(fieldID)" }
    /// The element an error links to: the input, or the group of choices.
    static func elementID(_ fieldID: String) -> String { "ws-\(fieldID)" }

    /// What was typed for each of the worksheet's fields, as sent.
    static func typed(from form: FormData, fields: [WorksheetField]) -> [String: String] {
        var typed: [String: String] = [:]
        for field in fields where form.has(inputName(field.id)) { typed[field.id] = form[inputName(field.id)] }
        return typed
    }

    /// The form, posting a new sheet (`id` nil) or a new version of a saved one.
    static func form(item: LibraryItem, id: String?, values: [String: String], problems: [WorksheetAnswers.Problem] = [],
                     csrfToken: String, idleSeconds: Int) -> Node<HTML.BodyContext> {
        let action = id.map { SiteURL.worksheet($0).path } ?? SiteURL.worksheets.path
        return .group(
            .if(!problems.isEmpty, .div(
                .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
                .h2("Please check the worksheet"),
                .ul(.forEach(problems) { problem in
                    .li(.a(.safeAttribute(named: "href", value: "#" + elementID(problem.field)), .text(problem.message)))
                }))),
            .form(.class("worksheet saved-worksheet"), .id("saved-worksheet-form"), .method(.post), .safeAttribute(named: "action", value: action),
                  .attribute(named: "data-idle-seconds", value: String(idleSeconds)),
                  .attribute(named: "data-keep-alive", value: SiteURL.sessionKeepAlive.path),
                  FormFields.csrf(csrfToken),
                  // Carried so a form held through signing in again can be rebuilt; a saved
                  // sheet's own worksheet always comes from what was saved, never from this.
                  .input(.type(.hidden), .name("item"), .safeValue(item.id)),
                  .forEach(item.fields) { field in
                      self.field(field, value: values[field.id] ?? "", error: problems.first { $0.field == field.id }?.message)
                  },
                  FormFields.idleWarning(what: "your answers", saveLabel: "Save a draft now"),
                  .p(.class("hint"), .text("Only you can see what you save here, unless you choose to share it with your therapist. You can change it later; earlier versions are kept. Everything you save is under "),
                     .a(.href(SiteURL.worksheets.path), "My worksheets"), .text(".")),
                  .div(.class("player-controls"),
                       .button(.type(.submit), .class("button"), .attribute(named: "name", value: "status"),
                               .attribute(named: "value", value: WorksheetStatus.draft.rawValue), "Save draft"),
                       .button(.type(.submit), .class("button primary"), .attribute(named: "name", value: "status"),
                               .attribute(named: "value", value: WorksheetStatus.completed.rawValue), "Save as completed"))))
    }

    private static func field(_ field: WorksheetField, value: String, error: String?) -> Node<HTML.FormContext> {
        let id = elementID(field.id)
        let name = inputName(field.id)
        let describedBy = [field.help.map { _ in "\(id)-hint" }, limit(field).map { _ in "\(id)-limit" }, error.map { _ in "\(id)-error" }]
            .compactMap { $0 }.joined(separator: " ")
        let about: Node<HTML.FormContext> = .group(
            .unwrap(field.help) { .p(.class("hint"), .id("\(id)-hint"), .text($0)) },
            .unwrap(limit(field)) { .p(.class("field-limit"), .id("\(id)-limit"), .text($0)) },
            .unwrap(error) { .p(.class("error-text"), .id("\(id)-error"), .text($0)) })
        let invalid = error == nil ? nil : "true"
        let fieldClass = error == nil ? "field write-field" : "field write-field has-error"
        switch field.type {
        case .shortText:
            return .div(.class(fieldClass), .label(.for(id), .text(field.label)), about,
                        .input(.type(.text), .id(id), .name(name), .safeValue(value),
                               .attribute(named: "aria-describedby", value: describedBy.isEmpty ? nil : describedBy),
                               .attribute(named: "aria-invalid", value: invalid)))
        case .longText, .list:
            return .div(.class(fieldClass), .label(.for(id), .text(field.label)), about,
                        .textarea(.id(id), .name(name), .rows(max(4, field.lines ?? 4) + (field.type == .longText ? 2 : 0)),
                                  .attribute(named: "aria-describedby", value: describedBy.isEmpty ? nil : describedBy),
                                  .attribute(named: "aria-invalid", value: invalid), .text(value)))
        case .rating:
            let chosen = Int(value.trimmingCharacters(in: .whitespaces))
            return .fieldset(.class(fieldClass), .id(id), .attribute(named: "aria-describedby", value: describedBy.isEmpty ? nil : describedBy),
                             .element(named: "legend", text: field.label), about,
                             .div(.class("rating"),
                                  .forEach(0...10) { number in
                                      .label(.input(.type(.radio), .name(name), .value(String(number)), .checked(chosen == number)),
                                             .span(.text(String(number))))
                                  },
                                  .label(.class("rating-skip"), blankChoice(name),
                                         .span("Leave blank"))))
        case .choice:
            return .fieldset(.class(fieldClass), .id(id), .attribute(named: "aria-describedby", value: describedBy.isEmpty ? nil : describedBy),
                             .element(named: "legend", text: field.label), about,
                             .forEach(field.options ?? []) { option in
                                 .label(.class("choice"), .input(.type(.radio), .name(name), .safeValue(option), .checked(option == value)),
                                        .text(" " + option))
                             },
                             .label(.class("choice"), blankChoice(name), .text(" Leave blank")))
        }
    }

    /// "Leave blank": radios can't be cleared once chosen, so this one clears the answer. Its
    /// value must be sent as empty (a radio without a value sends "on").
    private static func blankChoice(_ name: String) -> Node<HTML.LabelContext> {
        .input(.type(.radio), .name(name), Attribute(name: "value", value: "", ignoreIfValueIsEmpty: false))
    }

    private static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        return String(digits.enumerated().flatMap { index, digit in
            (index > 0 && (digits.count - index) % 3 == 0 ? [","] : []) + [digit]
        })
    }

    /// The limit said beside each field that has one.
    static func limit(_ field: WorksheetField) -> String? {
        let limits = WorksheetAnswers.Limits.self
        switch field.type {
        case .shortText: return "Up to \(limits.shortText) characters."
        case .longText: return "Up to \(grouped(limits.longText)) characters."
        case .list: return "One per line, up to \(limits.listItems) lines of up to \(limits.listItemLength) characters each."
        case .rating, .choice: return nil
        }
    }
}
