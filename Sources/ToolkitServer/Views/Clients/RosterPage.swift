import Foundation
import Plot
import ToolkitCore

/// A therapist's roster: their clients, the day each last changed something they share, and two
/// gentle flags. Built from one statement, however many clients there are.
struct RosterPage {
    var therapist: User
    var csrfToken: String
    var rows: [Row]

    struct Row: Sendable {
        var id: String
        var name: String
        var email: String
        /// The day (in the therapist's zone) of the latest change to anything shared; never a time.
        var lastActiveDay: String?
        var lastActiveISODay: String?
        /// Shared items the therapist hasn't opened, or that changed since they did.
        var newlyShared: Int
        var missedWeek: Bool
        /// This week's completed assignments; nil for a client with nothing assigned this week.
        var completedAssignmentsThisWeek: Int?
        /// This week's planned assignments, beside the completed ones.
        var plannedAssignmentsThisWeek: Int?
        /// Whether the client shares their safety plan: shown on every card, shared or not.
        var sharesSafetyPlan = false
        /// The day an administrator last opened this client's safety plan through emergency access (last 30 days).
        var emergencyAccessDay: String?

        init(_ entry: SharedWorkStore.RosterEntry, now: Date, calendar: Calendar, assignments: (done: Int, planned: Int)? = nil) {
            id = entry.id
            name = entry.name
            email = entry.email
            lastActiveDay = entry.latestShared.map { RosterRules.dayText($0, in: calendar) }
            lastActiveISODay = entry.latestShared.map { RosterRules.isoDay($0, in: calendar) }
            newlyShared = entry.unread
            missedWeek = RosterRules.missedWeek(latestShared: entry.latestShared, now: now)
            completedAssignmentsThisWeek = assignments?.done
            plannedAssignmentsThisWeek = assignments?.planned
        }
    }

    func render() -> String {
        PageLayout(title: "My clients", user: therapist, csrfToken: csrfToken, content: .div(
            .h1("My clients"),
            // The place for "Invite a client" and other actions at the top of the roster.
            .div(.class("roster-actions"), .p(.a(.class("button"), .href(SiteURL.clientInvitations.path), "Invite a client"))),
            .if(rows.isEmpty,
                .p("You have no clients yet. Invite one with a link or a short code; your administrator can also create client accounts linked to you."),
                else: .ul(.class("roster"), .forEach(rows) { row in
                    .li(.class("card roster-client"),
                        .h2(.class("h3"), .a(.href(SiteURL.client(row.id).path), .text(row.name))),
                        .p(.class("meta"), .text(row.email)),
                        .p(.class("meta"), .text("Last shared activity: "), lastActive(row)),
                        .if(row.completedAssignmentsThisWeek != nil,
                            .p(.class("meta roster-assignments"),
                               .text("Assignments this week: \(row.completedAssignmentsThisWeek ?? 0) of \(row.plannedAssignmentsThisWeek ?? 0) done"))),
                        flags(row),
                        .if(row.sharesSafetyPlan,
                            .p(.a(.href(SiteURL.clientSafetyPlan(row.id).path), "Safety plan (shared with you)")),
                            else: .p(.class("muted"), "Safety plan not shared")),
                        .p(.class("meta"), .a(.href(SiteURL.client(row.id).path), "Everything shared"), .text(" · "),
                           .a(.href(SiteURL.clientAssignments(row.id).path), "Assignments"), .text(" · "),
                           .a(.href(SiteURL.clientProgress(row.id).path), "Progress"), .text(" · "),
                           .a(.href(SiteURL.clientWorksheets(row.id).path), "Worksheets shared with you")))
                })),
            .p(.class("muted small-print"),
               .text("Everything here comes only from what each client chooses to share with you. "
                     + "“Last shared activity” is the day of the latest change to something shared; "
                     + "“A quiet week” means nothing shared has changed for \(RosterRules.quietDays) days. "
                     + "Private writing never shows here, and a client who shares nothing is not flagged."))
        )).render()
    }

    private func lastActive(_ row: Row) -> Node<HTML.BodyContext> {
        guard let day = row.lastActiveDay, let iso = row.lastActiveISODay else { return .text("nothing shared yet") }
        return .element(named: "time", nodes: [.attribute(named: "datetime", value: iso), .text(day)])
    }

    private func flags(_ row: Row) -> Node<HTML.BodyContext> {
        var tags: [String] = []
        if row.newlyShared > 0 { tags.append(row.newlyShared == 1 ? "Newly shared: 1 item" : "Newly shared: \(row.newlyShared) items") }
        if row.missedWeek { tags.append("A quiet week") }
        if let day = row.emergencyAccessDay { tags.append("Emergency access by an administrator on \(day)") }
        return .if(!tags.isEmpty, .ul(.class("tags roster-flags"), .forEach(tags) { .li(.class("tag"), .text($0)) }))
    }
}
