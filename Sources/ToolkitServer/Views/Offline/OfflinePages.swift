import Plot
import ToolkitCore

/// Stand-ins for My safety plan and I'm struggling, for when the app can't be reached. The
/// service worker keeps them (fetched without cookies) and shows them in place of those pages.
/// They are the same for everyone: crisis lines and grounding, which are public, and empty
/// places that crisis.js fills from the copy of the plan a client chose to keep on the device.
/// Elements marked `data-if-device-copy` show only with ("yes") or without ("no") that copy.
enum OfflinePages {
    static func safetyPlan(lines: [CrisisLine]) -> String {
        PageLayout(title: "My safety plan", scripts: ["crisis.js"], content: .div(
            .h1("My safety plan"),
            .p(.class("notice"), ifDeviceCopy(true), hidden,
               "We can't reach the app right now, so this is the copy of your plan kept on this device."),
            .div(ifDeviceCopy(false),
                 .p(.class("lead"), "We can't reach the app right now. Your plan isn't kept on this device, so it can't be shown here."),
                 .p("You can still talk to someone.")),
            .div(.id("device-plan"), .attribute(named: "data-plan-title", value: nil, ignoreIfValueIsEmpty: false), hidden),
            .section(.attribute(named: "aria-labelledby", value: "talk"),
                     .h2(.id("talk"), "Talk to someone now"),
                     .p(.class("emergency"), "If you are in danger right now, call your local emergency number."),
                     talk(lines)),
            .p(.a(.class("button"), .href(SiteURL.crisis.path), "Grounding and breathing")),
            .p(.class("muted"), ifDeviceCopy(false),
               "To have your plan here next time, turn on “Keep my plan on this device” on your safety plan page when you're back online.")
        )).render()
    }

    static func struggling(lines: [CrisisLine], grounding: LibraryItem?) -> String {
        PageLayout(title: "I'm struggling", scripts: ["practice.js", "crisis.js"], content: .div(
            .h1("I'm struggling"),
            .p(.class("lead"), "We can't reach the app right now, but you can still take this one step at a time."),
            .p(.class("emergency"), "If you are in danger right now, call your local emergency number."),
            .section(.attribute(named: "aria-labelledby", value: "talk"),
                     .h2(.id("talk"), "1. Talk to someone"),
                     .div(.id("device-plan"), .attribute(named: "data-plan-parts", value: "contacts"),
                          .attribute(named: "data-plan-title", value: nil, ignoreIfValueIsEmpty: false),
                          .attribute(named: "data-plan-level", value: "3"), hidden),
                     talk(lines)),
            .unwrap(grounding) { item in
                .section(.attribute(named: "aria-labelledby", value: "ground"),
                         .h2(.id("ground"), "2. Ground yourself: 5-4-3-2-1"),
                         .p(.text(item.summary)),
                         PracticePlayer.player(for: item, id: "grounding", startLabel: "Start grounding"))
            },
            .section(.attribute(named: "aria-labelledby", value: "plan"), ifDeviceCopy(true), hidden,
                     .h2(.id("plan"), "3. Your plan"),
                     .p(.a(.href(SiteURL.safetyPlan.path), "See my whole plan"))),
            .p(.class("notice"), "Ratings aren't saved while the app can't be reached, so this page skips them. When you're back online, you can check in again from I'm struggling.")
        )).render()
    }

    /// The deployment's crisis lines as call and text links, or where to turn when none are set.
    private static func talk(_ lines: [CrisisLine]) -> Node<HTML.BodyContext> {
        .if(lines.isEmpty,
            .p("Call your local emergency number, or go to your nearest emergency department. You can also call someone you trust and tell them you are struggling."),
            else: .ul(.class("crisis-lines"), .forEach(lines) { CrisisPage.line($0) }))
    }

    private static func ifDeviceCopy(_ present: Bool) -> Node<HTML.BodyContext> {
        .attribute(named: "data-if-device-copy", value: present ? "yes" : "no")
    }

    private static var hidden: Node<HTML.BodyContext> { .attribute(named: "hidden", value: "hidden") }
}
