import Plot
import ToolkitCore

/// Need help now: crisis lines first, then grounding, paced breathing and short scripts for a
/// harsh inner critic. Readable without JavaScript; with it, the exercises run step by step.
struct CrisisPage {
    var lines: [CrisisLine]
    var grounding: LibraryItem?
    var breathing: LibraryItem?
    var criticScript: LibraryItem?
    var supportiveVoice: LibraryItem?

    /// One page for everyone, so it can be kept in memory. A client's own links are in the page
    /// but hidden; crisis.js shows them once it knows who is reading.
    func render() -> String {
        PageLayout(title: "Need help now", scripts: ["practice.js", "crisis.js"], content: .div(
            .h1("Need help now"),
            .p(.class("lead"), "You don't have to get through this alone. Take it one small step at a time."),
            .p(.class("emergency"), "If you might act on thoughts of harming yourself, or you are in danger, call your local emergency number now."),
            .section(
                .attribute(named: "aria-labelledby", value: "talk"),
                .h2(.id("talk"), "Talk to someone now"),
                .if(lines.isEmpty,
                    .p("Call your local emergency number, or go to your nearest emergency department. You can also call someone you trust and tell them you are struggling."),
                    else: .ul(.class("crisis-lines"), .forEach(lines) { CrisisPage.line($0) }))
            ),
            .section(.id("device-plan"), .class("card"), .attribute(named: "hidden", value: "hidden")),
            .p(.id("client-links"), .attribute(named: "hidden", value: "hidden"),
               .a(.class("button primary"), .href(SiteURL.struggling.path), "Go through it with me"), " ",
               .a(.class("button"), .href(SiteURL.safetyPlan.path), "Open my safety plan")),
            .section(.id("my-answers"), .class("card critic-script-section"), .attribute(named: "hidden", value: "hidden")),
            .unwrap(grounding) { item in
                .section(.attribute(named: "aria-labelledby", value: "ground"),
                         .h2(.id("ground"), "Ground yourself: 5-4-3-2-1"),
                         .p(.text(item.summary)),
                         PracticePlayer.player(for: item, id: "grounding", startLabel: "Start grounding"))
            },
            .unwrap(breathing) { item in
                .section(.attribute(named: "aria-labelledby", value: "breathe"),
                         .h2(.id("breathe"), "Breathe out a little longer"),
                         .p(.text(item.summary)),
                         PracticePlayer.player(for: item, id: "breathing", startLabel: "Start breathing"))
            },
            .forEach([criticScript, supportiveVoice].compactMap { $0 }) { item in
                .section(
                    .h2(.text(item.title)),
                    .p(.text(item.summary)),
                    ItemParts.safetyLine(item),
                    .ol(.class("step-list"), .forEach(item.steps) { step in
                        .li(.strong(.text(step.title + ". ")), .text(step.text),
                            .unwrap(step.stepBack) { .span(.class("step-back"), .text(" If it's too much: " + $0)) })
                    }))
            },
            .p(.class("muted"), "This page keeps working without a connection once you have opened it, so you can come back to it anytime.")
        )).render()
    }

    /// The crisis lines for paper: names, numbers and hours as text, and the emergency number.
    static func printedLines<C: HTML.BodyContext>(_ lines: [CrisisLine], lead: String) -> Node<C> {
        .section(.class("printed-lines"),
                 .p(.strong(.text(lead))),
                 .if(!lines.isEmpty, .ul(.forEach(lines) { line in
                     .li(.strong(.text(line.name)),
                         .text([line.phone.flatMap { $0.isEmpty ? nil : "call \($0)" },
                                line.text.flatMap { $0.isEmpty ? nil : "text \($0)" },
                                line.hours.flatMap { $0.isEmpty ? nil : $0 },
                                line.website.flatMap { $0.isEmpty ? nil : $0 }].compactMap { $0 }.map { " · " + $0 }.joined()))
                 })),
                 .p("In danger right now? Call your local emergency number."))
    }

    static func line(_ line: CrisisLine) -> Node<HTML.ListContext> {
        func present(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        var actions: [Node<HTML.BodyContext>] = []
        if let phone = present(line.phone) {
            actions.append(.a(.class("button primary"), .href("tel:" + CrisisLine.dialable(phone)), .text("Call " + phone)))
        }
        if let number = present(line.text) {
            actions.append(.a(.class("button"), .href("sms:" + CrisisLine.dialable(number)), .text("Text " + number)))
        }
        if let site = present(line.website) {
            actions.append(.p(.a(.safeAttribute(named: "href", value: site), .attribute(named: "rel", value: "noopener noreferrer"),
                                 .text("Website: " + site))))
        }
        let details: [Node<HTML.BodyContext>] = [present(line.region).map { .p(.class("meta"), .text($0)) },
                                                 present(line.hours).map { .p(.class("meta"), .text("Open: " + $0)) }].compactMap { $0 }
        return .li(.h3(.text(line.name)), .div(.group(details)), .div(.group(actions)))
    }
}

/// The admin page where the practice sets the crisis lines for its region.
struct CrisisLinesAdminPage {
    var admin: User
    var csrfToken: String
    var lines: [CrisisLine]
    var errors: [String] = []
    var notice: String?

    static let rows = 6

    func render() -> String {
        let padded = lines + Array(repeating: CrisisLine(name: ""), count: max(0, Self.rows - lines.count))
        return PageLayout(title: "Crisis lines", user: admin, csrfToken: csrfToken, content: .div(
            .h1("Crisis lines"),
            .p("These appear on the Need help now page. Add the lines for your region only; with none set, the page tells people to call their local emergency number."),
            FormFields.notice(notice),
            FormFields.errorSummary(errors),
            .form(.method(.post), .action(SiteURL.adminCrisisLines.path),
                  FormFields.csrf(csrfToken),
                  .forEach(Array(padded.enumerated())) { index, line in
                      .fieldset(
                          .element(named: "legend", text: "Line \(index + 1)"),
                          FormFields.input(name: "name\(index)", label: "Name", value: line.name),
                          FormFields.input(name: "phone\(index)", label: "Phone number", type: .tel, value: line.phone ?? ""),
                          FormFields.input(name: "text\(index)", label: "Text message number (if it takes texts)", type: .tel, value: line.text ?? ""),
                          FormFields.input(name: "hours\(index)", label: "Hours", value: line.hours ?? "", hint: "For example: 24 hours, every day"),
                          FormFields.input(name: "website\(index)", label: "Website", type: .url, value: line.website ?? ""),
                          FormFields.input(name: "region\(index)", label: "Region", value: line.region ?? ""))
                  },
                  .button(.type(.submit), .class("button primary"), "Save crisis lines"))
        )).render()
    }
}
