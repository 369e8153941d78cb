import Plot
import ToolkitCore

/// The therapist's assignment form: the item (new assignments only), a personal note and the
/// schedule. A rejected form comes back with everything as it was typed.
enum AssignmentForm {
    /// Kinds in the order the item list groups them.
    static let kindOrder: [ItemKind] = [.guidedPractice, .grounding, .worksheet, .program, .promptSet, .handout, .script]

    static func form(action: String, input: AssignmentInput, problems: [AssignmentSchedule.Problem], library: ContentLibrary,
                     choosesItem: Bool, csrfToken: String, submitLabel: String) -> Node<HTML.BodyContext> {
        func error(_ field: String) -> String? {
            let messages = problems.filter { $0.field == field }.map(\.message)
            return messages.isEmpty ? nil : messages.joined(separator: " ")
        }
        let frequency = input.frequency
        return .group(
            FormFields.errorSummary(problems.map(\.message)),
            .form(.method(.post), .safeAttribute(named: "action", value: action), .class("assignment-form"),
                  FormFields.csrf(csrfToken),
                  .if(choosesItem, .div(
                      .class(error("item") == nil ? "field" : "field has-error"),
                      .label(.for("field-item"), "What to assign"),
                      .unwrap(error("item")) { .p(.class("error-text"), .id("field-item-error"), .text($0)) },
                      .select(.id("field-item"), .attribute(named: "name", value: "item"),
                              .attribute(named: "aria-invalid", value: error("item") == nil ? nil : "true"),
                              FormFields.option(value: "", label: "Choose an item", selected: input.itemID.isEmpty),
                              .forEach(kindOrder) { kind in
                                  let items = library.items.filter { $0.kind == kind }
                                  return .if(!items.isEmpty, .element(named: "optgroup", nodes: [
                                      .attribute(named: "label", value: kind.displayName),
                                      .forEach(items) { item in FormFields.option(value: item.id, label: item.title, selected: item.id == input.itemID) },
                                  ]))
                              }))),
                  .div(.class(error("note") == nil ? "field" : "field has-error"),
                       .label(.for("field-note"), "A note for your client"),
                       .p(.class("field-limit"), .id("field-note-hint"),
                          .text("Why this, and anything that helps. Your client sees it. Up to \(AssignmentInput.maximumNoteLength) characters.")),
                       .unwrap(error("note")) { .p(.class("error-text"), .text($0)) },
                       .textarea(.id("field-note"), .name("note"), .rows(4), .attribute(named: "aria-describedby", value: "field-note-hint"),
                                 .attribute(named: "maxlength", value: String(AssignmentInput.maximumNoteLength)),
                                 .text(input.note))),
                  .fieldset(.class(error("frequency") == nil ? "" : "has-error"),
                            .element(named: "legend", text: "How often"),
                            .unwrap(error("frequency")) { .p(.class("error-text"), .text($0)) },
                            .forEach(AssignmentSchedule.Frequency.allCases) { option in
                                .label(.class("choice"),
                                       .input(.type(.radio), .name("frequency"), .value(option.rawValue),
                                              .attribute(named: "checked", value: option.rawValue == frequency ? "checked" : nil)),
                                       .text(" " + option.displayName))
                            }),
                  .div(.class(error("timesPerWeek") == nil ? "field" : "field has-error"),
                       .label(.for("field-timesPerWeek"), "Times a week (for \"a number of times a week\")"),
                       .p(.class("field-limit"), "From 1 to 7."),
                       .unwrap(error("timesPerWeek")) { .p(.class("error-text"), .text($0)) },
                       .input(.type(.number), .id("field-timesPerWeek"), .name("timesPerWeek"), .safeValue(input.timesPerWeek),
                              .attribute(named: "min", value: "1"), .attribute(named: "max", value: "7"))),
                  .fieldset(.class(error("weekdays") == nil ? "" : "has-error"),
                            .element(named: "legend", text: "Which days (for \"on chosen days of the week\")"),
                            .unwrap(error("weekdays")) { .p(.class("error-text"), .text($0)) },
                            .forEach(Array(AssignmentSchedule.weekdayNames.enumerated())) { index, name in
                                .label(.class("choice"),
                                       .input(.type(.checkbox), .name("weekdays"), .value(String(index + 1)),
                                              .attribute(named: "checked", value: input.weekdays.contains(String(index + 1)) ? "checked" : nil)),
                                       .text(" " + name))
                            }),
                  .div(.class("form-pair"),
                       FormFields.input(name: "start", label: "From", type: .date, value: input.start,
                                        hint: "The first day, on your client's calendar.", error: error("start"), required: true),
                       FormFields.input(name: "end", label: "Until (optional)", type: .date, value: input.end,
                                        hint: "The last day. Leave empty for no end.", error: error("end"))),
                  .button(.type(.submit), .class("button primary"), .text(submitLabel))))
    }

    static func input(from form: FormData) -> AssignmentInput {
        AssignmentInput(itemID: form["item"], note: form["note"], frequency: form["frequency"], timesPerWeek: form["timesPerWeek"],
                        weekdays: form.values("weekdays"), start: form["start"], end: form["end"])
    }
}
