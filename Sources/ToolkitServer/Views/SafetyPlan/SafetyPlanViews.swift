import Foundation
import Plot
import ToolkitCore

/// The client's safety plan, read-only, with what they can do with it.
struct SafetyPlanPage {
    var user: User
    var csrfToken: String
    var plan: SafetyPlanStore.Loaded?
    var notice: String?
    var viewingVersion: Int?

    func render() -> String {
        PageLayout(title: "My safety plan", user: user, csrfToken: csrfToken, scripts: ["safety-plan.js"], content: .div(
            .h1("My safety plan"),
            FormFields.notice(notice),
            .unwrap(viewingVersion) { version in
                .p(.class("notice"), .text("You are looking at an earlier version (version \(version)). "),
                   .a(.href(SiteURL.safetyPlan.path), "Back to the current plan"))
            },
            .if(plan == nil,
                .group(
                    .p(.class("lead"), "A safety plan is a short list, in your own words, of what to do when things get very hard. You make it while you feel steadier, so it's ready when you need it."),
                    .p("It takes about 15 minutes. You can change it any time, and it stays private unless you choose to share it with your therapist."),
                    .a(.class("button primary"), .href(SiteURL.safetyPlanEdit.path), "Start my safety plan")),
                else: .unwrap(plan) { loaded in
                    .group(
                        .p(.class("meta"), .text("Version \(loaded.version), saved "), SafetyPlanViews.time(loaded.updatedAt), .text(".")),
                        .ul(.class("action-list no-print"),
                            .li(.a(.class("button primary"), .href(SiteURL.safetyPlanEdit.path), "Change my plan")),
                            .li(.a(.class("button"), .href(SiteURL.safetyPlanPrint.path), "Print it")),
                            .li(.a(.class("button"), .href(SiteURL.safetyPlanCard.path), "Print a wallet card")),
                            .li(.a(.class("button"), .href(SiteURL.safetyPlanVersions.path), "Earlier versions"))),
                        SafetyPlanViews.contacts(loaded.plan),
                        SafetyPlanViews.planBody(loaded.plan),
                        .if(viewingVersion == nil, sharing(loaded.shared)),
                        .if(viewingVersion == nil, keepOnDevice(loaded.plan)))
                })
        )).render()
    }

    private func sharing(_ shared: Bool) -> Node<HTML.BodyContext> {
        .section(.class("no-print"), .attribute(named: "aria-labelledby", value: "sharing"),
                 .h2(.id("sharing"), "Sharing with your therapist"),
                 .p(.text(shared
                    ? "Your therapist can see this plan. You can stop sharing at any time; it takes effect straight away."
                    : "Only you can see this plan. If you share it, your therapist can read it (but not change it). You can stop sharing at any time.")),
                 FormFields.sharingToggle(action: SiteURL.safetyPlanSharing.path, shared: shared, csrfToken: csrfToken))
    }

    /// Opt-in copy in this browser for use without a connection; explained plainly.
    private func keepOnDevice(_ plan: SafetyPlan) -> Node<HTML.BodyContext> {
        let json = (try? String(decoding: JSONEncoder().encode(SafetyPlanViews.DeviceCopy(plan: plan)), as: UTF8.self)) ?? "{}"
        return .section(.class("no-print"), .attribute(named: "aria-labelledby", value: "device"), .attribute(named: "data-device-copy", value: "1"),
                        .h2(.id("device"), "Keep my plan on this device"),
                        .p("If you turn this on, a copy of your plan is kept in this browser, so that My safety plan, I'm struggling and the Need help now page show it, with its numbers to call, even without a connection."),
                        .p(.strong("On a shared phone or computer, leave this off: "),
                           .text("anyone who uses this browser could read the copy. It is removed when you sign out, or when you turn this off.")),
                        .label(.input(.type(.checkbox), .id("keep-on-device")), .text(" Keep a copy of my plan on this device")),
                        .p(.class("muted"), .attribute(named: "data-role", value: "device-status"), .attribute(named: "aria-live", value: "polite")),
                        .div(.id("plan-copy"), .attribute(named: "hidden", value: "hidden"), .safeAttribute(named: "data-plan", value: json)))
    }
}

enum SafetyPlanViews {
    /// What a device copy holds, for reading offline: the plan's steps, and the entries with a
    /// phone number (the number dialable) so they can be tap-to-call links.
    struct DeviceCopy: Encodable {
        var steps: [Step]
        var contacts: [Contact]
        struct Step: Encodable { var title: String; var entries: [String] }
        struct Contact: Encodable { var label: String; var phone: String }
        init(plan: SafetyPlan) {
            steps = SafetyPlanStep.allCases.map { Step(title: $0.title, entries: plan[step: $0]) }.filter { !$0.entries.isEmpty }
            contacts = plan.contacts.map { Contact(label: $0.label, phone: $0.phone) }
        }
    }

    /// A moment as the server writes it (UTC), which app.js rewrites in the reader's own time zone.
    static func time<C: HTML.BodyContext>(_ date: Date) -> Node<C> {
        .element(named: "time", nodes: [
            .attribute(named: "datetime", value: date.ISO8601Format()),
            .attribute(named: "data-local", value: "datetime"),
            // The person's chosen zone, so the browser writes the time on their clock, not the device's.
            .attribute(named: "data-zone", value: DisplayTime.zone?.identifier.attributeEscaped),
            .text(dateText(date)),
        ])
    }

    static func dateText(_ date: Date) -> String { DisplayTime.text(date) }

    static func planBody<C: HTML.BodyContext>(_ plan: SafetyPlan) -> Node<C> {
        .group(
            .forEach(Array(SafetyPlanStep.allCases.enumerated())) { index, step in
                .section(.class("plan-step"),
                         .h2(.text("\(index + 1). \(step.title)")),
                         .if(plan[step: step].isEmpty,
                             .p(.class("muted"), "Nothing here yet."),
                             else: .ul(.forEach(plan[step: step]) { .li(.text($0)) })))
            },
            .if(plan.reflection.likelihood != nil || !plan.reflection.whereKept.isEmpty || !plan.reflection.obstacles.isEmpty,
                .section(.class("plan-step"),
                         .h2("About using this plan"),
                         .unwrap(plan.reflection.likelihood) { .p(.text("How likely I am to use it: \($0) out of 10")) },
                         .if(!plan.reflection.obstacles.isEmpty, .p(.text("What could get in the way: \(plan.reflection.obstacles)"))),
                         .if(!plan.reflection.whereKept.isEmpty, .p(.text("Where I keep it: \(plan.reflection.whereKept)")))))
        )
    }

    /// The plan's phone numbers as tap-to-call links.
    static func contacts<C: HTML.BodyContext>(_ plan: SafetyPlan) -> Node<C> {
        .if(!plan.callableContacts.isEmpty, .section(
            .class("no-print"), .attribute(named: "aria-labelledby", value: "contacts"),
            .h2(.id("contacts"), "Call someone from my plan"),
            CallButtons.list(plan.callableContacts)))
    }
}

/// The plan built step by step: each step explains itself and offers examples to tick or ignore;
/// the steps about people ask for a name and a number, so a call is one tap away later.
struct SafetyPlanEditPage {
    var user: User
    var csrfToken: String
    var plan: SafetyPlan
    var problems: [SafetyPlan.Problem] = []
    /// Shown at the top: why the page came back (a form that outlived its session, say).
    var notice: String?
    /// Seconds of inactivity before the session ends, for the warning while text is unsaved.
    var idleSeconds: Int = 30 * 60
    /// Offered in the professionals step of a plan that has none yet: the client's own therapist
    /// and the deployment's crisis lines, pre-filled and editable.
    var offeredProfessionals: [PlanContact] = []

    /// Blank rows after the filled ones in a step about people.
    static let spareRows = 2
    static let rowsRead = SafetyPlan.maximumEntriesPerStep + 10

    func render() -> String {
        PageLayout(title: "Build my safety plan", user: user, csrfToken: csrfToken, scripts: ["unsaved-form.js"], content: .div(
            .h1("My safety plan"),
            .p(.class("lead"), "Work through the steps in your own words. Tick any examples that fit, add your own, and leave out anything that doesn't. You can come back and change it any time."),
            FormFields.notice(notice),
            errorSummary,
            .form(.method(.post), .action(SiteURL.safetyPlanEdit.path), .id("plan-form"),
                  .attribute(named: "data-idle-seconds", value: String(idleSeconds)),
                  .attribute(named: "data-keep-alive", value: SiteURL.sessionKeepAlive.path),
                  FormFields.csrf(csrfToken),
                  .forEach(Array(SafetyPlanStep.allCases.enumerated())) { index, step in
                      .fieldset(.class("plan-step"),
                                .element(named: "legend", text: "Step \(index + 1) of \(SafetyPlanStep.allCases.count): \(step.title)"),
                                .p(.class("hint"), .text(step.explanation)),
                                step.isAboutPeople ? peopleRows(step) : examplesAndLines(step))
                  },
                  .fieldset(.class("plan-step"),
                            .element(named: "legend", text: "Last step: using the plan"),
                            .p(.class("hint"), "A plan helps most when it's easy to reach. These questions are just for you."),
                            .fieldset(.element(named: "legend", text: "How likely are you to use this plan when you need it? (0 = not at all, 10 = very likely)"),
                                      .div(.class("rating"), .forEach(0...10) { value in
                                          .label(.input(.type(.radio), .name("likelihood"), .id("likelihood-\(value)"), .value(String(value)),
                                                        .checked(plan.reflection.likelihood == value)), .span(.text(String(value))))
                                      })),
                            .div(.class("field"),
                                 .label(.for("obstacles"), "What could get in the way of using it?"),
                                 .p(.class("field-limit"), .id("obstacles-limit"), "Up to 2000 characters."),
                                 .textarea(.id("obstacles"), .name("obstacles"), .rows(3), .attribute(named: "maxlength", value: "2000"),
                                           .attribute(named: "aria-describedby", value: "obstacles-limit"), .text(plan.reflection.obstacles))),
                            .div(.class("field"),
                                 .label(.for("whereKept"), "Where will you keep it?"),
                                 .p(.class("hint"), .id("whereKept-hint"), "For example: a photo on my phone, a card in my wallet, on the fridge."),
                                 .input(.type(.text), .id("whereKept"), .name("whereKept"), .safeValue(plan.reflection.whereKept),
                                        .attribute(named: "maxlength", value: "2000"),
                                        .attribute(named: "aria-describedby", value: "whereKept-hint")))),
                  FormFields.idleWarning(what: "your plan", saveLabel: "Save my plan now"),
                  .button(.type(.submit), .class("button primary"), "Save my plan"),
                  .text(" "),
                  .a(.href(SiteURL.safetyPlan.path), "Cancel"))
        )).render()
    }

    /// Each problem links to the field it is about.
    private var errorSummary: Node<HTML.BodyContext> {
        .if(!problems.isEmpty, .div(
            .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
            .h2("Please check the form"),
            .ul(.forEach(problems) { problem in .li(.a(.href("#" + Self.fieldID(for: problem.field)), .text(problem.message))) })
        ))
    }

    static func fieldID(for field: String) -> String {
        if let step = SafetyPlanStep(rawValue: field) { return step.isAboutPeople ? "name-\(step.rawValue)-0" : "step-\(step.rawValue)" }
        return field == "likelihood" ? "likelihood-0" : field
    }

    private var limitText: String {
        "Up to \(SafetyPlan.maximumEntriesPerStep) lines, each up to \(SafetyPlan.maximumEntryLength) characters."
    }

    private func examplesAndLines(_ step: SafetyPlanStep) -> Node<HTML.FormContext> {
        .group(
            .p(.class("hint"), "Examples you can tick:"),
            .ul(.class("plain-list"), .forEach(step.examples) { example in
                .li(.label(.class("choice"),
                           .input(.type(.checkbox), .name("example-\(step.rawValue)"), .safeValue(example),
                                  .checked(plan[step: step].contains(example))),
                           .text(" " + example)))
            }),
            .div(.class("field"),
                 .label(.for("step-\(step.rawValue)"), .text("In my own words (one on each line)"),
                        .span(.class("visually-hidden"), .text(": \(step.title)"))),
                 .p(.class("field-limit"), .id("limit-\(step.rawValue)"), .text(limitText)),
                 .textarea(.id("step-\(step.rawValue)"), .name(step.rawValue), .rows(4),
                           .attribute(named: "aria-describedby", value: "limit-\(step.rawValue)"),
                           .attribute(named: "data-max-lines", value: String(SafetyPlan.maximumEntriesPerStep)),
                           .attribute(named: "data-max-line-length", value: String(SafetyPlan.maximumEntryLength)),
                           .attribute(named: "aria-invalid", value: problems.contains { $0.field == step.rawValue } ? "true" : nil),
                           .text(plan[step: step].filter { !step.examples.contains($0) }.joined(separator: "\n")))))
    }

    /// A name and a number on each row: the plan's people, then the offered ones, then spares.
    private func peopleRows(_ step: SafetyPlanStep) -> Node<HTML.FormContext> {
        var contacts = plan[step: step].map(PlanContact.parse)
        let offering = step == .professionals && contacts.isEmpty && !offeredProfessionals.isEmpty
        if offering { contacts = offeredProfessionals }
        let rows = contacts + Array(repeating: PlanContact(name: "", phone: ""),
                                    count: max(0, min(SafetyPlan.maximumEntriesPerStep - contacts.count, Self.spareRows)))
        return .group(
            .p(.class("hint"), .text(step.personPrompt + " With a number, they're one tap away when you need them.")),
            .if(offering, .p(.class("notice"), "We've filled in your therapist and the crisis lines for your area. Change or clear anything that doesn't suit you.")),
            .p(.class("field-limit"), .id("limit-\(step.rawValue)"),
               .text("Up to \(SafetyPlan.maximumEntriesPerStep) people. Need more rows? Save, and two more appear.")),
            .forEach(Array(rows.enumerated())) { index, contact in
                .fieldset(.class("person-row"),
                          .element(named: "legend", nodes: [.class("visually-hidden"), .text("\(step.shortTitle): person \(index + 1)")]),
                          personField("name", label: "Name", step: step, index: index, value: contact.name, maxLength: 200, type: .text),
                          personField("phone", label: "Phone number", step: step, index: index, value: contact.phone, maxLength: 40, type: .tel),
                          personField("note", label: "When to call (optional)", step: step, index: index, value: contact.note, maxLength: 200, type: .text))
            })
    }

    private func personField(_ kind: String, label: String, step: SafetyPlanStep, index: Int, value: String, maxLength: Int,
                             type: HTMLInputType) -> Node<HTML.FormContext> {
        let id = "\(kind)-\(step.rawValue)-\(index)"
        return .div(.class("field \(kind)-field"),
                    .label(.for(id), .text(label)),
                    .input(.type(type), .id(id), .name(id), .safeValue(value), .attribute(named: "maxlength", value: String(maxLength)),
                           .attribute(named: "aria-describedby", value: "limit-\(step.rawValue)"),
                           .attribute(named: "autocomplete", value: "off")))
    }

    /// Reads the form back into a plan: ticked examples first, then the person's own lines; for
    /// the steps about people, each filled row becomes "name, number".
    static func plan(from form: FormData) -> SafetyPlan {
        var plan = SafetyPlan()
        for step in SafetyPlanStep.allCases {
            if step.isAboutPeople && (form.has("name-\(step.rawValue)-0") || form.has("phone-\(step.rawValue)-0")) {
                plan[step: step] = (0..<rowsRead).map { index in
                    PlanContact(name: form["name-\(step.rawValue)-\(index)"], phone: form["phone-\(step.rawValue)-\(index)"],
                                note: form["note-\(step.rawValue)-\(index)"])
                }.filter { !$0.isEmpty }.map(\.entry)
                continue
            }
            let ticked = form.values("example-\(step.rawValue)").filter(step.examples.contains)
            let own = form[step.rawValue].split(whereSeparator: \.isNewline).map(String.init)
            plan[step: step] = ticked + own
        }
        plan.reflection = .init(likelihood: Int(form["likelihood"]), obstacles: form["obstacles"], whereKept: form["whereKept"])
        return plan
    }
}

struct SafetyPlanVersionsPage {
    var user: User
    var csrfToken: String
    var versions: [SafetyPlanStore.VersionSummary]

    func render() -> String {
        PageLayout(title: "Earlier versions of my plan", user: user, csrfToken: csrfToken, content: .div(
            .h1("Earlier versions of my plan"),
            .p("Every time you save your plan, the earlier version is kept so you can look back at it."),
            .if(versions.isEmpty, .p("There are no saved versions yet."),
                else: .ol(.class("version-list"), .attribute(named: "reversed", value: "reversed"), .forEach(versions) { version in
                    .li(.a(.href(SiteURL.safetyPlan.path + "?version=\(version.version)"),
                           .text("Version \(version.version), saved "), SafetyPlanViews.time(version.savedAt)))
                })),
            .p(.a(.href(SiteURL.safetyPlan.path), "Back to my plan"))
        )).render()
    }
}

/// Paper versions of the plan: a full page, and a small card to fold into a wallet.
enum SafetyPlanPrint {
    static func fullPage(_ plan: SafetyPlan, name: String, crisisLines: [CrisisLine] = []) -> String {
        PageLayout(title: "My safety plan", chrome: false, bodyClass: "print", content: .div(
            .p(.class("no-print"), .a(.href(SiteURL.safetyPlan.path), "← Back to my plan"), " · ",
               .button(.type(.button), .class("link-button"), .attribute(named: "data-print", value: "page"), "Print this page")),
            .h1(.text("Safety plan for \(name)")),
            SafetyPlanViews.planBody(plan),
            CrisisPage.printedLines(crisisLines, lead: "Crisis lines, any time things get very hard:")
        )).render()
    }

    /// Two bank-card-sized panels side by side, to fold in the middle. Printed, the page is the
    /// card itself (see app.css); WalletCard decides what fits.
    static func walletCard(_ plan: SafetyPlan, crisisLines: [CrisisLine]) -> String {
        let card = WalletCard(plan: plan, crisisLines: crisisLines)
        func sections(_ sections: [WalletCard.Section]) -> Node<HTML.BodyContext> {
            .forEach(sections) { section in
                .group(.h3(.text(section.title)),
                       .ul(.forEach(section.lines) { line in
                           .li(.class("wallet-line"), .span(.class("wallet-text"), .text(line.text)),
                               .unwrap(line.number) { .span(.class("wallet-number"), .text(" " + $0)) })
                       }))
            }
        }
        return PageLayout(title: "My safety plan card", chrome: false, bodyClass: "print wallet", content: .div(
            .p(.class("no-print"), .a(.href(SiteURL.safetyPlan.path), "← Back to my plan"), " · ",
               .button(.type(.button), .class("link-button"), .attribute(named: "data-print", value: "page"), "Print the card")),
            .p(.class("no-print"), "Print it at actual size (100%, not “fit to page”) to get a card the size of a bank card. Cut along the solid line, fold along the dashed line, and keep it in your wallet or phone case."),
            .if(card.isAbridged,
                .p(.class("no-print notice"), "Not all of your plan fits on a card, so it has the first entries of the most important steps. ",
                   .a(.href(SiteURL.safetyPlanPrint.path), "The full plan prints on a page"), ".")),
            .h1(.class("visually-hidden"), "My safety plan card"),
            .div(.class("wallet-fold"),
                 .div(.class("wallet-card"),
                      .h2(.class("wallet-title"), "Safety plan"),
                      .p(.class("wallet-emergency"), "In danger now? Call your local emergency number."),
                      sections(card.front)),
                 .div(.class("wallet-card"),
                      sections(card.back),
                      .if(card.isAbridged, .p(.class("wallet-more"), "My full plan has more."))))
        )).render()
    }
}

/// What a therapist sees of a client's shared plan: the plan, read-only.
struct SharedSafetyPlanPage {
    var therapist: User
    var csrfToken: String
    var client: User
    var plan: SafetyPlanStore.Loaded

    func render() -> String {
        PageLayout(title: "\(client.name)'s safety plan", user: therapist, csrfToken: csrfToken, content: .div(
            .p(.class("meta"), .a(.href(SiteURL.clients.path), "← My clients")),
            .h1(.text("\(client.name)'s safety plan")),
            .p(.class("notice"), .text("\(client.name) shares this plan with you. Version \(plan.version), saved \(SafetyPlanViews.dateText(plan.updatedAt)). They can stop sharing at any time.")),
            SafetyPlanViews.planBody(plan.plan)
        )).render()
    }
}
