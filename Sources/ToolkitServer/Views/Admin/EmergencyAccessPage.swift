import Foundation
import Plot
import ToolkitCore

/// Break-glass access for an administrator: the form that asks why and for how long, and, while
/// a window is open, the client's safety plan with the time left and a way to close it.
struct EmergencyAccessPage {
    var admin: User
    var csrfToken: String
    var client: User
    var window: EmergencyAccessStore.Window?
    var plan: SafetyPlanStore.Loaded?
    var reason = ""
    var minutes = "30"
    var problems: [String] = []

    func render() -> String {
        PageLayout(title: "Emergency access", user: admin, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.adminUserEdit(client.id).path), .text("← Manage \(client.name)'s account"))),
            .h1(.text("Emergency access to \(client.name)'s safety plan")),
            .unwrap(window, openView, else: requestForm)
        )).render()
    }

    private func openView(_ window: EmergencyAccessStore.Window) -> Node<HTML.BodyContext> {
        .group(
            .p(.class("notice"), .attribute(named: "role", value: "status"),
               .text("Access is open until "), SafetyPlanViews.time(window.ends),
               .text(". Reason recorded: “\(window.reason)”. Each opening of this page is recorded, \(client.name) is told, and their therapist sees it on their roster.")),
            .unwrap(plan, { plan in
                .group(.p(.class("meta"), .text("Version \(plan.version), saved \(SafetyPlanViews.dateText(plan.updatedAt)).")),
                       SafetyPlanViews.planBody(plan.plan))
            }, else: .p(.text("\(client.name) has not made a safety plan yet."))),
            .form(.method(.post), .action(SiteURL.adminEmergencyEnd(client.id).path), FormFields.csrf(csrfToken),
                  .button(.type(.submit), .class("button"), "Close access now"))
        )
    }

    private var requestForm: Node<HTML.BodyContext> {
        .group(
            .p("Administrators cannot read anything a client writes. In an emergency (for example, a client at risk whose therapist can't be reached), you can open this client's safety plan for a short time to find the people and services they chose."),
            .ul(
                .li("You must give a reason. It is recorded with your name."),
                .li(.text("\(client.name) is told the next time they open the app, and the opening is listed on their Who saw my data page.")),
                .li("Their therapist sees it flagged on their roster."),
                .li("Access closes by itself at the end of the time you choose.")
            ),
            FormFields.errorSummary(problems),
            .form(
                .method(.post), .action(SiteURL.adminEmergency(client.id).path),
                FormFields.csrf(csrfToken),
                FormFields.textArea(name: "reason", label: "Reason", value: reason,
                                    hint: "A sentence a colleague could understand later, \(EmergencyAccess.minimumReasonLength) to \(EmergencyAccess.maximumReasonLength) characters.",
                                    rows: 3, error: problems.first { $0.hasPrefix("Please give the reason") || $0.hasPrefix("Please keep the reason") }),
                .div(.class("field"),
                     .label(.for("field-minutes"), "How long"),
                     .select(.id("field-minutes"), .attribute(named: "name", value: "minutes"),
                             .forEach(EmergencyAccess.durations) { FormFields.option(value: String($0), label: "\($0) minutes", selected: String($0) == minutes) })),
                .button(.type(.submit), .class("button primary"), "Open emergency access")
            )
        )
    }
}
