import Foundation
import Plot
import ToolkitCore

/// "My critic and my answers": the critic's usual lines, the client's kinder answers, and the
/// short script they make for hard moments (also printed as a card).
enum CriticViews {
    static func notice(_ key: String) -> String? {
        switch key {
        case "saved": "Saved. Only you can see this unless you share it."
        case "deleted": "That line is deleted."
        case "shared": "Your therapist can now read this line and its answer. You can stop sharing it at any time."
        case "unshared": "This line is private again."
        case "full": "Your script has \(CriticAnswer.maximumLines) lines, which is as many as it can hold. Change or delete one to make room."
        default: nil
        }
    }

    /// The lines, oldest first: a script reads in the order it was written.
    static func list(user: User, csrfToken: String, lines: [CriticAnswerStore.Loaded], sharesAll: Bool, idleSeconds: Int,
                     draft: CriticAnswer = CriticAnswer(), problems: [CriticAnswer.Problem] = [], notice: String? = nil) -> String {
        let answered = lines.filter { $0.entry.isAnswered }
        let waiting = lines.filter { !$0.entry.isAnswered }
        return PageLayout(title: "My critic and my answers", user: user, csrfToken: csrfToken, scripts: ["unsaved-form.js"], content: .div(
            .class("narrow"),
            .h1("My critic and my answers"),
            FormFields.notice(notice),
            .p(.class("lead"), "Write down what your inner critic says, in its own words. Then answer it the way you would answer a good friend who said that about themselves."),
            .p("The answers make a short script for hard moments. It appears when you choose I'm struggling and on the Need help now page, and you can print it as a card."),
            .if(answered.isEmpty, .p(.class("muted"), .text(lines.isEmpty
                ? "Nothing here yet. Only you will see what you write."
                : "None of the lines has an answer yet. There's no hurry.")),
                else: .section(.attribute(named: "aria-labelledby", value: "script"),
                               .h2(.id("script"), "My script"),
                               .ol(.class("critic-script"), .forEach(answered) { line(loaded: $0) }),
                               .p(.a(.class("button"), .href(SiteURL.criticCard.path), "Print it as a card")))),
            .if(!waiting.isEmpty, .section(.attribute(named: "aria-labelledby", value: "waiting"),
                                           .h2(.id("waiting"), "Waiting for an answer"),
                                           .ul(.class("critic-script"), .forEach(waiting) { line(loaded: $0) }))),
            .if(lines.count < CriticAnswer.maximumLines, .section(
                .attribute(named: "aria-labelledby", value: "add"),
                .h2(.id("add"), "Add a line"),
                form(action: SiteURL.critic.path, line: draft, problems: problems, idleSeconds: idleSeconds, csrfToken: csrfToken,
                     submitLabel: "Save this line"))),
            .section(.attribute(named: "aria-labelledby", value: "sharing"),
                     .h2(.id("sharing"), "Sharing"),
                     .p(.text(sharesAll
                        ? "You share all of these lines with your therapist, including new ones. They can read them but not change them."
                        : "Only you can read these lines unless you share them, one at a time or all together.")),
                     shareAllToggle(kind: "critic", sharesAll: sharesAll, csrfToken: csrfToken, noun: "lines"),
                     .p(.a(.href(SiteURL.sharing.path), "What my therapist can see")))
        )).render()
    }

    static func line(loaded: CriticAnswerStore.Loaded) -> Node<HTML.ListContext> {
        .li(.class("critic-line"),
            .p(.class("critic-says"), .span(.class("label"), "My critic says: "), .text(loaded.entry.critic)),
            .if(loaded.entry.isAnswered,
                .p(.class("my-answer"), .span(.class("label"), "I answer: "), .text(loaded.entry.answer))),
            .p(.class("meta"),
               .a(.href(SiteURL.criticLineEdit(loaded.id).path), .text(loaded.entry.isAnswered ? "Change" : "Answer it")),
               .if(loaded.shared, .text(" · shared with your therapist"))))
    }

    /// The fields for one line; used to add, to change, and when a held form comes back.
    static func form(action: String, line: CriticAnswer, problems: [CriticAnswer.Problem], idleSeconds: Int, csrfToken: String,
                     submitLabel: String) -> Node<HTML.BodyContext> {
        func problem(_ field: String) -> String? { problems.first { $0.field == field }?.message }
        return .form(
            .method(.post), .safeAttribute(named: "action", value: action),
            .attribute(named: "data-idle-seconds", value: String(idleSeconds)),
            .safeAttribute(named: "data-keep-alive", value: SiteURL.sessionKeepAlive.path),
            FormFields.csrf(csrfToken),
            .if(!problems.isEmpty, .div(
                .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
                .h2("Please check this line"),
                .ul(.forEach(problems) { problem in .li(.a(.href("#field-\(problem.field)"), .text(problem.message))) }))),
            FormFields.textArea(name: "critic", label: "What my critic says",
                                value: line.critic, hint: "In its own words, however harsh. Up to \(CriticAnswer.maximumCriticLength) characters.",
                                rows: 2, error: problem("critic")),
            FormFields.textArea(name: "answer", label: "My kinder answer",
                                value: line.answer,
                                hint: "What would you say to a friend who said this about themselves? You can leave this for later. Up to \(CriticAnswer.maximumAnswerLength) characters.",
                                rows: 4, error: problem("answer")),
            .details(.summary("Stuck? Some ways to begin"),
                     .ul(.forEach(CriticAnswer.answerStarters) { .li(.text($0)) })),
            FormFields.idleWarning(what: "your script", saveLabel: submitLabel),
            .button(.type(.submit), .class("button primary"), .text(submitLabel))
        )
    }

    static func edit(user: User, csrfToken: String, id: String, line: CriticAnswer, shared: Bool, idleSeconds: Int,
                     problems: [CriticAnswer.Problem] = []) -> String {
        PageLayout(title: "Change a line", user: user, csrfToken: csrfToken, scripts: ["unsaved-form.js"], content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.critic.path), "← My critic and my answers")),
            .h1("Change a line"),
            form(action: SiteURL.criticLine(id).path, line: line, problems: problems, idleSeconds: idleSeconds, csrfToken: csrfToken,
                 submitLabel: "Save changes"),
            .section(.attribute(named: "aria-labelledby", value: "sharing"),
                     .h2(.id("sharing"), "Sharing"),
                     .p(.text(shared ? "Your therapist can read this line and its answer." : "Only you can read this line.")),
                     FormFields.sharingToggle(action: SiteURL.criticLineSharing(id).path, shared: shared, csrfToken: csrfToken)),
            .section(.attribute(named: "aria-labelledby", value: "delete"),
                     .h2(.id("delete"), "Delete"),
                     .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.criticLineDelete(id).path),
                           FormFields.csrf(csrfToken),
                           .p("Deleting can't be undone."),
                           .button(.type(.submit), .class("button"), "Delete this line")))
        )).render()
    }

    /// A line typed before the session ended, back in its form after signing in again.
    static func resumed(user: User, csrfToken: String, id: String?, line: CriticAnswer, idleSeconds: Int, notice: String) -> String {
        PageLayout(title: id == nil ? "Add a line" : "Change a line", user: user, csrfToken: csrfToken, scripts: ["unsaved-form.js"], content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.critic.path), "← My critic and my answers")),
            .h1(.text(id == nil ? "Add a line" : "Change a line")),
            FormFields.notice(notice),
            form(action: id.map { SiteURL.criticLine($0).path } ?? SiteURL.critic.path, line: line, problems: [], idleSeconds: idleSeconds,
                 csrfToken: csrfToken, submitLabel: id == nil ? "Save this line" : "Save changes")
        )).render()
    }

    /// "Share all" or "Stop sharing all" for one kind of entry, posting to the sharing page.
    static func shareAllToggle<C: HTML.BodyContext>(kind: String, sharesAll: Bool, csrfToken: String, noun: String) -> Node<C> {
        .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.sharingKind(kind).path),
              FormFields.csrf(csrfToken),
              .input(.type(.hidden), .name("shared"), .value(sharesAll ? "0" : "1")),
              .button(.type(.submit), .class("button"), .text(sharesAll ? "Stop sharing all \(noun)" : "Share all \(noun), now and later")))
    }

    /// The answered lines, for the I'm struggling flow and the signed-in Need help now page.
    static func script<C: HTML.BodyContext>(_ lines: [CriticAnswer], heading: String) -> Node<C> {
        .if(!lines.isEmpty, .section(
            .class("critic-script-section"), .attribute(named: "aria-labelledby", value: "my-answers"),
            .h2(.id("my-answers"), .text(heading)),
            .p("Words you wrote for a moment like this. Read them slowly, once or twice."),
            .ul(.class("critic-script"), .forEach(lines) { line in
                .li(.class("critic-line"),
                    .p(.class("critic-says"), .span(.class("label"), "When my critic says: "), .text(line.critic)),
                    .p(.class("my-answer"), .span(.class("label"), "I answer: "), .text(line.answer)))
            }),
            .p(.a(.href(SiteURL.critic.path), "My critic and my answers"))))
    }

    /// The script as a card to print: bank-card width, as many panels as the lines need.
    static func card(lines: [CriticAnswer], crisisLines: [CrisisLine]) -> String {
        PageLayout(title: "My answers to my critic", chrome: false, bodyClass: "print critic-card-page", content: .div(
            .p(.class("no-print"), .a(.href(SiteURL.critic.path), "← My critic and my answers"), " · ",
               .button(.type(.button), .class("link-button"), .attribute(named: "data-print", value: "page"), "Print the card")),
            .p(.class("no-print"), "Print at actual size (100%). Each panel is as wide as a bank card; cut them out and keep them where you'll see them."),
            .if(lines.isEmpty, .p("Your script has no answered lines yet. When you've answered one, it appears here."),
                else: .div(.class("critic-card"),
                           .h1("When my critic is loud"),
                           .ul(.forEach(lines) { line in
                               .li(.p(.class("critic-says"), .text(line.critic)),
                                   .p(.class("my-answer"), .strong(.text(line.answer))))
                           }))),
            CrisisPage.printedLines(crisisLines, lead: "If it gets very hard, call:")
        )).render()
    }
}
