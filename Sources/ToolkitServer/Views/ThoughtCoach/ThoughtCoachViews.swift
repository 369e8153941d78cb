import Foundation
import Plot
import ToolkitCore

/// The thought coach: write the critical thought, see which words may be making it harsher and
/// why, then answer it with the three components of self-compassion and rate it again.
enum ThoughtCoachViews {
    static func notice(_ key: String) -> String? {
        switch key {
        case "saved": "Saved. Only you can see this unless you share it."
        case "deleted": "The thought record is deleted."
        case "shared": "Your therapist can now read this thought record. You can stop sharing it at any time."
        case "unshared": "This thought record is private again."
        default: nil
        }
    }

    static func list(user: User, csrfToken: String, page: ThoughtRecordStore.Page, notice: String?, isFirstPage: Bool) -> String {
        PageLayout(title: "Thought coach", user: user, csrfToken: csrfToken, content: .div(
            .h1("Thought coach"),
            FormFields.notice(notice),
            .p(.class("lead"), "When your inner critic is loud, write down what it says. The coach points out words that can make a thought harsher, then helps you answer it the way you would answer a friend."),
            .p(.a(.class("button primary"), .href(SiteURL.thoughtCoachNew.path), "Rework a thought")),
            .if(page.entries.isEmpty,
                .p(.class("muted"), .text(isFirstPage ? "Nothing here yet. Only you will see what you write." : "No older thought records.")),
                else: .ul(.class("card-list"), .forEach(page.entries) { loaded in
                    .li(.class("card"),
                        .h2(.class("h3"), .a(.href(SiteURL.thoughtRecord(loaded.id).path), .text(preview(loaded.entry.thought)))),
                        .p(.class("meta"), SafetyPlanViews.time(loaded.createdAt),
                           .text(loaded.entry.hasResponse ? " · answered" : " · not answered yet"),
                           .if(loaded.shared, .text(" · shared with your therapist"))))
                })),
            .unwrap(page.hasOlder ? page.entries.last : nil) { last in
                .p(.a(.href(SiteURL.thoughtCoach.path + "?before=" + last.id), "Older thought records"))
            }
        )).render()
    }

    static func preview(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 90 ? String(line.prefix(87)) + "..." : (line.isEmpty ? "Thought" : line)
    }

    static func ratingChoices(name: String, legend: String, hint: String, range: [Int], selected: Int?) -> Node<HTML.FormContext> {
        .fieldset(.element(named: "legend", text: legend),
                  .p(.class("hint"), .text(hint)),
                  .div(.class("rating"), .forEach(range) { value in
                      .label(.input(.type(.radio), .name(name), .id("\(name)-\(value)"), .value(String(value)), .checked(selected == value)),
                             .span(.text(String(value))))
                  }))
    }

    static let beliefSteps = Array(stride(from: 0, through: 100, by: 10))

    static func errorSummary<C: HTML.BodyContext>(_ problems: [ThoughtRecord.Problem]) -> Node<C> {
        .if(!problems.isEmpty, .div(
            .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
            .h2("Please check the form"),
            .ul(.forEach(problems) { problem in
                .li(.a(.href("#" + (problem.field.hasPrefix("belief") || problem.field.hasPrefix("feeling") ? "\(problem.field)-0" : problem.field)),
                       .text(problem.message)))
            })))
    }

    static func new(user: User, csrfToken: String, record: ThoughtRecord, idleSeconds: Int, problems: [ThoughtRecord.Problem] = [],
                    notice: String? = nil) -> String {
        PageLayout(title: "Rework a thought", user: user, csrfToken: csrfToken, scripts: ["unsaved-form.js", "thought-coach.js"], content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.thoughtCoach.path), "← Thought coach")),
            .h1("Rework a thought"),
            FormFields.notice(notice),
            errorSummary(problems),
            .form(.method(.post), .action(SiteURL.thoughtCoach.path),
                  .attribute(named: "data-idle-seconds", value: String(idleSeconds)),
                  .attribute(named: "data-keep-alive", value: SiteURL.sessionKeepAlive.path),
                  FormFields.csrf(csrfToken),
                  .div(.class("field"),
                       .label(.for("thought"), "What is your inner critic saying?"),
                       .p(.class("hint"), .id("thought-hint"), "Write it in the words your mind uses, even if they are harsh. Only you will see it."),
                       .textarea(.id("thought"), .name("thought"), .rows(4), .attribute(named: "maxlength", value: String(ThoughtRecord.maximumLength)),
                                 .attribute(named: "aria-describedby", value: "thought-hint"), .text(record.thought))),
                  // Filled by thought-coach.js as the client types; without it, the next page shows the same.
                  .div(.id("thought-live"), .class("thought-live"), .attribute(named: "hidden", value: "hidden"),
                       .safeAttribute(named: "data-analyze", value: SiteURL.thoughtCoachAnalyze.path),
                       .p(.class("meta"), "Words worth a second look, as you write:"),
                       .blockquote(.class("thought"), .attribute(named: "aria-hidden", value: "true")),
                       .ul(.class("highlight-notes"), .attribute(named: "aria-live", value: "polite"))),
                  ratingChoices(name: "beliefBefore", legend: "How much do you believe it right now?", hint: "0 means not at all, 100 means completely.",
                                range: beliefSteps, selected: record.beliefBefore),
                  ratingChoices(name: "feelingBefore", legend: "How bad does it feel?", hint: "0 means fine, 10 means as bad as it gets.",
                                range: Array(0...10), selected: record.feelingBefore),
                  FormFields.idleWarning(what: "your thought", saveLabel: "Save it now"),
                  .button(.type(.submit), .class("button primary"), "Next: look at the words")),
            .p(.class("muted"), "If the thoughts are about harming yourself, please use ", .a(.href(SiteURL.crisis.path), "Need help now"), " instead.")
        )).render()
    }

    /// The thought with its harsh words marked, and a sentence on each, then the kinder answer.
    static func show(user: User, csrfToken: String, loaded: ThoughtRecordStore.Loaded, idleSeconds: Int, notice: String?,
                     draft: ThoughtRecord? = nil, problems: [ThoughtRecord.Problem] = []) -> String {
        let record = draft ?? loaded.entry
        let highlights = ThoughtCoachText.highlights(in: loaded.entry.thought)
        return PageLayout(title: "Thought coach", user: user, csrfToken: csrfToken, scripts: ["unsaved-form.js"], content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.thoughtCoach.path), "← Thought coach")),
            .h1("Your thought"),
            FormFields.notice(notice),
            errorSummary(problems),
            .blockquote(.class("thought"), ThoughtCoachText.marked(loaded.entry.thought)),
            .p(.class("meta"), .text(ratingsLine(belief: loaded.entry.beliefBefore, feeling: loaded.entry.feelingBefore, prefix: "When you wrote it"))),
            .section(.attribute(named: "aria-labelledby", value: "words"),
                     .h2(.id("words"), "Words worth a second look"),
                     .if(highlights.isEmpty,
                         .p("Nothing in the words stands out as harsh. The feeling can still be real and hard."),
                         else: .ul(.class("highlight-notes"), .forEach(highlights) { note in
                             .li(.element(named: "mark", nodes: [.class("harsh"), .text(note.text)]), .text(" " + note.explanation))
                         })),
                     .p(.class("muted"), "These are only words to notice. They don't say anything about you.")),
            .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.thoughtRecord(loaded.id).path),
                  .attribute(named: "data-idle-seconds", value: String(idleSeconds)),
                  .attribute(named: "data-keep-alive", value: SiteURL.sessionKeepAlive.path),
                  FormFields.csrf(csrfToken),
                  .h2("Answer it with kindness"),
                  answer("mindful", label: "1. Name it, without judging", hint: "For example: \"This is a moment of feeling like I failed. It hurts.\"", value: record.mindful),
                  answer("commonHumanity", label: "2. You're not the only one", hint: "Who else might feel this way? Many people do.", value: record.commonHumanity),
                  answer("friend", label: "3. What would you say to a friend?", hint: "If a friend told you this thought, what would you say to them? Try saying it to yourself.", value: record.friend),
                  ratingChoices(name: "beliefAfter", legend: "How much do you believe the thought now?", hint: "0 means not at all, 100 means completely.",
                                range: beliefSteps, selected: record.beliefAfter),
                  ratingChoices(name: "feelingAfter", legend: "How bad does it feel now?", hint: "0 means fine, 10 means as bad as it gets.",
                                range: Array(0...10), selected: record.feelingAfter),
                  FormFields.idleWarning(what: "your answer", saveLabel: "Save it now"),
                  .button(.type(.submit), .class("button primary"), "Save my answer")),
            .if(loaded.entry.hasResponse, .p(.class("meta"), .text(ratingsLine(belief: loaded.entry.beliefAfter, feeling: loaded.entry.feelingAfter, prefix: "After answering it")))),
            .section(.attribute(named: "aria-labelledby", value: "sharing"),
                     .h2(.id("sharing"), "Sharing"),
                     .p(.text(loaded.shared ? "Your therapist can read this thought record." : "Only you can read this thought record.")),
                     FormFields.sharingToggle(action: SiteURL.thoughtRecordSharing(loaded.id).path, shared: loaded.shared, csrfToken: csrfToken),
                     .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.thoughtRecordDelete(loaded.id).path),
                           FormFields.csrf(csrfToken),
                           .button(.type(.submit), .class("button"), "Delete this thought record")))
        )).render()
    }

    private static func answer(_ name: String, label: String, hint: String, value: String) -> Node<HTML.FormContext> {
        .div(.class("field"),
             .label(.for(name), .text(label)),
             .p(.class("hint"), .id("\(name)-hint"), .text(hint)),
             .textarea(.id(name), .name(name), .rows(3), .attribute(named: "maxlength", value: String(ThoughtRecord.maximumLength)),
                       .attribute(named: "aria-describedby", value: "\(name)-hint"), .text(value)))
    }

    static func ratingsLine(belief: Int?, feeling: Int?, prefix: String) -> String {
        let parts = [belief.map { "believed \($0) out of 100" }, feeling.map { "felt \($0) out of 10" }].compactMap { $0 }
        return parts.isEmpty ? "" : "\(prefix): " + parts.joined(separator: ", ") + "."
    }

    /// A record as plain text, for the printable export.
    static func recordText<C: HTML.BodyContext>(_ record: ThoughtRecord) -> Node<C> {
        .group(
            .p(.strong("The thought: "), .text(record.thought)),
            .p(.text(ratingsLine(belief: record.beliefBefore, feeling: record.feelingBefore, prefix: "Before"))),
            .if(!record.mindful.isEmpty, .p(.strong("Naming it: "), .text(record.mindful))),
            .if(!record.commonHumanity.isEmpty, .p(.strong("Not the only one: "), .text(record.commonHumanity))),
            .if(!record.friend.isEmpty, .p(.strong("As to a friend: "), .text(record.friend))),
            .p(.text(ratingsLine(belief: record.beliefAfter, feeling: record.feelingAfter, prefix: "After"))))
    }

    static func record(from form: FormData, base: ThoughtRecord = ThoughtRecord()) -> ThoughtRecord {
        var record = base
        if form.has("thought") { record.thought = form["thought"] }
        if form.has("beliefBefore") { record.beliefBefore = Int(form["beliefBefore"]) }
        if form.has("feelingBefore") { record.feelingBefore = Int(form["feelingBefore"]) }
        for (key, path) in [("mindful", \ThoughtRecord.mindful), ("commonHumanity", \.commonHumanity), ("friend", \.friend)] where form.has(key) {
            record[keyPath: path] = form[key]
        }
        if form.has("beliefAfter") { record.beliefAfter = Int(form["beliefAfter"]) }
        if form.has("feelingAfter") { record.feelingAfter = Int(form["feelingAfter"]) }
        return record
    }
}
