import Foundation
import Plot
import ToolkitCore

/// One assignment as every page shows it: the item, where it stands today, this week and the
/// last weeks, and how many of a program's weeks have opened.
struct AssignmentSummary: Sendable {
    var assignment: AssignmentStore.Assignment
    var item: LibraryItem?
    var state: AssignmentDueState
    var thisWeek: AssignmentWeek
    var weeks: [AssignmentWeek]
    var opened: Int
    var setAsideReason: String?

    static let weekCount = 8

    static func all(_ overview: AssignmentStore.Overview, library: ContentLibrary, today: CalendarDay, calendar: Calendar,
                    weekCount: Int = weekCount) -> [AssignmentSummary] {
        overview.assignments.map { assignment in
            let progress = overview.progress(of: assignment, calendar: calendar)
            let item = library.item(assignment.itemID)
            let monday = AssignmentSchedule.weekStart(of: today, calendar: calendar)
            return AssignmentSummary(
                assignment: assignment, item: item, state: progress.state(on: today), thisWeek: progress.week(of: today),
                weeks: progress.weeks(endingWith: today, count: weekCount),
                opened: ProgramWeeks.opened(start: assignment.schedule.start, today: today, weekCount: item?.weeks.count ?? 0, calendar: calendar),
                setAsideReason: overview.setAside.first { $0.assignmentID == assignment.id && $0.week == monday }?.reason)
        }
    }

    var title: String { item?.title ?? "An item no longer in the library" }
    var isRunning: Bool { state != .ended && state != .done }
    var isDone: Bool { [.doneToday, .doneThisWeek, .done].contains(state) }

    /// Calm words for where it stands: no red, no "missed".
    func stateText(calendar: Calendar) -> String {
        switch state {
        case .notStarted: "starts on \(ClientCalendar.text(assignment.schedule.start, in: calendar))"
        case .ended: "finished"
        case .dueToday: "for today"
        case .doneToday: "done today"
        case .doneThisWeek: "done for this week"
        case .setAside: "set aside this week"
        case .notToday: "not planned for today"
        case .done: "done"
        }
    }

    /// "2 of 3 this week", or nothing for a once-only assignment.
    var weekText: String? {
        guard assignment.schedule.frequency != .once, thisWeek.planned > 0 else { return nil }
        return "\(thisWeek.done) of \(thisWeek.planned) this week"
    }

    func scheduleText(calendar: Calendar) -> String {
        let schedule = assignment.schedule
        var text = schedule.summary + ", from " + ClientCalendar.text(schedule.start, in: calendar)
        if let end = assignment.endedOn ?? schedule.end { text += " until " + ClientCalendar.text(end, in: calendar) }
        return text
    }
}

enum AssignmentViews {
    /// What the therapist sees of an assigned practice, in one sentence the client reads on their page.
    static let privacySentence = "Your therapist sees when you finish an assigned practice or worksheet and how many minutes it took; your ratings and notes stay private unless you share that record."

    static let setAsideReasonLimit = 200

    static func notice(_ done: String) -> String? {
        switch done {
        case "created": "The assignment is saved. Your client sees it on their Today page."
        case "updated": "The changes are saved."
        case "ended": "The assignment has ended. What your client did stays in the progress below."
        case "set-aside": "Thank you for letting your therapist know. This week is set aside; nothing else changes."
        default: nil
        }
    }

    // MARK: The client's page

    static func clientList(user: User, csrfToken: String, summaries: [AssignmentSummary], calendar: Calendar, library: ContentLibrary,
                           notice: String?, problems: [String: String] = [:]) -> String {
        let running = summaries.filter(\.isRunning)
        let finished = summaries.filter { !$0.isRunning }
        return PageLayout(title: "From your therapist", user: user, csrfToken: csrfToken, content: .div(
            .class("assignments narrow"),
            .h1("From your therapist"),
            FormFields.notice(notice),
            .p(.class("lead"), .text(privacySentence)),
            .if(summaries.isEmpty, .p(.class("muted"), "Nothing assigned at the moment. Anything your therapist suggests will appear here and on Today.")),
            .ul(.class("card-list"), .forEach(running) { summary in clientCard(summary, calendar: calendar, library: library, csrfToken: csrfToken,
                                                                                 error: problems[summary.assignment.id]) }),
            .if(!finished.isEmpty, .section(.attribute(named: "aria-labelledby", value: "finished"),
                                            .h2(.id("finished"), "Finished"),
                                            .ul(.class("card-list"), .forEach(finished) { summary in
                                                .li(.class("card"), .h3(.text(summary.title)),
                                                    .p(.class("meta"), .text(summary.scheduleText(calendar: calendar))))
                                            })))
        )).render()
    }

    private static func clientCard(_ summary: AssignmentSummary, calendar: Calendar, library: ContentLibrary, csrfToken: String, error: String?) -> Node<HTML.ListContext> {
        let item = summary.item
        return .li(.class(summary.isDone ? "card assignment done" : "card assignment"), .id("assignment-\(summary.assignment.id)"),
                   .h2(.unwrap(item, { .a(.href(SiteURL.libraryItem($0.id).path), .text($0.title)) }, else: .text(summary.title))),
                   .if(!summary.assignment.note.isEmpty, .blockquote(.class("therapist-note"), .p(.text(summary.assignment.note)))),
                   .p(.class("meta"), .text(summary.scheduleText(calendar: calendar))),
                   .p(.class("assignment-state"), .text(summary.stateText(calendar: calendar)),
                      .unwrap(summary.weekText) { .text(" · " + $0) }),
                   .unwrap(item.flatMap { $0.kind == .program ? $0 : nil }) { program in programWeeks(program, opened: summary.opened, start: summary.assignment.schedule.start, calendar: calendar, library: library) },
                   .unwrap(item) { item in
                       .if(item.isPractice, .p(.a(.class("button"), .href(SiteURL.libraryPractice(item.id).path), .text("Start · \(item.minutes) min"))),
                           else: .if(!item.fields.isEmpty, .p(.a(.class("button"), .href(SiteURL.libraryItem(item.id).path), "Open the worksheet"))))
                   },
                   .if(summary.state == .setAside,
                       .p(.class("meta"), .text("You set this week aside" + (summary.setAsideReason.map { ": " + $0 } ?? ".") + " That's fine.")),
                       else: setAsideForm(summary, csrfToken: csrfToken, error: error)))
    }

    static func programWeeks(_ program: LibraryItem, opened: Int, start: CalendarDay, calendar: Calendar, library: ContentLibrary) -> Node<HTML.BodyContext> {
        .div(.class("program-weeks"),
             .if(opened == 0, .p(.class("meta"), .text("Week 1 opens on \(ClientCalendar.text(start, in: calendar))."))),
             .ol(.forEach(Array(program.weeks.prefix(opened).enumerated())) { index, week in
                 .li(.strong(.text("Week \(index + 1): \(week.theme)")),
                     .text(" · home practice: "),
                     .forEach(Array(week.homePractice.enumerated())) { position, id in
                         .group(.if(position > 0, .text(", ")), .a(.href(SiteURL.libraryItem(id).path), .text(library.item(id)?.title ?? id)))
                     })
             }),
             .if(opened > 0 && opened < program.weeks.count,
                 .p(.class("meta"), .text("Week \(opened + 1) opens on \(ClientCalendar.text(ProgramWeeks.opening(ofWeek: opened + 1, start: start, calendar: calendar), in: calendar))."))))
    }

    private static func setAsideForm(_ summary: AssignmentSummary, csrfToken: String, error: String?) -> Node<HTML.BodyContext> {
        guard summary.state != .notStarted, summary.assignment.schedule.frequency != .once else { return .empty }
        let id = "reason-\(summary.assignment.id)"
        return .element(named: "details", nodes: [
            .attribute(named: "open", value: error == nil ? nil : "open"),
            .element(named: "summary", text: "Not this week"),
            .form(.method(.post), .action(SiteURL.assignmentSetAside(summary.assignment.id).path),
                  FormFields.csrf(csrfToken),
                  .p(.class("hint"), "Weeks like this happen. Setting it aside lets your therapist know; it isn't counted against you."),
                  .div(.class(error == nil ? "field" : "field has-error"),
                       .label(.for(id), "A short reason, if you'd like to give one (optional)"),
                       .p(.class("field-limit"), .text("Your therapist will see it. Up to \(setAsideReasonLimit) characters.")),
                       .unwrap(error) { .p(.class("error-text"), .text($0)) },
                       .input(.type(.text), .id(id), .name("reason"), .attribute(named: "maxlength", value: String(setAsideReasonLimit)))),
                  .button(.type(.submit), .class("button"), "Set this week aside")),
        ])
    }
}
