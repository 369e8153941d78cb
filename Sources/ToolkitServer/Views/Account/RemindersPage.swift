import Foundation
import Plot
import ToolkitCore

/// Reminders through the client's own calendar: a private feed their phone subscribes to, with
/// no third party in between and nothing clinical in it.
struct RemindersPage {
    var user: User
    var csrfToken: String
    var feed: CalendarFeedStore.Feed?
    /// The schedule the form shows: what was sent (after a refusal), saved, or the usual one.
    var schedule: ReminderSchedule
    /// The secret address, shown only on the page that made it.
    var newAddress: String?
    var notice: String?
    var problems: [String] = []

    static func notices(_ key: String) -> String? {
        switch key {
        case "changed": "Saved. Your calendar picks up the change the next time it checks, usually within a few hours."
        case "off": "Reminders are off. The old address no longer works; you can remove the calendar from your phone."
        default: nil
        }
    }

    func render() -> String {
        PageLayout(title: "Reminders", user: user, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.account.path), "← Your account")),
            .h1("Reminders in your calendar"),
            FormFields.notice(notice),
            .p(.class("lead"), "A gentle nudge at a time you choose, from your phone's own calendar. No email, no app to install, and nothing sent to anyone else."),
            .p("Each reminder just says “Practice time” and links back to Today. Nothing about what you practise or write is in it, so it is fine if someone glances at your calendar."),
            .unwrap(newAddress) { address in addressSection(address) },
            .if(feed != nil && newAddress == nil, .section(
                .attribute(named: "aria-labelledby", value: "reminders-on-heading"),
                .h2(.id("reminders-on-heading"), "Reminders are on"),
                .p(.text("At \(feed?.schedule.timeText ?? "") \(feed?.schedule.daysSentence ?? "")\(feed?.schedule.assignmentDays == true ? ", and on the other days your therapist has planned a practice" : ""). Your calendar keeps the address you added; it isn't shown again here, for your privacy. If you have lost it, or think someone else has it, make a new one: the old one stops working at once."))
            )),
            scheduleForm,
            .if(feed != nil, .section(
                .attribute(named: "aria-labelledby", value: "reminders-address-heading"),
                .h2(.id("reminders-address-heading"), "The address"),
                .form(.method(.post), .action(SiteURL.reminders.path), FormFields.csrf(csrfToken),
                      .input(.type(.hidden), .name("time"), .safeValue(feed?.schedule.timeText ?? "")),
                      .forEach(feed?.schedule.weekdays.sorted() ?? []) { .input(.type(.hidden), .name("days"), .value(String($0))) },
                      .if(feed?.schedule.assignmentDays == true, .input(.type(.hidden), .name("assignmentDays"), .value("1"))),
                      .input(.type(.hidden), .name("newAddress"), .value("1")),
                      .button(.type(.submit), .class("button"), "Make a new address")),
                .form(.method(.post), .action(SiteURL.remindersOff.path), FormFields.csrf(csrfToken),
                      .button(.type(.submit), .class("button"), "Turn reminders off"))
            ))
        )).render()
    }

    private func addressSection(_ address: String) -> Node<HTML.BodyContext> {
        let webcal = address.replacingOccurrences(of: "https://", with: "webcal://").replacingOccurrences(of: "http://", with: "webcal://")
        return .section(
            .class("card"),
            .attribute(named: "aria-labelledby", value: "reminders-address-heading-new"),
            .h2(.id("reminders-address-heading-new"), "Add this calendar to your phone"),
            .p("This address is shown only now. Add it to your calendar before you leave this page. Anyone with the address sees your reminder times, so keep it to yourself."),
            .p(.a(.class("button primary"), .safeAttribute(named: "href", value: webcal), "Add to my calendar")),
            .div(.class("field"),
                 .label(.for("feed-address"), "Or copy the address into your calendar app (“Add subscribed calendar” or “From URL”)"),
                 .input(.type(.text), .id("feed-address"), .readonly(true), .safeValue(address),
                        .attribute(named: "autocomplete", value: "off"), .attribute(named: "spellcheck", value: "false")))
        )
    }

    private func dayBox(_ day: Int) -> Node<HTML.FormContext> {
        .label(.class("choice"), .input(.type(.checkbox), .name("days"), .value(String(day)), .checked(schedule.weekdays.contains(day))),
               .text(" " + ReminderSchedule.dayNames[day - 1]))
    }

    private var scheduleForm: Node<HTML.BodyContext> {
        .section(
            .attribute(named: "aria-labelledby", value: "reminders-when-heading"),
            .h2(.id("reminders-when-heading"), feed == nil ? "Turn on reminders" : "Change when"),
            FormFields.errorSummary(problems),
            .form(
                .method(.post), .action(SiteURL.reminders.path),
                FormFields.csrf(csrfToken),
                FormFields.input(name: "time", label: "Time of day", type: .time, value: schedule.timeText,
                                 hint: "The reminder follows your phone's own clock, wherever you are.", required: true),
                .fieldset(
                    .element(named: "legend", text: "Days"),
                    .div(.class("reminder-days"), .forEach(Array(1...7), dayBox))
                ),
                .div(.class("field"),
                     .label(.class("choice"),
                            .input(.type(.checkbox), .name("assignmentDays"), .value("1"), .checked(schedule.assignmentDays),
                                   .attribute(named: "aria-describedby", value: "assignment-days-hint")),
                            .text(" Also on other days my therapist has planned a practice")),
                     .p(.class("hint"), .id("assignment-days-hint"),
                        "For example, a practice planned for Tuesdays when your days above don't include Tuesday. The reminder still just says “Practice time”. A week you have set aside brings none.")),
                .button(.type(.submit), .class("button primary"), feed == nil ? "Turn on reminders" : "Save")
            )
        )
    }
}
