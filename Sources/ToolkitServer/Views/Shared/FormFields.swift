import Plot

/// Form building blocks that always pair a field with its label, hint and error message.
enum FormFields {
    static func csrf<C: HTML.BodyContext>(_ token: String) -> Node<C> {
        // The token can come back from a posted form, so it is escaped like anything typed.
        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .safeValue(token))
    }

    /// A labelled input. `error` is shown next to the field and announced with it.
    static func input<C: HTML.BodyContext>(
        name: String, label: String, type: HTMLInputType = .text, value: String = "",
        hint: String? = nil, error: String? = nil, autocomplete: String? = nil, required: Bool = false,
        inputMode: String? = nil, id: String? = nil
    ) -> Node<C> {
        // Pages with two forms asking for the same field pass their own id, so each label finds its input.
        let id = id ?? "field-\(name)"
        let describedBy = [hint.map { _ in "\(id)-hint" }, error.map { _ in "\(id)-error" }].compactMap { $0 }
        return .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(.for(id), .text(label)),
            .unwrap(hint) { .p(.class("hint"), .id("\(id)-hint"), .text($0)) },
            .unwrap(error) { .p(.class("error-text"), .id("\(id)-error"), .text($0)) },
            .input(
                .type(type), .id(id), .name(name), .safeValue(value),
                .attribute(named: "autocomplete", value: autocomplete),
                .attribute(named: "inputmode", value: inputMode),
                .attribute(named: "aria-describedby", value: describedBy.isEmpty ? nil : describedBy.joined(separator: " ")),
                .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
                .attribute(named: "required", value: required ? "required" : nil)
            )
        )
    }

    static func textArea<C: HTML.BodyContext>(
        name: String, label: String, value: String = "", hint: String? = nil, rows: Int = 4, error: String? = nil
    ) -> Node<C> {
        let id = "field-\(name)"
        return .div(
            .class(error == nil ? "field" : "field has-error"),
            .label(.for(id), .text(label)),
            .unwrap(hint) { .p(.class("hint"), .id("\(id)-hint"), .text($0)) },
            .unwrap(error) { .p(.class("error-text"), .id("\(id)-error"), .text($0)) },
            .textarea(.id(id), .name(name), .rows(rows),
                      .attribute(named: "aria-describedby", value: hint.map { _ in "\(id)-hint" }),
                      .text(value))
        )
    }

    /// A summary of problems at the top of a rejected form, focused by app.js so it is announced.
    static func errorSummary<C: HTML.BodyContext>(_ messages: [String]) -> Node<C> {
        .if(!messages.isEmpty, .div(
            .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
            .h2("Please check the form"),
            .ul(.forEach(messages) { .li(.text($0)) })
        ))
    }

    /// An option with visible text (Plot's `.option` takes attributes only).
    static func option(value: String, label: String, selected: Bool) -> Node<HTML.SelectContext> {
        .element(named: "option", nodes: [
            .attribute(named: "value", value: value.attributeEscaped, ignoreIfValueIsEmpty: false),
            .attribute(named: "selected", value: selected ? "selected" : nil),
            .text(label),
        ])
    }

    static func notice<C: HTML.BodyContext>(_ message: String?) -> Node<C> {
        .unwrap(message) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0)) }
    }

    /// Shown by unsaved-form.js shortly before the session's idle timeout while the form holds
    /// unsaved text; the form needs `data-idle-seconds` and `data-keep-alive`.
    static func idleWarning(what: String, saveLabel: String) -> Node<HTML.FormContext> {
        .div(.class("idle-warning notice"), .id("idle-warning"), .attribute(named: "role", value: "alert"),
             .attribute(named: "hidden", value: "hidden"),
             .p(.strong("You'll be signed out in about 2 minutes"), .text(" to keep \(what) private, and what you've typed isn't saved yet. ")),
             .button(.type(.button), .class("button primary"), .attribute(named: "data-action", value: "stay"), "Stay signed in"),
             .text(" "),
             .button(.type(.submit), .class("button"), .text(saveLabel)))
    }

    /// "Share with my therapist" or "Stop sharing", posting the opposite of the present setting.
    static func sharingToggle<C: HTML.BodyContext>(action: String, shared: Bool, csrfToken: String) -> Node<C> {
        .form(.method(.post), .safeAttribute(named: "action", value: action),
              csrf(csrfToken),
              .input(.type(.hidden), .name("shared"), .value(shared ? "0" : "1")),
              .button(.type(.submit), .class("button"), .text(shared ? "Stop sharing" : "Share with my therapist")))
    }
}
