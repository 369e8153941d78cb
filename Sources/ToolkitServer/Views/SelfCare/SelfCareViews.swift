import Foundation
import Plot
import ToolkitCore

/// The self-care pages: the plan and check-ins at a glance, the plan form, the check-in form and
/// one check-in. Every form is drawn from the library worksheet's own field definitions.
enum SelfCareViews {
    static func notice(_ key: String) -> String? {
        switch key {
        case "plan-saved": "Your plan is saved. You can change it any time."
        case "plan-shared": "Your therapist can now read your self-care plan. You can stop sharing it at any time."
        case "plan-unshared": "Your self-care plan is private again."
        case "plan-deleted": "Your self-care plan is cleared."
        case "saved": "Check-in saved. Only you can see it unless you share it."
        case "deleted": "The check-in is deleted."
        case "shared": "Your therapist can now read this check-in. You can stop sharing it at any time."
        case "unshared": "This check-in is private again."
        default: nil
        }
    }

    static func overview(user: User, csrfToken: String, plan: SelfCarePlanStore.Loaded?, planFields: [WorksheetField],
                         checkIns: WeeklyCheckInStore.Page, checkInFields: [WorksheetField], due: Bool, calendar: Calendar,
                         notice: String?, isFirstPage: Bool) -> String {
        PageLayout(title: "My self-care plan", user: user, csrfToken: csrfToken, content: .div(
            .h1("My self-care plan"),
            FormFields.notice(notice),
            .if(due, .div(.class("card notice check-in-ready"),
                          .h2(.class("h3"), "Your weekly check-in is ready"),
                          .p("Five minutes to look back at your week, without grading it. Any number is OK."),
                          .p(.a(.class("button primary"), .href(SiteURL.selfCareCheckInNew.path), "Start this week's check-in")))),
            .section(.attribute(named: "aria-labelledby", value: "plan"),
                .h2(.id("plan"), "My plan"),
                .unwrap(plan, { loaded in
                    .group(
                        .p(.class("meta"), .text("Changed "), SafetyPlanViews.time(loaded.updatedAt),
                           .if(loaded.shared, .text(" · shared with your therapist"))),
                        .dl(.class("facts"), .forEach(planFields.filter { !loaded.document[$0.id].isEmpty }) { field in
                            .group(.dt(.text(field.label)), .dd(answer(field, loaded.document)))
                        }),
                        .ul(.class("action-list"), .li(.a(.class("button"), .href(SiteURL.selfCarePlan.path), "Change my plan"))),
                        .p(.text(loaded.shared ? "Your therapist can read your plan. Stopping takes effect straight away."
                                 : "Only you can read your plan. If you share it, your therapist can read it, but not change it.")),
                        FormFields.sharingToggle(action: SiteURL.selfCarePlanSharing.path, shared: loaded.shared, csrfToken: csrfToken),
                        .details(.summary("Clear my plan"),
                                 .form(.method(.post), .action(SiteURL.selfCarePlanDelete.path),
                                       FormFields.csrf(csrfToken),
                                       .p("This removes everything in your plan. It can't be undone."),
                                       .button(.type(.submit), .class("button"), "Clear my plan"))))
                }, else: .group(
                    .p("Small, everyday acts of care for your body, mind, connection, rest and joy, and what to do on a hard day. You don't need to fill every box."),
                    .p(.a(.class("button primary"), .href(SiteURL.selfCarePlan.path), "Fill in my plan"))))),
            .section(.attribute(named: "aria-labelledby", value: "check-ins"),
                .h2(.id("check-ins"), "Weekly check-ins"),
                .if(!due && isFirstPage, .p(.a(.href(SiteURL.selfCareCheckInNew.path), "Write another check-in"))),
                .if(checkIns.entries.isEmpty,
                    .p(.class("muted"), .text(isFirstPage ? "No check-ins yet. Missing a week is fine; start whenever you like." : "No older check-ins.")),
                    else: .ul(.class("card-list"), .forEach(checkIns.entries) { loaded in
                        .li(.class("card"),
                            .h3(.a(.href(SiteURL.selfCareCheckIn(loaded.id).path),
                                   .text("Week of " + ClientCalendar.text(WeeklyCheckIn.weekStart(of: loaded.entry.day, calendar: calendar), in: calendar)))),
                            .p(.class("meta"), .text(ratingSummary(loaded.entry.answers, checkInFields)),
                               .if(loaded.shared, .text(" · shared with your therapist"))))
                    })),
                .unwrap(checkIns.hasOlder ? checkIns.entries.last : nil) { last in
                    .p(.a(.href(SiteURL.selfCare.path + "?before=" + last.id), "Older check-ins"))
                }),
            .p(.class("muted"), "This plan is for everyday care; it doesn't replace your safety plan. If things feel too much, ",
               .a(.href(SiteURL.crisis.path), "Need help now"), " has grounding and people to contact.")
        )).render()
    }

    /// "Rest 5 · Connection 3": the ratings as written, in the worksheet's order; nothing added up.
    static func ratingSummary(_ answers: SelfCareAnswers, _ fields: [WorksheetField]) -> String {
        let parts = fields.filter { $0.type == .rating && !answers[$0.id].isEmpty }.map { "\(shortLabel($0)) \(answers[$0.id])" }
        return parts.isEmpty ? "Written" : parts.joined(separator: " · ")
    }

    private static func shortLabel(_ field: WorksheetField) -> String {
        field.id.prefix(1).uppercased() + field.id.dropFirst().replacingOccurrences(of: "-", with: " ")
    }

    static func answer(_ field: WorksheetField, _ answers: SelfCareAnswers) -> Node<HTML.BodyContext> {
        switch field.type {
        case .list: .ul(.forEach(answers.list(field.id)) { .li(.text($0)) })
        case .rating: .text("\(answers[field.id]) out of 10")
        case .longText: .div(.forEach(answers[field.id].components(separatedBy: "\n")) { line in
            line.trimmingCharacters(in: .whitespaces).isEmpty ? .br() : .p(.text(line))
        })
        case .shortText, .choice: .text(answers[field.id])
        }
    }

    static func checkIn(user: User, csrfToken: String, loaded: WeeklyCheckInStore.Loaded, fields: [WorksheetField], calendar: Calendar,
                        notice: String?) -> String {
        PageLayout(title: "Weekly check-in", user: user, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.selfCare.path), "← My self-care plan")),
            .h1(.text("Check-in, " + ClientCalendar.text(loaded.entry.day, in: calendar))),
            FormFields.notice(notice),
            .dl(.class("facts"), .forEach(fields.filter { !loaded.entry.answers[$0.id].isEmpty }) { field in
                .group(.dt(.text(field.label)), .dd(answer(field, loaded.entry.answers)))
            }),
            .section(.attribute(named: "aria-labelledby", value: "sharing"),
                     .h2(.id("sharing"), "Sharing"),
                     .p(.text(loaded.shared ? "Your therapist can read this check-in. Stopping takes effect straight away."
                              : "Only you can read this check-in. If you share it, your therapist can read it, but not change it.")),
                     FormFields.sharingToggle(action: SiteURL.selfCareCheckInSharing(loaded.id).path, shared: loaded.shared, csrfToken: csrfToken)),
            .section(.attribute(named: "aria-labelledby", value: "delete"),
                     .h2(.id("delete"), "Delete"),
                     .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.selfCareCheckInDelete(loaded.id).path),
                           FormFields.csrf(csrfToken),
                           .p("Deleting can't be undone."),
                           .button(.type(.submit), .class("button"), "Delete this check-in")))
        )).render()
    }

    static func planForm(user: User, csrfToken: String, fields: [WorksheetField], answers: SelfCareAnswers, idleSeconds: Int,
                         problems: [SelfCareAnswers.Problem] = [], notice: String? = nil) -> String {
        form(title: "My self-care plan", lead: "Keep it small and real. You don't need to fill every box, and you can change it any time.",
             action: SiteURL.selfCarePlan.path, formID: "self-care-plan-form", what: "your self-care plan", saveLabel: "Save my plan",
             user: user, csrfToken: csrfToken, fields: fields, answers: answers, idleSeconds: idleSeconds, problems: problems, notice: notice)
    }

    static func checkInForm(user: User, csrfToken: String, fields: [WorksheetField], answers: SelfCareAnswers, idleSeconds: Int,
                            problems: [SelfCareAnswers.Problem] = [], notice: String? = nil) -> String {
        form(title: "Weekly check-in", lead: "A look back at your week. The numbers are a snapshot, not a score; there is no good or bad week here.",
             action: SiteURL.selfCareCheckIns.path, formID: "check-in-form", what: "your check-in", saveLabel: "Save the check-in",
             user: user, csrfToken: csrfToken, fields: fields, answers: answers, idleSeconds: idleSeconds, problems: problems, notice: notice)
    }

    private static func form(title: String, lead: String, action: String, formID: String, what: String, saveLabel: String, user: User,
                             csrfToken: String, fields: [WorksheetField], answers: SelfCareAnswers, idleSeconds: Int,
                             problems: [SelfCareAnswers.Problem], notice: String?) -> String {
        PageLayout(title: title, user: user, csrfToken: csrfToken, scripts: ["unsaved-form.js"], content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.selfCare.path), "← My self-care plan")),
            .h1(.text(title)),
            FormFields.notice(notice),
            .if(!problems.isEmpty, .div(
                .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
                .h2("Please check the form"),
                .ul(.forEach(problems) { problem in
                    let field = fields.first { $0.id == problem.field }
                    let target = field?.type == .rating || field?.type == .choice ? "field-\(problem.field)-0" : "field-\(problem.field)"
                    return .li(.a(.safeAttribute(named: "href", value: "#" + target), .text(problem.message)))
                }))),
            .p(.class("lead"), .text(lead)),
            .form(.method(.post), .action(action), .id(formID),
                  .attribute(named: "data-idle-seconds", value: String(idleSeconds)),
                  .attribute(named: "data-keep-alive", value: SiteURL.sessionKeepAlive.path),
                  FormFields.csrf(csrfToken),
                  .forEach(fields) { field in input(field, value: answers[field.id], error: problems.first { $0.field == field.id }?.message) },
                  FormFields.idleWarning(what: what, saveLabel: saveLabel),
                  .button(.type(.submit), .class("button primary"), .text(saveLabel))),
            .p(.class("muted"), "Looking at how you are can stir up feelings. You can pause, feel your feet on the floor and come back later. ",
               .a(.href(SiteURL.crisis.path), "Need help now"), " is there if things feel too heavy.")
        )).render()
    }

    /// One worksheet field as a form control, with its label, help, limit and any problem.
    static func input(_ field: WorksheetField, value: String, error: String?) -> Node<HTML.FormContext> {
        let id = "field-\(field.id)"
        let describedBy = [field.help == nil ? nil : "\(id)-hint", error == nil ? nil : "\(id)-error"].compactMap { $0 }.joined(separator: " ")
        let help: Node<HTML.FormContext> = .unwrap(field.help) { .p(.class("hint"), .id("\(id)-hint"), .text($0)) }
        let problem: Node<HTML.FormContext> = .unwrap(error) { .p(.class("error-text"), .id("\(id)-error"), .text($0)) }
        let fieldClass = error == nil ? "field" : "field has-error"
        switch field.type {
        case .shortText:
            return .div(.class(fieldClass), .label(.for(id), .text(field.label)), help, problem,
                        .input(.type(.text), .id(id), .name(field.id), .safeValue(value),
                               .attribute(named: "maxlength", value: String(SelfCareAnswers.maximumShortLength)),
                               .attribute(named: "aria-describedby", value: describedBy.isEmpty ? nil : describedBy),
                               .attribute(named: "aria-invalid", value: error == nil ? nil : "true")))
        case .longText, .list:
            let limit = field.type == .list
                ? "One on each line, up to \(SelfCareAnswers.maximumListItems) lines."
                : "Up to \(SelfCareAnswers.maximumLongLength) characters."
            return .div(.class(fieldClass), .label(.for(id), .text(field.label)), help,
                        .p(.class("field-limit"), .id("\(id)-limit"), .text(limit)), problem,
                        .textarea(.id(id), .name(field.id), .rows(max(3, field.lines ?? 4)),
                                  .attribute(named: "aria-describedby", value: ([describedBy, "\(id)-limit"].filter { !$0.isEmpty }).joined(separator: " ")),
                                  .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
                                  .text(value)))
        case .rating, .choice:
            let options = field.type == .rating ? (0...10).map(String.init) : (field.options ?? [])
            return .fieldset(.class(fieldClass + " write-field"), .attribute(named: "aria-describedby", value: describedBy.isEmpty ? nil : describedBy),
                             .element(named: "legend", text: field.label), help, problem,
                             .div(.class(field.type == .rating ? "rating" : "choices"), .forEach(Array(options.enumerated())) { index, option in
                                 .label(.input(.type(.radio), .id("\(id)-\(index)"), .name(field.id), .safeValue(option),
                                               .attribute(named: "checked", value: option == value ? "checked" : nil)),
                                        .span(.text(option)))
                             }))
        }
    }

    /// The worksheet fields of the bundled library, for rebuilding a form held over a sign-in
    /// (which has no services at hand). Loaded once, on first use.
    private static let bundledLibrary = try? ContentLibrary.loadBundled()

    /// A field's label in one of the bundled worksheets (its id when the library lacks it).
    static func label(_ fieldID: String, in itemID: String) -> String {
        bundledLibrary?.item(itemID)?.fields.first { $0.id == fieldID }?.label ?? fieldID
    }

    /// A self-care form held while its author signed in again, filled in as it was typed.
    static func resumedPage(path: String, fields form: FormData, user: User, csrfToken: String, idleSeconds: Int, notice: String) -> String? {
        guard let library = bundledLibrary else { return nil }
        if path == SiteURL.selfCarePlan.path, let fields = library.item(SelfCarePlan.libraryItemID)?.fields {
            return planForm(user: user, csrfToken: csrfToken, fields: fields, answers: answers(from: form, fields: fields),
                            idleSeconds: idleSeconds, notice: notice)
        }
        if path == SiteURL.selfCareCheckIns.path, let fields = library.item(WeeklyCheckIn.libraryItemID)?.fields {
            return checkInForm(user: user, csrfToken: csrfToken, fields: fields, answers: answers(from: form, fields: fields),
                               idleSeconds: idleSeconds, notice: notice)
        }
        return nil
    }

    /// The typed answers, exactly as sent, for the worksheet's fields only.
    static func answers(from form: FormData, fields: [WorksheetField]) -> SelfCareAnswers {
        SelfCareAnswers(Dictionary(uniqueKeysWithValues: fields.filter { form.has($0.id) }.map { ($0.id, form[$0.id]) }))
    }
}
