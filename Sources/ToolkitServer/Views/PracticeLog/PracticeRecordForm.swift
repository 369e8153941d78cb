import Plot
import ToolkitCore

/// The "I've finished" form: optional ratings before the practice, the practice itself, then
/// optional ratings after, the minutes and a note. It is a plain form, so it works without
/// JavaScript; practice.js only fills the minutes in from its timer.
enum PracticeRecordForm {
    /// What the practice page shows around the player: the form for a signed-in client, a
    /// one-line note for everyone else.
    static func practiceArea(item: LibraryItem, user: User?, csrfToken: String?, idleSeconds: Int?, voice: PracticeVoice? = nil) -> Node<HTML.BodyContext> {
        guard user?.userRole == .client, let csrfToken else {
            return .group(
                PracticePlayer.player(for: item, id: "practice", startLabel: "Start the practice", voice: voice),
                .p(.class("muted practice-log-note"), .text(user == nil
                    ? "If you have a client account, signing in keeps a private log of the practices you finish."
                    : "Clients who are signed in see a short form here to keep a private log of their practice.")))
        }
        return form(input: .prefilled(itemID: item.id, minutes: item.minutes), itemTitle: item.title, csrfToken: csrfToken,
                    idleSeconds: idleSeconds, player: PracticePlayer.player(for: item, id: "practice", startLabel: "Start the practice", voice: voice))
    }

    /// The form, around the player on the practice page or on its own when it comes back with
    /// problems or after signing in again.
    static func form(input: PracticeRecord.Input, itemTitle: String, csrfToken: String, idleSeconds: Int?,
                     problems: [PracticeRecord.Problem] = [], player: Node<HTML.FormContext>? = nil) -> Node<HTML.BodyContext> {
        func error(_ field: String) -> String? { problems.first { $0.field == field }?.message }
        return .form(.method(.post), .action(SiteURL.practiceLog.path), .id("practice-log-form"), .class("practice-log-form"),
                     .attribute(named: "data-idle-seconds", value: idleSeconds.map(String.init)),
                     .attribute(named: "data-keep-alive", value: idleSeconds.map { _ in SiteURL.sessionKeepAlive.path }),
                     FormFields.csrf(csrfToken),
                     .input(.type(.hidden), .name("item"), .safeValue(input.itemID)),
                     // Only shown again if the session ends before saving; the saved title always comes from the library.
                     .input(.type(.hidden), .name("itemTitle"), .safeValue(itemTitle)),
                     .fieldset(.class("practice-ratings"),
                               .element(named: "legend", text: player == nil ? "Before the practice (optional)" : "Before you start (optional)"),
                               .p(.class("hint"), .text("If you like, notice how you are right now. You can skip these; there are no right answers.")),
                               rating("distressBefore", label: "How much distress do you feel?", hint: distressHint, input: input, error: error),
                               rating("kindnessBefore", label: "How kind are you being to yourself right now?", hint: kindnessHint, input: input, error: error)),
                     .unwrap(player) { $0 },
                     .div(.class("practice-finish"),
                              .h2(.id("practice-finish-heading"), .text(player == nil ? "After the practice" : "When you've finished")),
                              .fieldset(.class("practice-ratings"),
                                        .element(named: "legend", text: "How are you now? (optional)"),
                                        rating("distressAfter", label: "How much distress do you feel now?", hint: distressHint, input: input, error: error),
                                        rating("kindnessAfter", label: "How kind are you being to yourself now?", hint: kindnessHint, input: input, error: error)),
                              minutesField(input: input, error: error("minutes")),
                              noteField(input: input, error: error("note")),
                              .if(idleSeconds != nil, FormFields.idleWarning(what: "your practice log", saveLabel: "Save it now")),
                              .button(.type(.submit), .class("button primary"), .text(player == nil ? "Save to my practice log" : "I've finished: save to my practice log")),
                              .p(.class("hint"), .text("Only you can see your practice log unless you choose to share a record with your therapist."))))
    }

    static let distressHint = "0 means none, 10 means the most you can imagine."
    static let kindnessHint = "0 means not at all, 10 means very kind."

    /// A 0-10 choice with "not now" as the default. A select, not radio buttons: pressing Enter
    /// on it never sends the form before the practice has even started.
    static func rating(_ name: String, label: String, hint: String, input: PracticeRecord.Input,
                       error: (String) -> String?) -> Node<HTML.FormContext> {
        let value = input.value(name)
        let message = error(name)
        let known = value.isEmpty || (Int(value).map { PracticeRecord.ratingRange.contains($0) } ?? false)
        return .div(.class(message == nil ? "field" : "field has-error"),
                    .label(.for(name), .text(label)),
                    .p(.class("hint"), .id("\(name)-hint"), .text(hint)),
                    .unwrap(message) { .p(.class("error-text"), .id("\(name)-error"), .text($0)) },
                    .select(.id(name), .attribute(named: "name", value: name),
                            .attribute(named: "aria-describedby", value: message == nil ? "\(name)-hint" : "\(name)-hint \(name)-error"),
                            .attribute(named: "aria-invalid", value: message == nil ? nil : "true"),
                            FormFields.option(value: "", label: "Not now", selected: value.isEmpty),
                            // Something sent that isn't a choice stays visible, so it can be corrected.
                            .if(!known, FormFields.option(value: value, label: value, selected: true)),
                            .forEach(Array(PracticeRecord.ratingRange)) { number in
                                FormFields.option(value: String(number), label: String(number), selected: value == String(number))
                            }))
    }

    static func minutesField(input: PracticeRecord.Input, error: String?) -> Node<HTML.FormContext> {
        let range = PracticeRecord.minutesRange
        return .div(.class(error == nil ? "field" : "field has-error"),
                    .label(.for("minutes"), "Minutes you practised"),
                    .p(.class("field-limit"), .id("minutes-hint"), .attribute(named: "data-role", value: "minutes-hint"),
                       .text("A whole number from \(range.lowerBound) to \(range.upperBound). A rough guess is fine.")),
                    .unwrap(error) { .p(.class("error-text"), .id("minutes-error"), .text($0)) },
                    .input(.type(.number), .id("minutes"), .name("minutes"), .safeValue(input.minutes),
                           .attribute(named: "min", value: String(range.lowerBound)), .attribute(named: "max", value: String(range.upperBound)),
                           .attribute(named: "inputmode", value: "numeric"), .attribute(named: "data-practice-minutes", value: "practice"),
                           .attribute(named: "aria-describedby", value: error == nil ? "minutes-hint" : "minutes-hint minutes-error"),
                           .attribute(named: "aria-invalid", value: error == nil ? nil : "true")))
    }

    static func noteField(input: PracticeRecord.Input, error: String?) -> Node<HTML.FormContext> {
        .div(.class(error == nil ? "field" : "field has-error"),
             .label(.for("note"), "A note for yourself (optional)"),
             .p(.class("field-limit"), .id("note-hint"), .text("Up to \(PracticeRecord.maximumNoteLength) characters. What you noticed, what helped, anything at all.")),
             .unwrap(error) { .p(.class("error-text"), .id("note-error"), .text($0)) },
             .textarea(.id("note"), .name("note"), .rows(3), .attribute(named: "maxlength", value: String(PracticeRecord.maximumNoteLength)),
                       .attribute(named: "aria-describedby", value: error == nil ? "note-hint" : "note-hint note-error"),
                       .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
                       .text(input.note)))
    }

    /// What was typed, as the form sent it.
    static func input(from form: FormData) -> PracticeRecord.Input {
        PracticeRecord.Input(itemID: form["item"], minutes: form["minutes"], distressBefore: form["distressBefore"],
                             kindnessBefore: form["kindnessBefore"], distressAfter: form["distressAfter"],
                             kindnessAfter: form["kindnessAfter"], note: form["note"])
    }
}
