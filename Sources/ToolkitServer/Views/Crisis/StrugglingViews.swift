import Plot
import ToolkitCore

/// The "I'm struggling" flow: rate, ground, a short self-compassion break, your own plan, rate again.
enum StrugglingViews {
    static func ratingFieldset(name: String, legend: String, selected: Int? = nil, invalid: Bool = false) -> Node<HTML.FormContext> {
        .fieldset(.element(named: "legend", text: legend),
                  .p(.class("hint"), .id("\(name)-hint"), "0 means calm, 10 means the most distress you can imagine. A rough guess is fine."),
                  .div(.class("rating"), .attribute(named: "role", value: "radiogroup"),
                       .attribute(named: "aria-describedby", value: "\(name)-hint"),
                       .attribute(named: "aria-invalid", value: invalid ? "true" : nil), .forEach(0...10) { value in
                      .label(.input(.type(.radio), .name(name), .id("\(name)-\(value)"), .value(String(value)), .checked(selected == value),
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
            errorSummary(error),
            .form(.method(.post), .action(SiteURL.struggling.path),
                  FormFields.csrf(csrfToken),
                  ratingFieldset(name: "rating", legend: "How strong is the distress right now?", invalid: error != nil),
                  .button(.type(.submit), .class("button primary"), "Next")),
            .p(.a(.href(SiteURL.crisis.path), "Skip to crisis lines and grounding"))
        )).render()
    }

    /// The error, linked to the first choice of the rating so a tap takes the person there.
    static func errorSummary<C: HTML.BodyContext>(_ error: String?) -> Node<C> {
        .unwrap(error) { message in
            .div(.class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
                 .p(.a(.href("#rating-0"), .text(message))))
        }
    }

    /// What the flow shows; the order comes from `DistressResponse`.
    struct Flow {
        var checkInID: String
        var response: DistressResponse
        var grounding: LibraryItem?
        var breakItem: LibraryItem?
        var plan: SafetyPlan?
        var lines: [CrisisLine]
        /// The answered lines of My critic and my answers.
        var criticScript: [CriticAnswer] = []
    }

    static func flow(user: User, csrfToken: String, flow: Flow, error: String? = nil) -> String {
        let sections = flow.response.sections
        func number(_ section: DistressResponse.Section) -> Int { (sections.firstIndex(of: section) ?? 0) + 1 }
        return PageLayout(title: "One step at a time", user: user, csrfToken: csrfToken, scripts: ["practice.js"], content: .div(
            .h1("One step at a time"),
            .p(.class("lead"), .text(flow.response == .steppedUp
                ? "This is really hard. You don't have to hold it alone: reach someone first."
                : "Go through these in order, or skip to whatever helps most. There's no wrong way.")),
            errorSummary(error),
            .forEach(sections) { section in
                switch section {
                case .reachSomeone:
                    reachSomeone(plan: flow.plan, lines: flow.lines, heading: "\(number(section)). Reach someone now",
                                 first: flow.response == .steppedUp)
                case .ground:
                    .unwrap(flow.grounding) { item in
                        .section(.h2(.text("\(number(section)). Ground yourself")), .p(.text(item.summary)),
                                 PracticePlayer.player(for: item, id: "grounding", startLabel: "Start grounding"))
                    }
                case .selfCompassionBreak:
                    .unwrap(flow.breakItem) { item in
                        .section(.h2(.text("\(number(section)). A short self-compassion break")), .p(.text(item.summary)),
                                 PracticePlayer.player(for: item, id: "break", startLabel: "Start the break"))
                    }
                case .ownPlan:
                    .group(.section(.h2(.text("\(number(section)). Your safety plan")), ownPlan(flow.plan)),
                           CriticViews.script(flow.criticScript, heading: "Your answers to your critic"))
                }
            },
            .section(
                .h2(.text("\(sections.count + 1). How are you now?")),
                .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.strugglingCheckIn(flow.checkInID).path),
                      FormFields.csrf(csrfToken),
                      ratingFieldset(name: "rating", legend: "How strong is the distress now?", invalid: error != nil),
                      .button(.type(.submit), .class("button primary"), "Done"))
            )
        )).render()
    }

    /// The plan's people with numbers and the crisis lines, as buttons to call or text, with
    /// the fewest words above them so that on a phone the first button is on the first screen.
    static func reachSomeone(plan: SafetyPlan?, lines: [CrisisLine], heading: String, first: Bool) -> Node<HTML.BodyContext> {
        let contacts = plan?.callableContacts ?? []
        return .section(
            .class(first ? "reach-someone urgent" : "reach-someone"), .attribute(named: "aria-labelledby", value: "reach"),
            .h2(.id("reach"), .text(heading)),
            CallButtons.list(contacts, lines: lines),
            .p(.class("emergency"), "In danger, or might act on thoughts of harming yourself? Call your local emergency number now."),
            .if(contacts.isEmpty, .p(.class("muted"), .text(plan == nil
                ? "When you feel steadier, adding people and their numbers to a safety plan puts them here, one tap away."
                : "Your plan has no phone numbers yet. When you feel steadier, adding them puts them here, one tap away.")))
        )
    }

    /// What the client wrote for getting through it on their own, and what matters most.
    static func ownPlan(_ plan: SafetyPlan?) -> Node<HTML.BodyContext> {
        .unwrap(plan, { plan in
            .group(.if(!plan.copingStrategies.isEmpty, .group(.h3("Things I can do on my own"), .ul(.forEach(plan.copingStrategies) { .li(.text($0)) }))),
                   .if(!plan.reasonsForLiving.isEmpty, .group(.h3("What matters most to me"), .ul(.forEach(plan.reasonsForLiving) { .li(.text($0)) }))),
                   .p(.a(.href(SiteURL.safetyPlan.path), "See my whole plan")))
        }, else: .p("You haven't made a safety plan yet. When you feel steadier, ", .a(.href(SiteURL.safetyPlanEdit.path), "making one"), " can help next time."))
    }

    /// The page after the second rating: when things got harder or stayed high, the people and
    /// lines to call come first, as buttons.
    struct Ending {
        var ratings: DistressCheckInStore.Ratings
        var response: DistressResponse
        var plan: SafetyPlan?
        var lines: [CrisisLine]
    }

    static func history(user: User, csrfToken: String, entries: [DistressCheckInStore.Entry], ending: Ending?) -> String {
        PageLayout(title: "My check-ins", user: user, csrfToken: csrfToken, content: .div(
            .h1("My check-ins"),
            .unwrap(ending) { ending in
                .group(
                    .div(.class("notice"), .attribute(named: "role", value: "status"),
                         .p(.text(summary(ending.ratings))),
                         .p(.text(ending.response == .steppedUp
                            ? "Please don't stay alone with this. Call someone below now, or a crisis line; they want to hear from you."
                            : "Whatever the numbers say, you got through this moment, and that counts. Be gentle with yourself for the rest of the day."))),
                    .if(ending.response == .steppedUp,
                        reachSomeone(plan: ending.plan, lines: ending.lines, heading: "Reach someone now", first: true)))
            },
            .p("Only you can see these. They can help you notice what helps over time."),
            .if(entries.isEmpty, .p("No check-ins yet."),
                else: .ul(.forEach(entries) { entry in
                    .li(SafetyPlanViews.time(entry.at),
                        .text(": before \(entry.ratings.before)" + (entry.ratings.after.map { ", after \($0)" } ?? "")))
                })),
            .p(.a(.class("button"), .href(SiteURL.struggling.path), "Start a new check-in"))
        )).render()
    }

    static func summary(_ ratings: DistressCheckInStore.Ratings) -> String {
        guard let after = ratings.after else { return "You started at \(ratings.before) out of 10." }
        if after < ratings.before { return "You started at \(ratings.before) out of 10 and you're at \(after) now." }
        if after == ratings.before { return "You were at \(ratings.before) out of 10 and you still are. That's okay; some moments take longer." }
        return "You started at \(ratings.before) out of 10 and you're at \(after) now. It got harder, and that happens; it isn't your fault."
    }
}
