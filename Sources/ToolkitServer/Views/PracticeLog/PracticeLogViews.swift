import Foundation
import Plot
import ToolkitCore

/// The practice log's pages: the history (chart, table, before and after, the records), one
/// record, and the record form on its own when it comes back with something to check.
enum PracticeLogViews {
    static func notice(_ key: String) -> String? {
        switch key {
        case "saved": "Saved to your practice log. Only you can see it unless you share it."
        case "deleted": "The record is deleted."
        case "shared": "Your therapist can now see this record. You can stop sharing it at any time."
        case "unshared": "This record is private again. Your therapist can no longer see it."
        default: nil
        }
    }

    static func history(user: User, csrfToken: String, page: PracticeLogStore.Page, history: PracticeHistory?, notice: String?) -> String {
        PageLayout(title: "My practice log", user: user, csrfToken: csrfToken, content: .div(
            .h1("My practice log"),
            FormFields.notice(notice),
            .p(.text("The guided practices you've finished, kept privately for you. To add one, choose a practice in the "),
               .a(.href(SiteURL.library.path + "?kind=" + ItemKind.guidedPractice.rawValue), "library"),
               .text(", start it, and save it when you're done.")),
            .unwrap(history) { history in
                let labels = PracticeChart.Labels(timeZone: history.timeZone)
                return .group(
                    .section(.class("practice-summary"), .attribute(named: "aria-labelledby", value: "practice-weeks-heading"),
                             .h2(.id("practice-weeks-heading"), "Week by week"),
                             .p(.class("lead"), .id("practice-summary"), .text(history.summary)),
                             .div(.class("practice-chart-wrap"), PracticeChart.chart(history, labels: labels)),
                             PracticeChart.table(history, labels: labels)),
                    .section(.attribute(named: "aria-labelledby", value: "practice-change-heading"),
                             .h2(.id("practice-change-heading"), "Before and after"),
                             PracticeChart.change(history)))
            },
            .section(.attribute(named: "aria-labelledby", value: "practice-records-heading"),
                     .h2(.id("practice-records-heading"), .text(history == nil ? "Older records" : "Your records")),
                     .if(page.entries.isEmpty,
                         .p(.class("muted"), .text(history == nil ? "No older records." : "Nothing recorded yet. There's no rush: the log is here whenever you'd like it.")),
                         else: .ul(.class("card-list practice-records"), .forEach(page.entries) { loaded in
                             recordCard(loaded, csrfToken: csrfToken)
                         })),
                     .unwrap(page.hasOlder ? page.entries.last : nil) { last in
                         .p(.a(.href(SiteURL.practiceLog.path + "?before=" + last.id), "Older records"))
                     },
                     .if(history == nil, .p(.a(.href(SiteURL.practiceLog.path), "Back to the newest"))))
        )).render()
    }

    static func recordCard(_ loaded: PracticeLogStore.Loaded, csrfToken: String) -> Node<HTML.ListContext> {
        let record = loaded.entry
        return .li(.class("card"),
                   .h3(.a(.href(SiteURL.practiceRecord(loaded.id).path), .text(record.itemTitle.isEmpty ? "Practice" : record.itemTitle))),
                   .p(.class("meta"), SafetyPlanViews.time(record.finishedAt), .text(" · \(PracticeHistory.count(record.minutes, "minute"))"),
                      .if(loaded.shared, .text(" · shared with your therapist"))),
                   .unwrap(ratingsLine(record)) { .p(.text($0)) },
                   .ul(.class("action-list"),
                       .li(sharingForm(loaded, csrfToken: csrfToken, returnTo: "log")),
                       .li(deleteForm(loaded, csrfToken: csrfToken, label: "Delete"))))
    }

    /// "Distress 6 before, 3 after. Kindness to yourself 4 before, 7 after."; nil with no ratings.
    static func ratingsLine(_ record: PracticeRecord) -> String? {
        func part(_ name: String, _ before: Int?, _ after: Int?) -> String? {
            switch (before, after) {
            case let (before?, after?): "\(name) \(before) before, \(after) after."
            case let (before?, nil): "\(name) \(before) before."
            case let (nil, after?): "\(name) \(after) after."
            case (nil, nil): nil
            }
        }
        let parts = [part("Distress", record.distressBefore, record.distressAfter),
                     part("Kindness to yourself", record.kindnessBefore, record.kindnessAfter)].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    static func sharingForm<C: HTML.BodyContext>(_ loaded: PracticeLogStore.Loaded, csrfToken: String, returnTo: String?) -> Node<C> {
        .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.practiceRecordSharing(loaded.id).path),
              FormFields.csrf(csrfToken),
              .input(.type(.hidden), .name("shared"), .value(loaded.shared ? "0" : "1")),
              .unwrap(returnTo) { .input(.type(.hidden), .name("return"), .value($0)) },
              .button(.type(.submit), .class("button"), .text(loaded.shared ? "Stop sharing" : "Share with my therapist")))
    }

    static func deleteForm<C: HTML.BodyContext>(_ loaded: PracticeLogStore.Loaded, csrfToken: String, label: String) -> Node<C> {
        .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.practiceRecordDelete(loaded.id).path),
              FormFields.csrf(csrfToken),
              .button(.type(.submit), .class("button"), .text(label),
                      .attribute(named: "aria-label", value: "Delete the record of \(loaded.entry.itemTitle)".attributeEscaped)))
    }

    static func show(user: User, csrfToken: String, loaded: PracticeLogStore.Loaded, isPractice: Bool, notice: String?) -> String {
        let record = loaded.entry
        return PageLayout(title: "Practice record", user: user, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.practiceLog.path), "← My practice log")),
            .h1(.text(record.itemTitle.isEmpty ? "Practice record" : record.itemTitle)),
            FormFields.notice(notice),
            .dl(.class("facts"),
                .dt("Finished"), .dd(SafetyPlanViews.time(record.finishedAt)),
                .dt("Minutes"), .dd(.text(String(record.minutes))),
                .dt("Distress (0 to 10)"), .dd(.text(beforeAfter(record.distressBefore, record.distressAfter))),
                .dt("Kindness to yourself (0 to 10)"), .dd(.text(beforeAfter(record.kindnessBefore, record.kindnessAfter)))),
            .if(!record.note.isEmpty, .group(
                .h2("Your note"),
                .div(.class("journal-body"), .forEach(record.note.components(separatedBy: "\n")) { line in
                    line.trimmingCharacters(in: .whitespaces).isEmpty ? .br() : .p(.text(line))
                }))),
            .if(isPractice, .p(.a(.class("button"), .safeAttribute(named: "href", value: SiteURL.libraryPractice(record.itemID).path), "Practise it again"))),
            .section(.attribute(named: "aria-labelledby", value: "sharing"),
                     .h2(.id("sharing"), "Sharing"),
                     .p(.text(loaded.shared
                        ? "Your therapist can see this record. Stopping takes effect straight away."
                        : "Only you can see this record. If you share it, your therapist can see it, but not change it.")),
                     sharingForm(loaded, csrfToken: csrfToken, returnTo: nil)),
            .section(.attribute(named: "aria-labelledby", value: "delete"),
                     .h2(.id("delete"), "Delete"),
                     .p("Deleting can't be undone."),
                     deleteForm(loaded, csrfToken: csrfToken, label: "Delete this record"))
        )).render()
    }

    /// "6 before, 3 after", "not rated".
    static func beforeAfter(_ before: Int?, _ after: Int?) -> String {
        switch (before, after) {
        case let (before?, after?): "\(before) before, \(after) after"
        case let (before?, nil): "\(before) before, not rated after"
        case let (nil, after?): "not rated before, \(after) after"
        case (nil, nil): "not rated"
        }
    }

    /// The record form on its own: back with something to check, or after signing in again.
    static func recordPage(user: User, csrfToken: String, itemTitle: String, input: PracticeRecord.Input, idleSeconds: Int,
                           problems: [PracticeRecord.Problem] = [], notice: String? = nil) -> String {
        PageLayout(title: "Save a practice", user: user, csrfToken: csrfToken, scripts: ["unsaved-form.js"], content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.safeAttribute(named: "href", value: SiteURL.libraryPractice(input.itemID).path), .text("← Back to the practice"))),
            .h1("Save a practice to your log"),
            .p(.class("lead"), .text(itemTitle)),
            FormFields.notice(notice),
            .if(!problems.isEmpty, .div(
                .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
                .h2("Please check the record"),
                .ul(.forEach(problems) { problem in .li(.a(.href("#\(problem.field == "item" ? "minutes" : problem.field)"), .text(problem.message))) }))),
            PracticeRecordForm.form(input: input, itemTitle: itemTitle, csrfToken: csrfToken, idleSeconds: idleSeconds, problems: problems)
        )).render()
    }
}
