import Foundation
import Plot
import ToolkitCore

/// "What my therapist can see": every entry the client shares, kind by kind, and nothing else.
struct SharingPage {
    var user: User
    var csrfToken: String
    var therapistName: String?
    var planShared: Bool
    var selfCarePlanShared: Bool
    /// Summaries sent before sessions: shared from the moment they are sent.
    var summariesSent: Int = 0
    var kinds: [Kind]
    var notice: String?

    struct Kind {
        var kind: ShareableKind
        var entries: [ShareableKind.EntrySummary]
        var total: Int
        var sharesAll: Bool
    }

    static func notice(_ key: String) -> String? {
        switch key {
        case "shared-all": "Shared. Your therapist can read all of these, and new ones will be shared as you write them."
        case "unshared-all": "Done. All of these are private again, and new ones will start private."
        default: nil
        }
    }

    private var who: String { therapistName.map { "Your therapist, \($0)," } ?? "Your therapist" }

    func render() -> String {
        let sharedCount = kinds.reduce(0) { $0 + $1.entries.count } + (planShared ? 1 : 0) + (selfCarePlanShared ? 1 : 0) + summariesSent
        return PageLayout(title: "What my therapist can see", user: user, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .h1("What my therapist can see"),
            FormFields.notice(notice),
            .p(.class("lead"), .text(sharedCount == 0
                ? "Nothing. Everything you write here is private, and you haven't shared anything."
                : "\(who) can read exactly what is listed here, and nothing else. They can't change any of it.")),
            .p("Stopping sharing takes effect straight away. Administrators never see what you write."),
            .p(.a(.href(SiteURL.accountAccess.path), "Who saw my data"), .text(": every time someone opened something you wrote.")),
            .section(.attribute(named: "aria-labelledby", value: "kind-safety-plan"),
                     .h2(.id("kind-safety-plan"), "Safety plan"),
                     .p(.text(planShared ? "Shared: your therapist can read your safety plan." : "Not shared.")),
                     .p(.a(.href(SiteURL.safetyPlan.path), "Open my safety plan"))),
            .section(.attribute(named: "aria-labelledby", value: "kind-self-care-plan"),
                     .h2(.id("kind-self-care-plan"), "Self-care plan"),
                     .p(.text(selfCarePlanShared ? "Shared: your therapist can read your self-care plan." : "Not shared.")),
                     .p(.a(.href(SiteURL.selfCare.path), "Open my self-care plan"))),
            .section(.attribute(named: "aria-labelledby", value: "kind-session-summaries"),
                     .h2(.id("kind-session-summaries"), "Summaries before a session"),
                     .p(.text(summariesSent == 0 ? "None sent." : "\(PracticeHistory.count(summariesSent, "summary").replacingOccurrences(of: "summarys", with: "summaries")) sent: your therapist can read each one until you take it back.")),
                     .p(.a(.href(SiteURL.sessionSummary.path), "Before your next session"))),
            .forEach(kinds) { kind in
                .section(
                    .attribute(named: "aria-labelledby", value: "kind-\(kind.kind.key)"),
                    .h2(.id("kind-\(kind.kind.key)"), .text(kind.kind.title)),
                    .p(.text(summary(kind))),
                    .if(!kind.entries.isEmpty, .ul(.class("shared-list"), .forEach(kind.entries) { entry in
                        .li(.a(.safeAttribute(named: "href", value: entry.path), .text(entry.title)), .text(" · "),
                            SafetyPlanViews.time(entry.date))
                    })),
                    .if(kind.total > 0 || kind.sharesAll, .form(
                        .method(.post), .safeAttribute(named: "action", value: SiteURL.sharingKind(kind.kind.key).path),
                        FormFields.csrf(csrfToken),
                        .input(.type(.hidden), .name("back"), .value("sharing")),
                        .input(.type(.hidden), .name("shared"), .value(kind.sharesAll ? "0" : "1")),
                        .button(.type(.submit), .class("button"),
                                .text(kind.sharesAll ? "Stop sharing all \(kind.kind.noun)" : "Share all \(kind.kind.noun), now and later"))))
                )
            }
        )).render()
    }

    private func summary(_ kind: Kind) -> String {
        if kind.total == 0 { return kind.sharesAll ? "None yet. New ones will be shared as you write them." : "None yet." }
        let shared = kind.entries.count
        let start = "\(kind.total) in all, " + (shared == 0 ? "none shared." : "\(shared) shared.")
        return start + (kind.sharesAll ? " New ones are shared as you write them." : "")
    }
}
