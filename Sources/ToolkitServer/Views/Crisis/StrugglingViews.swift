import Plot
import ToolkitCore

/// The "I'm struggling" flow: rate, ground, a short self-compassion break, your own plan, rate again.
enum StrugglingViews {
    static func ratingFieldset(name: String, legend: String, selected: Int? = nil) -> Node<HTML.FormContext> {
        .fieldset(.element(named: "legend", text: legend),
                  .p(.class("hint"), "0 means calm, 10 means the most distress you can imagine. A rough guess is fine."),
                  .div(.class("rating"), .forEach(0...10) { value in
                      .label(.input(.type(.radio), .name(name), .value(String(value)), .checked(selected == value),
                                    .attribute(named: "required", value: value == 0 ? "required" : nil)),
                             .span(.text(String(value))))
                  }))
    }

    static func start(user: User, csrfToken: String, error: String? = nil) -> String {
        PageLayout(title: "I'm struggling", user: user, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .h1("I'm struggling"),
            .p(.class("lead"), "Let's take this one step at a time. It will take about five minutes."),
            .p(.class("emergency"), "If you are in danger right now, call your local emergency number."),
            .unwrap(error) { .p(.class("error-summary"), .attribute(named: "role", value: "alert"), .text($0)) },
            .form(.method(.post), .action(SiteURL.struggling.path),
                  FormFields.csrf(csrfToken),
                  ratingFieldset(name: "rating", legend: "How strong is the distress right now?"),
                  .button(.type(.submit), .class("button primary"), "Next")),
            .p(.a(.href(SiteURL.crisis.path), "Skip to crisis lines and grounding"))
        )).render()
    }

    static func flow(user: User, csrfToken: String, checkInID: String, grounding: LibraryItem?, breakItem: LibraryItem?,
                     plan: SafetyPlan?, lines: [CrisisLine]) -> String {
        PageLayout(title: "One step at a time", user: user, csrfToken: csrfToken, scripts: ["practice.js"], content: .div(
            .h1("One step at a time"),
            .p(.class("lead"), "Go through these in order, or skip to whatever helps most. There's no wrong way."),
            .unwrap(grounding) { item in
                .section(.h2("1. Ground yourself"), .p(.text(item.summary)),
                         PracticePlayer.player(for: item, id: "grounding", startLabel: "Start grounding"))
            },
            .unwrap(breakItem) { item in
                .section(.h2("2. A short self-compassion break"), .p(.text(item.summary)),
                         PracticePlayer.player(for: item, id: "break", startLabel: "Start the break"))
            },
            .section(
                .h2("3. Your safety plan"),
                .unwrap(plan, { plan in
                    .group(SafetyPlanViews.contacts(plan),
                           .if(!plan.copingStrategies.isEmpty, .group(.h3("Things I can do on my own"), .ul(.forEach(plan.copingStrategies) { .li(.text($0)) }))),
                           .if(!plan.reasonsForLiving.isEmpty, .group(.h3("What matters most to me"), .ul(.forEach(plan.reasonsForLiving) { .li(.text($0)) }))),
                           .p(.a(.href(SiteURL.safetyPlan.path), "See my whole plan")))
                }, else: .p("You haven't made a safety plan yet. When you feel steadier, ", .a(.href(SiteURL.safetyPlanEdit.path), "making one"), " can help next time.")),
                .if(!lines.isEmpty, .group(.h3("Crisis lines"), .ul(.class("crisis-lines"), .forEach(lines) { CrisisPage.line($0) })))
            ),
            .section(
                .h2("4. How are you now?"),
                .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.strugglingCheckIn(checkInID).path),
                      FormFields.csrf(csrfToken),
                      ratingFieldset(name: "rating", legend: "How strong is the distress now?"),
                      .button(.type(.submit), .class("button primary"), "Done"))
            )
        )).render()
    }

    static func history(user: User, csrfToken: String, entries: [DistressCheckInStore.Entry], justFinished: Bool) -> String {
        let latest = entries.first
        return PageLayout(title: "My check-ins", user: user, csrfToken: csrfToken, content: .div(
            .h1("My check-ins"),
            .if(justFinished, .unwrap(latest) { entry in
                .div(.class("notice"), .attribute(named: "role", value: "status"),
                     .p(.text(summary(entry.ratings))),
                     .p("Whatever the numbers say, you got through this moment, and that counts. Be gentle with yourself for the rest of the day."))
            }),
            .p("Only you can see these. They can help you notice what helps over time."),
            .if(entries.isEmpty, .p("No check-ins yet."),
                else: .ul(.forEach(entries) { entry in
                    .li(.text("\(SafetyPlanViews.dateText(entry.at)): before \(entry.ratings.before)" + (entry.ratings.after.map { ", after \($0)" } ?? "")))
                })),
            .p(.a(.class("button"), .href(SiteURL.struggling.path), "Start a new check-in"))
        )).render()
    }

    static func summary(_ ratings: DistressCheckInStore.Ratings) -> String {
        guard let after = ratings.after else { return "You started at \(ratings.before) out of 10." }
        if after < ratings.before { return "You started at \(ratings.before) out of 10 and you're at \(after) now." }
        if after == ratings.before { return "You were at \(ratings.before) out of 10 and you still are. That's okay; some moments take longer." }
        return "You started at \(ratings.before) and you're at \(after) now. If it keeps getting harder, please reach out to someone on your plan or a crisis line."
    }
}
