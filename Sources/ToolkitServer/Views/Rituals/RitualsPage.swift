import Foundation
import Plot
import ToolkitCore

/// The rituals page: the days made time for, this week, today's rituals to mark, the menu to
/// choose from and a field for one's own. Calm throughout: a filled dot for a day done, nothing
/// at all for a day not done.
struct RitualsPage {
    var user: User
    var csrfToken: String
    var plan: RitualPlan
    var menu: RitualMenu
    var today: CalendarDay
    var calendar: Calendar
    var notice: String?
    var typed: String = ""
    var problems: [RitualPlan.Problem] = []

    static func notice(_ key: String) -> String? {
        switch key {
        case "added": "Added to your rituals."
        case "marked": "Marked. That counts."
        case "unmarked": "Unmarked."
        case "aside": "Put aside. The days you did it still count, and you can bring it back any time."
        case "back": "It's back in your rituals, with all its days."
        default: nil
        }
    }

    func dayLabel(_ day: CalendarDay) -> String { ClientCalendar.text(day, in: calendar) }

    static func daysText(_ count: Int) -> String { count == 1 ? "1 day" : "\(count) days" }

    func render() -> String {
        PageLayout(title: "Small daily rituals", user: user, csrfToken: csrfToken, content: .div(
            .h1("Small daily rituals"),
            FormFields.notice(notice),
            .if(plan.welcomesBack(today: today, calendar: calendar),
                .p(.class("notice ritual-welcome"), .attribute(named: "role", value: "status"), .text(RitualPlan.welcomeBackMessage))),
            problemSummary,
            .p(.class("lead"), .text(plan.cumulativeDays == 0
                ? "Pick one small ritual to begin. There are no streaks here and nothing to lose."
                : "You've made time for a ritual on \(Self.daysText(plan.cumulativeDays)).")),
            week,
            todaySection,
            addSection,
            asideSection,
            .p(.class("muted"), "Missing days is part of the practice. Whenever you come back, you can simply start again.")
        )).render()
    }

    private var problemSummary: Node<HTML.BodyContext> {
        .if(!problems.isEmpty, .div(
            .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
            .h2("That couldn't be saved"),
            .ul(.forEach(problems) { problem in
                .li(.a(.href(problem.field == "text" ? "#ritual-text" : "#today"), .text(problem.message)))
            })))
    }

    private var week: Node<HTML.BodyContext> {
        .section(.attribute(named: "aria-labelledby", value: "this-week"),
                 .h2(.id("this-week"), "This week"),
                 .ol(.class("ritual-week"), .forEach(plan.week(of: today, calendar: calendar)) { day in
                     .li(.class(day.done ? "ritual-week-day done" : "ritual-week-day"),
                         .span(.class("ritual-dot"), .attribute(named: "aria-hidden", value: "true")),
                         .span(.class("ritual-weekday"), .text(String(ClientCalendar.weekdays[day.day.isoWeekday(in: calendar) - 1].prefix(3)) + " \(day.day.day)")),
                         .if(day.isToday, .span(.class("meta"), " today")),
                         .if(day.done, .span(.class("ritual-day-note"), " made time")))
                 }))
    }

    private var todaySection: Node<HTML.BodyContext> {
        let yesterday = today.adding(days: -1, in: calendar)
        return .section(.attribute(named: "aria-labelledby", value: "today"),
            .h2(.id("today"), .text("Today, \(dayLabel(today))")),
            .if(plan.active.isEmpty,
                .p(.class("muted"), "You haven't chosen a ritual yet. The menu below has ideas that take one to five minutes."),
                else: .ul(.class("card-list ritual-list"), .forEach(plan.active) { ritual in
                    .li(.class("card ritual"),
                        .p(.class("ritual-text"), .text(ritual.text)),
                        .p(.class("meta"), .text([ritual.group.isEmpty ? "My own" : ritual.group,
                                                  ritual.days.isEmpty ? nil : "made time on \(Self.daysText(ritual.days.count))"]
                            .compactMap { $0 }.joined(separator: " · "))),
                        .div(.class("ritual-actions"),
                             markForm(ritual, day: today, done: ritual.isDone(on: today),
                                      doLabel: "Done today", undoLabel: "Undo today", doneText: "Done today"),
                             markForm(ritual, day: yesterday, done: ritual.isDone(on: yesterday),
                                      doLabel: "I did it yesterday", undoLabel: "Undo yesterday", doneText: "Done yesterday"),
                             ritualForm(SiteURL.ritualsRetire.path, ritual: ritual, label: "Put aside", buttonClass: "link-button")))
                })))
    }

    private func markForm(_ ritual: RitualPlan.Ritual, day: CalendarDay, done: Bool, doLabel: String, undoLabel: String,
                          doneText: String) -> Node<HTML.BodyContext> {
        .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.ritualsMark.path), .class("inline-form"),
              FormFields.csrf(csrfToken),
              .input(.type(.hidden), .name("ritual"), .safeValue(ritual.id)),
              .input(.type(.hidden), .name("day"), .safeValue(day.description)),
              .input(.type(.hidden), .name("done"), .value(done ? "0" : "1")),
              .if(done,
                  .group(.span(.class("ritual-done"), .span(.class("ritual-dot"), .attribute(named: "aria-hidden", value: "true")), .text(" \(doneText) ")),
                         .button(.type(.submit), .class("link-button"),
                                 .attribute(named: "aria-label", value: "\(undoLabel): \(ritual.text)".attributeEscaped), .text(undoLabel))),
                  else: .button(.type(.submit), .class(day == today ? "button primary" : "button"),
                                .attribute(named: "aria-label", value: "\(doLabel): \(ritual.text)".attributeEscaped), .text(doLabel))))
    }

    private func ritualForm(_ action: String, ritual: RitualPlan.Ritual, label: String, buttonClass: String) -> Node<HTML.BodyContext> {
        .form(.method(.post), .safeAttribute(named: "action", value: action), .class("inline-form"),
              FormFields.csrf(csrfToken),
              .input(.type(.hidden), .name("ritual"), .safeValue(ritual.id)),
              .button(.type(.submit), .class(buttonClass),
                      .attribute(named: "aria-label", value: "\(label): \(ritual.text)".attributeEscaped), .text(label)))
    }

    private var addSection: Node<HTML.BodyContext> {
        let chosen = Set(plan.active.map { $0.text.lowercased() })
        let textError = problems.first { $0.field == "text" }?.message
        return .section(.attribute(named: "aria-labelledby", value: "add"),
            .h2(.id("add"), "Add a ritual"),
            .p("Pick one that appeals to you. One is plenty to start with."),
            .forEach(Array(menu.groups.enumerated())) { groupIndex, group in
                .group(
                    .h3(.text(group.title)),
                    .ul(.class("ritual-menu"), .forEach(Array(group.items.enumerated())) { itemIndex, text in
                        .li(.span(.text(text)), .text(" "),
                            .if(chosen.contains(text.lowercased()),
                                .span(.class("meta"), "In your rituals"),
                                else: .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.ritualsAdd.path), .class("inline-form"),
                                            FormFields.csrf(csrfToken),
                                            .input(.type(.hidden), .name("menu"), .value(RitualMenu.reference(group: groupIndex, item: itemIndex))),
                                            .button(.type(.submit), .class("button"),
                                                    .attribute(named: "aria-label", value: "Add: \(text)".attributeEscaped), .text("Add")))))
                    }))
            },
            .h3("Or write your own"),
            .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.ritualsAdd.path),
                  FormFields.csrf(csrfToken),
                  .div(.class(textError == nil ? "field" : "field has-error"),
                       .label(.for("ritual-text"), "My own ritual"),
                       .p(.class("field-limit"), .id("ritual-text-limit"), .text("Up to \(RitualPlan.maximumTextLength) characters. For example: water the plants slowly.")),
                       .unwrap(textError) { .p(.class("error-text"), .id("ritual-text-error"), .text($0)) },
                       .input(.type(.text), .id("ritual-text"), .name("text"), .safeValue(typed),
                              .attribute(named: "maxlength", value: String(RitualPlan.maximumTextLength)),
                              .attribute(named: "aria-describedby", value: textError == nil ? "ritual-text-limit" : "ritual-text-limit ritual-text-error"),
                              .attribute(named: "aria-invalid", value: textError == nil ? nil : "true"))),
                  .button(.type(.submit), .class("button primary"), "Add my own")),
            .p(.class("meta"), .a(.href(SiteURL.libraryItem(RitualMenu.libraryItemID).path), "Read the whole menu, with a note about missing days")))
    }

    private var asideSection: Node<HTML.BodyContext> {
        .if(!plan.retired.isEmpty, .section(.attribute(named: "aria-labelledby", value: "aside"),
            .h2(.id("aside"), "Put aside"),
            .p("Rituals you've set down for now. Their days still count."),
            .ul(.class("card-list"), .forEach(plan.retired) { ritual in
                .li(.class("card ritual"),
                    .p(.class("ritual-text"), .text(ritual.text)),
                    .p(.class("meta"), .text(ritual.days.isEmpty ? "Not marked yet" : "Made time on \(Self.daysText(ritual.days.count))")),
                    ritualForm(SiteURL.ritualsRestore.path, ritual: ritual, label: "Bring it back", buttonClass: "button"))
            })))
    }
}
