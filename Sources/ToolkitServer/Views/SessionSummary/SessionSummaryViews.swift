import Foundation
import Plot
import ToolkitCore

/// "Before your next session": the client's preview-and-send page, a sent summary as the client
/// and the therapist read it, and the printable body they share. The preview is drawn by the same
/// `body` the therapist's page uses, so what the client sees is exactly what is sent.
enum SessionSummaryViews {
    /// What the form holds, exactly as typed.
    struct Form: Sendable {
        var from: String
        var included: Set<SessionSummary.Part>
        var note: String

        init(from: String, included: Set<SessionSummary.Part> = Set(SessionSummary.Part.allCases), note: String = "") {
            self.from = from
            self.included = included
            self.note = note
        }

        init(_ form: FormData) {
            from = form["from"].trimmingCharacters(in: .whitespaces)
            included = Set(form.values("include").compactMap(SessionSummary.Part.init(rawValue:)))
            note = form["note"]
        }

        var leftOut: Set<SessionSummary.Part> { Set(SessionSummary.Part.allCases).subtracting(included) }
    }

    static func notice(_ code: String?) -> String? {
        switch code {
        case "taken-back": "Taken back. Your therapist no longer sees that summary, and it has been deleted."
        default: nil
        }
    }

    /// "18 November to 2 December".
    static func span(_ summary: SessionSummary, calendar: Calendar) -> String {
        "\(ClientCalendar.text(summary.from, in: calendar)) to \(ClientCalendar.text(summary.through, in: calendar))"
    }

    // MARK: The client's page

    static func page(user: User, csrfToken: String, form: Form, preview: SessionSummary?, therapistName: String?,
                     sent: [SessionSummaryStore.Loaded], calendar: Calendar, idleSeconds: Int,
                     problems: [SessionSummaryRequest.Problem] = [], notice: String? = nil) -> String {
        PageLayout(title: "Before your next session", user: user, csrfToken: csrfToken, scripts: ["unsaved-form.js"], content: .div(
            .class("narrow session-summary"),
            .p(.class("meta"), .a(.href(SiteURL.today.path), "← Today")),
            .h1("Before your next session"),
            FormFields.notice(notice),
            .if(!problems.isEmpty, .div(
                .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
                .h2("Please check the form"),
                .ul(.forEach(problems) { problem in
                    .li(.a(.safeAttribute(named: "href", value: "#field-\(problem.field)"), .text(problem.message)))
                }))),
            .unwrap(therapistName, { name in
                .group(
                    .p(.class("lead"), .text("Put together a short summary for \(name) of how things have gone since your last session. "
                                             + "Below is exactly what they will see. Leave out anything you'd rather not send; nothing is sent until you press Send.")),
                    summaryForm(csrfToken: csrfToken, form: form, therapistName: name, idleSeconds: idleSeconds, problems: problems),
                    .section(.class("card summary-preview"), .attribute(named: "aria-labelledby", value: "preview-heading"),
                             .h2(.id("preview-heading"), .text("What \(name) will see")),
                             .unwrap(preview, { body($0, calendar: calendar, headingLevel: 3) },
                                     else: .p(.class("muted"), "Press \"Update the preview\" to see it again.")))
                )
            }, else: .p(.class("lead"), "A summary goes to your therapist, and your account isn't linked to one yet. When it is, you can send one from here.")),
            .if(!sent.isEmpty, .section(.attribute(named: "aria-labelledby", value: "sent-heading"),
                .h2(.id("sent-heading"), "Summaries you've sent"),
                .ul(.class("card-list"), .forEach(sent) { loaded in
                    .li(.class("card"),
                        .a(.href(SiteURL.sessionSummarySent(loaded.id).path), .text(span(loaded.entry, calendar: calendar))),
                        .p(.class("meta"), .text("Sent \(RosterRules.dayText(loaded.createdAt, in: calendar))"
                                                 + (loaded.shared ? "" : " · no longer shared"))))
                }))),
            ItemParts.crisisPointer()
        )).render()
    }

    /// The form after signing in again: what was typed, with the preview to be drawn afresh.
    static func resumed(user: User, csrfToken: String, form: Form, idleSeconds: Int, notice: String) -> String {
        page(user: user, csrfToken: csrfToken, form: form, preview: nil, therapistName: "your therapist", sent: [],
             calendar: DisplayTime.calendar, idleSeconds: idleSeconds, notice: notice)
    }

    private static func summaryForm(csrfToken: String, form: Form, therapistName: String, idleSeconds: Int,
                             problems: [SessionSummaryRequest.Problem]) -> Node<HTML.BodyContext> {
        let fromError = problems.first { $0.field == "from" }?.message
        let noteError = problems.first { $0.field == "note" }?.message
        return .form(.method(.post), .action(SiteURL.sessionSummary.path), .id("session-summary-form"),
                     .attribute(named: "data-idle-seconds", value: String(idleSeconds)),
                     .attribute(named: "data-keep-alive", value: SiteURL.sessionKeepAlive.path),
                     FormFields.csrf(csrfToken),
                     FormFields.input(name: "from", label: "Starting from", type: .date, value: form.from,
                                      hint: "Usually the day of your last session. A summary covers up to \(SessionSummaryRequest.longestSpanDays) days, up to today.",
                                      error: fromError),
                     .fieldset(.class("field"),
                               .element(named: "legend", text: "What to include"),
                               .forEach(SessionSummary.Part.allCases) { part in
                                   .div(.class("choice-row"),
                                        .label(.class("choice"),
                                               .input(.type(.checkbox), .name("include"), .value(part.rawValue),
                                                      .attribute(named: "checked", value: form.included.contains(part) ? "checked" : nil),
                                                      .attribute(named: "aria-describedby", value: "include-\(part.rawValue)-hint")),
                                               .span(.text(part.title))),
                                        .p(.class("hint"), .id("include-\(part.rawValue)-hint"), .text(part.explanation)))
                               }),
                     .div(.class(noteError == nil ? "field" : "field has-error"),
                          .label(.for("field-note"), "Anything you'd like to talk about (optional)"),
                          .p(.class("hint"), .id("field-note-hint"), .text("\(therapistName) reads this with the rest. Up to \(SessionSummaryRequest.maximumNoteLength) characters.")),
                          .unwrap(noteError) { .p(.class("error-text"), .id("field-note-error"), .text($0)) },
                          .textarea(.id("field-note"), .name("note"), .rows(5),
                                    .attribute(named: "aria-describedby", value: noteError == nil ? "field-note-hint" : "field-note-hint field-note-error"),
                                    .attribute(named: "aria-invalid", value: noteError == nil ? nil : "true"),
                                    .text(form.note))),
                     FormFields.idleWarning(what: "your note", saveLabel: "Keep my note on the page"),
                     .div(.class("action-list"),
                          .button(.type(.submit), .class("button"), .name("action"), .value("preview"), "Update the preview"),
                          .text(" "),
                          .button(.type(.submit), .class("button primary"), .name("action"), .value("send"), .text("Send to \(therapistName)"))))
    }

    // MARK: A sent summary

    /// The client's own copy of a summary they sent.
    static func sentPage(user: User, csrfToken: String, loaded: SessionSummaryStore.Loaded, calendar: Calendar) -> String {
        PageLayout(title: "Summary before a session", user: user, csrfToken: csrfToken, content: .div(
            .class("narrow session-summary"),
            .p(.class("meta no-print"), .a(.href(SiteURL.sessionSummary.path), "← Before your next session")),
            .h1(.text("Summary: \(span(loaded.entry, calendar: calendar))")),
            .p(.class("notice"), .text(loaded.shared
                ? "Sent \(RosterRules.dayText(loaded.createdAt, in: calendar)). Your therapist sees exactly this. You can take it back at any time."
                : "You stopped sharing this summary: your therapist no longer sees it.")),
            body(loaded.entry, calendar: calendar, headingLevel: 2),
            .div(.class("action-list no-print"),
                 .button(.type(.button), .class("button"), .attribute(named: "data-print", value: "page"), "Print"),
                 .form(.method(.post), .action(SiteURL.sessionSummaryTakeBack(loaded.id).path),
                       FormFields.csrf(csrfToken),
                       .button(.type(.submit), .class("button"), "Take it back and delete it")))
        )).render()
    }

    /// What a summary says, part by part: a sentence each, with a table where there are numbers.
    static func body(_ summary: SessionSummary, calendar: Calendar, headingLevel: Int) -> Node<HTML.BodyContext> {
        let heading = { (text: String) -> Node<HTML.BodyContext> in .element(named: "h\(headingLevel)", nodes: [.text(text)]) }
        return .div(.class("summary-body"),
            .p(.class("meta"), .text("From \(span(summary, calendar: calendar)).")),
            .unwrap(summary.assignments) { lines in
                .section(heading(SessionSummary.Part.assignments.title),
                         .p(.text(summary.assignmentsSentence ?? "")),
                         .if(!lines.isEmpty, .div(.class("table-wrap"), .table(.class("data-table"),
                             .caption(.text("Each assignment in this time")),
                             .thead(.tr(.th(.attribute(named: "scope", value: "col"), "Assignment"),
                                        .th(.attribute(named: "scope", value: "col"), "Done"),
                                        .th(.attribute(named: "scope", value: "col"), "Minutes"),
                                        .th(.attribute(named: "scope", value: "col"), "Weeks aside"))),
                             .tbody(.forEach(lines) { line in
                                 .tr(.th(.attribute(named: "scope", value: "row"), .text(line.title)),
                                     .td(.text("\(line.done) of \(line.planned)")), .td(.text(String(line.minutes))),
                                     .td(.text(line.weeksSetAside == 0 ? "–" : String(line.weeksSetAside))))
                             })))),
                         .forEach(lines.filter { !$0.reasons.isEmpty }) { line in
                             .p(.text("\"Not this week\" for \(line.title): " + line.reasons.map { "\u{201C}\($0)\u{201D}" }.joined(separator: ", ")))
                         })
            },
            .unwrap(summary.practice) { _ in
                .section(heading(SessionSummary.Part.practice.title), .p(.text(summary.practiceSentence ?? "")))
            },
            .unwrap(summary.ratings) { ratings in
                .section(heading(SessionSummary.Part.ratings.title),
                         .p(.text(summary.ratingsSentence ?? "")),
                         .if(!ratings.weeks.isEmpty, .div(.class("table-wrap"), .table(.class("data-table"),
                             .caption(.text("Week by week: averages before → after, 0 to 10")),
                             .thead(.tr(.th(.attribute(named: "scope", value: "col"), "Week of"),
                                        .th(.attribute(named: "scope", value: "col"), "Distress"),
                                        .th(.attribute(named: "scope", value: "col"), "Kindness to oneself"))),
                             .tbody(.forEach(ratings.weeks) { week in
                                 .tr(.th(.attribute(named: "scope", value: "row"), .text(ClientCalendar.text(week.start, in: calendar))),
                                     .td(.text(pair(week.distress))), .td(.text(pair(week.kindness))))
                             })))))
            },
            .unwrap(summary.shared) { _ in
                .section(heading(SessionSummary.Part.shared.title), .p(.text(summary.sharedSentence ?? "")))
            },
            .if(!summary.note.isEmpty, .section(heading("In their own words"),
                .div(.class("summary-note"), .forEach(summary.note.components(separatedBy: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                    .p(.text($0))
                }))),
            .if(summary.includedParts.isEmpty && summary.note.isEmpty, .p(.class("muted"), "Nothing is included."))
        )
    }

    private static func pair(_ pair: SessionSummary.Pair?) -> String {
        guard let pair else { return "–" }
        return "\(PracticeHistory.decimal(pair.before)) → \(PracticeHistory.decimal(pair.after)) (\(pair.records))"
    }
}
