import Foundation
import Plot
import ToolkitCore

/// "Who saw my data": every time someone other than the client read what they wrote, from the
/// audit trail. Who, what kind (never the words themselves), and when, on the client's clock.
struct AccessPage {
    var user: User
    var csrfToken: String
    var page: SharedWorkStore.AccessPage
    var isFirstPage: Bool

    static func who(_ access: SharedWorkStore.Access) -> String {
        let role: String = switch access.actorRole {
        case "therapist"?: "therapist"
        case "admin"?: "administrator"
        default: "someone else"
        }
        guard let name = access.actorName else { return "A former \(role) account" }
        return "\(name) (\(role))"
    }

    static func what(_ access: SharedWorkStore.Access) -> String {
        guard let kind = access.kind else { return "some of your writing" }
        return access.single ? kind.one : kind.many
    }

    func render() -> String {
        PageLayout(title: "Who saw my data", user: user, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.account.path), "← My account")),
            .h1("Who saw my data"),
            .p(.text("Every time someone other than you opened something you wrote, newest first. Only what you share can be "
                     + "opened by your therapist; you choose that on "), .a(.href(SiteURL.sharing.path), "What my therapist can see"), .text(".")),
            .if(page.accesses.isEmpty,
                .p(.class("muted"), isFirstPage ? "No one else has opened anything you wrote." : "There is nothing older."),
                else: .ul(.class("plain-list access-list"), .forEach(page.accesses) { access in
                    .li(.class("access"),
                        .strong(.text(Self.who(access))), .text(" opened "), .text(Self.what(access)),
                        .br(), .span(.class("meta"), SafetyPlanViews.time(access.at)))
                })),
            .if(page.olderBefore != nil,
                .p(.a(.class("button"), .href(SiteURL.accountAccess.path + "?before=\(page.olderBefore ?? 0)"), "Older"))),
            .p(.class("muted small-print"), .text("This list comes from the app's audit trail, which no one can change. It names the kind "
                                                  + "of thing opened, never its words."))
        )).render()
    }
}
