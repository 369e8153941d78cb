import Plot
import ToolkitCore

/// The frame every page shares: skip link, "Need help now" first, navigation for the role,
/// one main landmark, and a footer. Pages supply a title and their main content.
struct PageLayout {
    var title: String
    var user: User?
    /// The session's form token, for the sign-out button.
    var csrfToken: String?
    var scripts: [String] = []
    /// Printable pages drop the navigation entirely.
    var chrome: Bool = true
    var bodyClass: String = ""
    var content: Node<HTML.BodyContext>

    func render() -> String {
        HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .meta(.name("color-scheme"), .content("light dark")),
                // Plot's `.title()` also writes the title into og:/twitter: meta attributes without
                // escaping; a name in a title could then add markup. A plain element escapes it.
                .element(named: "title", text: "\(title) · Self-Compassion Toolkit"),
                .link(.rel(.stylesheet), .href(SiteURL.stylesheet.path)),
                .forEach(scripts + ["app.js"]) { name in
                    .script(.src(SiteURL.script(name).path), .attribute(named: "defer", value: nil, ignoreIfValueIsEmpty: false))
                }
            ),
            .body(
                .class(bodyClass),
                .if(chrome, header),
                .main(.id("main"), .attribute(named: "tabindex", value: "-1"), content),
                .if(chrome, footer)
            )
        ).render()
    }

    private var header: Node<HTML.BodyContext> {
        .header(
            .class("site-header"),
            .a(.class("skip-link"), .href("#main"), "Skip to content"),
            .a(.class("help-now"), .href(SiteURL.crisis.path), .attribute(named: "accesskey", value: "h"),
               .attribute(named: "data-help-shortcut", value: "h"), "Need help now"),
            .a(.class("brand"), .href(SiteURL.home.path), "Self-Compassion Toolkit"),
            .nav(
                .attribute(named: "aria-label", value: "Main"),
                .ul(
                    .class("nav-list"),
                    .li(.a(.href(SiteURL.library.path), "Library")),
                    .forEach(roleLinks) { link in .li(.a(.href(link.path), .text(link.label))) },
                    .if(user == nil,
                        .li(.a(.href(SiteURL.login.path), "Sign in")),
                        else: .li(.a(.href(SiteURL.account.path), .text("Account")))),
                    .unwrap(user.flatMap { _ in csrfToken }) { token in
                        .li(.form(
                            .class("inline-form"), .method(.post), .action(SiteURL.logout.path),
                            FormFields.csrf(token),
                            .button(.type(.submit), .class("link-button"), "Sign out")
                        ))
                    }
                )
            )
        )
    }

    private var roleLinks: [(label: String, path: String)] {
        switch user?.userRole {
        case .client?: [("Today", SiteURL.today.path), ("Journal", SiteURL.journal.path), ("My safety plan", SiteURL.safetyPlan.path), ("I'm struggling", SiteURL.struggling.path)]
        case .therapist?: [("My clients", SiteURL.clients.path)]
        case .admin?: [("Accounts", SiteURL.adminUsers.path), ("Crisis lines", SiteURL.adminCrisisLines.path)]
        case nil: []
        }
    }

    private var footer: Node<HTML.BodyContext> {
        .footer(
            .class("site-footer"),
            .p("If you are in danger right now, call your local emergency number. ",
               .a(.href(SiteURL.crisis.path), "Crisis lines and grounding"), "."),
            .p(.class("muted"), "Self-Compassion Toolkit. What you write here stays private unless you choose to share it.")
        )
    }
}
