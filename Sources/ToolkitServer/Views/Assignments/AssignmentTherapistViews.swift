import Foundation
import Plot
import ToolkitCore

/// The therapist's side: a client's assignments with a form for a new one, one assignment with
/// its progress and an edit form, the client's progress across assignments, and choosing a client
/// from a library item.
enum AssignmentTherapistViews {
    private static func back(_ client: User) -> Node<HTML.BodyContext> {
        .p(.class("meta"), .a(.href(SiteURL.clients.path), "Clients"), .text(" › "),
           .a(.href(SiteURL.clientAssignments(client.id).path), .text("Assignments for \(client.name)")))
    }

    static func list(therapist: User, csrfToken: String, client: User, summaries: [AssignmentSummary], calendar: Calendar,
                     library: ContentLibrary, input: AssignmentInput, problems: [AssignmentSchedule.Problem], notice: String?) -> String {
        PageLayout(title: "Assignments", user: therapist, csrfToken: csrfToken, content: .div(
            .class("assignments narrow"),
            .p(.class("meta"), .a(.href(SiteURL.clients.path), "Clients")),
            .h1(.text("Assignments for \(client.name)")),
            FormFields.notice(notice),
            .p(.a(.class("button"), .href(SiteURL.clientProgress(client.id).path), "Progress across assignments")),
            .if(summaries.isEmpty, .p(.class("muted"), "Nothing assigned yet.")),
            .ul(.class("card-list"), .forEach(summaries) { summary in
                .li(.class("card"),
                    .h2(.a(.href(SiteURL.clientAssignment(client.id, summary.assignment.id).path), .text(summary.title))),
                    .if(!summary.assignment.note.isEmpty, .p(.class("therapist-note"), .text(summary.assignment.note))),
                    .p(.class("meta"), .text(summary.scheduleText(calendar: calendar))),
                    .p(.text(summary.stateText(calendar: calendar)), .unwrap(summary.weekText) { .text(" · " + $0) }))
            }),
            .section(.attribute(named: "aria-labelledby", value: "new-assignment"),
                     .h2(.id("new-assignment"), "Assign something new"),
                     .p(.class("hint"), .text("Days and weeks are counted on your client's calendar (\(client.timeZone ?? "UTC")).")),
                     AssignmentForm.form(action: SiteURL.clientAssignments(client.id).path, input: input, problems: problems, library: library,
                                         choosesItem: true, csrfToken: csrfToken, submitLabel: "Assign"))
        )).render()
    }

    static func show(therapist: User, csrfToken: String, client: User, summary: AssignmentSummary, ratings: PracticeHistory?,
                     calendar: Calendar, library: ContentLibrary, input: AssignmentInput, problems: [AssignmentSchedule.Problem],
                     notice: String?) -> String {
        let id = summary.assignment.id
        return PageLayout(title: "Assignment", user: therapist, csrfToken: csrfToken, content: .div(
            .class("assignments narrow"),
            back(client),
            .h1(.text(summary.title)),
            FormFields.notice(notice),
            .if(!summary.assignment.note.isEmpty, .blockquote(.class("therapist-note"), .p(.text(summary.assignment.note)))),
            .p(.class("meta"), .text(summary.scheduleText(calendar: calendar))),
            .p(.text("Today: " + summary.stateText(calendar: calendar)), .unwrap(summary.weekText) { .text(" · " + $0) }),
            .unwrap(summary.item.flatMap { $0.kind == .program ? $0 : nil }) { program in
                AssignmentViews.programWeeks(program, opened: summary.opened, start: summary.assignment.schedule.start, calendar: calendar, library: library)
            },
            .section(.class("card"), .attribute(named: "aria-labelledby", value: "adherence"),
                     .h2(.id("adherence"), "Done and planned"),
                     AssignmentCharts.adherence(summary.weeks, id: "a-\(id)")),
            .section(.class("card"), .attribute(named: "aria-labelledby", value: "ratings"),
                     .h2(.id("ratings"), "Shared ratings"),
                     AssignmentCharts.ratings(ratings, id: "r-\(id)")),
            .if(summary.assignment.endedOn == nil, .group(
                .section(.attribute(named: "aria-labelledby", value: "edit"),
                         .h2(.id("edit"), "Change the note or schedule"),
                         AssignmentForm.form(action: SiteURL.clientAssignment(client.id, id).path, input: input, problems: problems,
                                             library: library, choosesItem: false, csrfToken: csrfToken, submitLabel: "Save changes")),
                .form(.method(.post), .action(SiteURL.clientAssignmentEnd(client.id, id).path),
                      FormFields.csrf(csrfToken),
                      .p(.class("hint"), "Ending keeps everything done so far; nothing more is planned after today."),
                      .button(.type(.submit), .class("button"), "End this assignment"))))
        )).render()
    }

    static func progress(therapist: User, csrfToken: String, client: User, summaries: [AssignmentSummary], ratings: PracticeHistory?,
                         calendar: Calendar) -> String {
        let combined = Adherence.combine(summaries.map(\.weeks))
        return PageLayout(title: "Progress", user: therapist, csrfToken: csrfToken, content: .div(
            .class("assignments narrow"),
            back(client),
            .h1(.text("Progress for \(client.name)")),
            .p(.class("hint"), .text("Weeks start on Monday on your client's calendar (\(client.timeZone ?? "UTC")). Ratings come only from practice records your client shares.")),
            .if(summaries.isEmpty, .p(.class("muted"), "Nothing assigned yet."), else: .group(
                .section(.class("card"), .attribute(named: "aria-labelledby", value: "adherence"),
                         .h2(.id("adherence"), "Done and planned, all assignments"),
                         AssignmentCharts.adherence(combined, id: "all")),
                .section(.class("card"), .attribute(named: "aria-labelledby", value: "minutes"),
                         .h2(.id("minutes"), "Practice minutes"),
                         AssignmentCharts.minutes(combined, id: "all")),
                .section(.class("card"), .attribute(named: "aria-labelledby", value: "ratings"),
                         .h2(.id("ratings"), "Shared ratings"),
                         AssignmentCharts.ratings(ratings, id: "all")),
                .section(.attribute(named: "aria-labelledby", value: "each"),
                         .h2(.id("each"), "Each assignment"),
                         .ul(.class("card-list"), .forEach(summaries) { summary in
                             .li(.class("card"),
                                 .h3(.a(.href(SiteURL.clientAssignment(client.id, summary.assignment.id).path), .text(summary.title))),
                                 .p(.class("summary"), .text(Adherence.summary(summary.weeks))))
                         }))))
        )).render()
    }

    static func chooseClient(therapist: User, csrfToken: String, item: LibraryItem, clients: [User]) -> String {
        PageLayout(title: "Assign", user: therapist, csrfToken: csrfToken, content: .div(
            .class("assignments narrow"),
            .p(.class("meta"), .a(.href(SiteURL.libraryItem(item.id).path), .text(item.title))),
            .h1(.text("Assign \u{201C}\(item.title)\u{201D}")),
            .if(clients.isEmpty, .p(.class("muted"), "You have no clients yet."),
                else: .group(.p("Choose a client; the next page sets the note and schedule."),
                             .ul(.class("action-list"), .forEach(clients) { client in
                                 .li(.a(.class("button"), .href(SiteURL.clientAssignments(client.id).path + "?item=" + item.id + "#new-assignment"),
                                        .text(client.name)))
                             })))
        )).render()
    }
}
