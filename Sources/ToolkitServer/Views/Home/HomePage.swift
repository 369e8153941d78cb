import Plot
import ToolkitCore

struct HomePage {
    var user: User?
    var csrfToken: String?
    var clientCount: Int
    /// Told once after sign-in, such as a password reset by a one-time link.
    var notices: [String] = []
    var featured: [LibraryItem]

    func render() -> String {
        PageLayout(title: "Welcome", user: user, csrfToken: csrfToken, content: .div(
            .h1(.text(heading)),
            .p(.class("lead"), .text(lead)),
            .forEach(notices) { FormFields.notice($0) },
            roleSection,
            .section(
                .attribute(named: "aria-labelledby", value: "start-here"),
                .h2(.id("start-here"), "Good places to start"),
                .ul(.class("card-list"), .forEach(featured) { item in
                    .li(.class("card"),
                        .h3(.a(.href(SiteURL.libraryItem(item.id).path), .text(item.title))),
                        .p(.text(item.summary)),
                        .p(.class("meta"), .text("\(item.kind.displayName) · \(item.minutes) min")))
                })
            ),
            .section(
                .attribute(named: "aria-labelledby", value: "three-parts"),
                .h2(.id("three-parts"), "Three parts of self-compassion"),
                .ul(
                    .li(.strong("Self-kindness"), " instead of harsh self-judgment: treating yourself the way you would treat a friend."),
                    .li(.strong("Common humanity"), " instead of feeling alone: remembering that struggling is part of being human."),
                    .li(.strong("Mindfulness"), " instead of being swept away: noticing painful feelings without getting lost in them.")
                ),
                .p(.class("muted"), "Based on Neff's model of self-compassion (Neff, 2003).")
            )
        )).render()
    }

    private var heading: String {
        guard let user else { return "A kinder way to meet hard moments" }
        return "Hello, \(user.name)"
    }

    private var lead: String {
        switch user?.userRole {
        case .client?: "Your practices, your safety plan and support for hard moments. What you write stays private unless you choose to share it."
        case .therapist?: "Your clients, the library to share with them, and what they choose to share with you."
        case .admin?: "Manage the practice's accounts and crisis lines. Client writing is never shown to administrators."
        case nil: "Practices, worksheets and guides for self-compassion, for therapists and the people they work with. Free to browse; sign in to keep your own safety plan."
        }
    }

    private var roleSection: Node<HTML.BodyContext> {
        switch user?.userRole {
        case .client?:
            .ul(.class("action-list"),
                .li(.a(.class("button primary"), .href(SiteURL.struggling.path), "I'm struggling right now")),
                .li(.a(.class("button"), .href(SiteURL.safetyPlan.path), "My safety plan")),
                .li(.a(.class("button"), .href(SiteURL.library.path), "Browse practices")))
        case .therapist?:
            .ul(.class("action-list"),
                .li(.a(.class("button primary"), .href(SiteURL.clients.path), .text("My clients (\(clientCount))"))),
                .li(.a(.class("button"), .href(SiteURL.clientInvitations.path), "Invite a client")),
                .li(.a(.class("button"), .href(SiteURL.library.path), "Library and printable packets")))
        case .admin?:
            .ul(.class("action-list"),
                .li(.a(.class("button primary"), .href(SiteURL.adminUsers.path), "Accounts")),
                .li(.a(.class("button"), .href(SiteURL.adminCrisisLines.path), "Crisis lines")))
        case nil:
            .ul(.class("action-list"),
                .li(.a(.class("button primary"), .href(SiteURL.library.path), "Browse the library")),
                .li(.a(.class("button"), .href(SiteURL.login.path), "Sign in")))
        }
    }
}
