import Foundation
import Plot
import ToolkitCore

/// Today, a client's home: what they planned, one practice, I'm struggling in one tap, and what
/// they have done lately. One calm screen on a phone; nothing here counts days in a row.
struct TodayPage {
    var user: User
    var csrfToken: String
    var now: Date
    var planned: [PlannedItem]
    var suggestion: LibraryItem?
    var recently: [Recent]
    var notice: String?
    /// What the client's therapist assigned, with the note and what is due today or this week.
    var fromTherapist: [FromTherapist] = []

    struct FromTherapist {
        var title: String
        var note: String
        var detail: String
        var path: String
        var done: Bool
    }

    /// Something the client chose to do today or this week, and whether it is done.
    struct PlannedItem {
        var title: String
        var detail: String
        var path: String
        var done: Bool
    }

    /// One kind of entry: how many this week and when the last one was written.
    struct Recent {
        var title: String
        var path: String
        var thisWeek: Int
        var latest: Date?
    }

    /// Every place a client keeps their own work, in the order a newcomer meets them.
    static let tools: [(title: String, path: String, about: String)] = [
        ("Practice log", SiteURL.practiceLog.path, "Practices you've finished, week by week."),
        ("Journal", SiteURL.journal.path, "Write freely, with a prompt if you like."),
        ("Thought coach", SiteURL.thoughtCoach.path, "Answer a self-critical thought."),
        ("My worksheets", SiteURL.worksheets.path, "Worksheets you've filled in, every version kept."),
        ("My critic and my answers", SiteURL.critic.path, "Your script for hard moments."),
        ("Small daily rituals", SiteURL.rituals.path, "A few kind minutes, ticked off, no streaks."),
        ("Goals", SiteURL.goals.path, "Small steps toward what matters; partly counts."),
        ("Self-care plan", SiteURL.selfCare.path, "Your plan and a weekly check-in."),
        ("My safety plan", SiteURL.safetyPlan.path, "Who to call and what helps."),
        ("What my therapist can see", SiteURL.sharing.path, "Exactly what you share, and nothing else."),
    ]

    /// The tools, with the summary before a session for a client who has a therapist to send it to.
    private var tools: [(title: String, path: String, about: String)] {
        guard user.therapistId != nil else { return Self.tools }
        return [("Before your next session", SiteURL.sessionSummary.path, "A short summary for your therapist, sent only if you choose.")] + Self.tools
    }

    func render() -> String {
        PageLayout(title: "Today", user: user, csrfToken: csrfToken, content: .div(
            .class("today"),
            .h1(.text("Today, \(DisplayTime.dayText(now))")),
            .p(.class("lead"), .text("Hello, \(user.name). Whatever today holds, a few kind minutes count.")),
            FormFields.notice(notice),
            .p(.class("today-struggling"),
               .a(.class("button primary"), .href(SiteURL.struggling.path), "I'm struggling right now")),
            .section(.class("card"), .attribute(named: "aria-labelledby", value: "planned"),
                     .h2(.id("planned"), "Planned"),
                     .if(!fromTherapist.isEmpty, .group(
                         .h3("From your therapist"),
                         .ul(.class("planned-list from-therapist"), .forEach(fromTherapist) { item in
                             .li(.class(item.done ? "planned done" : "planned"),
                                 .a(.safeAttribute(named: "href", value: item.path), .text(item.title)),
                                 .text(" · "), .span(.class("meta"), .text(item.done ? "done · \(item.detail)" : item.detail)),
                                 .if(!item.note.isEmpty, .p(.class("therapist-note"), .text(item.note))))
                         }))),
                     .if(planned.isEmpty && fromTherapist.isEmpty,
                         .p(.class("muted"), "Nothing planned. That's fine: the practice below is enough for today."),
                         else: .ul(.class("planned-list"), .forEach(planned) { item in
                             .li(.class(item.done ? "planned done" : "planned"),
                                 .a(.safeAttribute(named: "href", value: item.path), .text(item.title)),
                                 .text(" · "), .span(.class("meta"), .text(item.done ? "done · \(item.detail)" : item.detail)))
                         }))),
            .unwrap(suggestion) { item in
                .section(.class("card"), .attribute(named: "aria-labelledby", value: "suggested"),
                         .h2(.id("suggested"), "A practice for today"),
                         .h3(.a(.href(SiteURL.libraryItem(item.id).path), .text(item.title))),
                         .p(.text(item.summary)),
                         .p(.a(.class("button"), .href(SiteURL.libraryPractice(item.id).path), .text("Start · \(item.minutes) min"))))
            },
            .section(.attribute(named: "aria-labelledby", value: "recently"),
                     .h2(.id("recently"), "Recently"),
                     .if(recently.allSatisfy { $0.latest == nil },
                         .p(.class("muted"), "Nothing written yet. Whenever you're ready, a few lines in your journal are a good start."),
                         else: .ul(.class("recent-list"), .forEach(recently.filter { $0.latest != nil }) { recent in
                             .li(.a(.safeAttribute(named: "href", value: recent.path), .text(recent.title)), .text(": "),
                                 .text(recent.thisWeek == 0 ? "none this week, last " : "\(recent.thisWeek) this week, last "),
                                 .unwrap(recent.latest) { SafetyPlanViews.time($0) })
                         }))),
            .section(.attribute(named: "aria-labelledby", value: "my-tools"),
                     .h2(.id("my-tools"), "My space"),
                     .ul(.class("tool-list"), .forEach(tools) { tool in
                         .li(.a(.safeAttribute(named: "href", value: tool.path), .text(tool.title)), .span(.class("meta"), .text(" " + tool.about)))
                     }))
        )).render()
    }
}
