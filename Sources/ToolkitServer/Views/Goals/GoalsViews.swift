import Foundation
import Plot
import ToolkitCore

/// The goals pages: the list, one goal with its ladder, the goal form and the setback reflection.
enum GoalsViews {
    static func notice(_ key: String) -> String? {
        switch key {
        case "saved": "Saved. Only you can see this goal unless you share it."
        case "progress": "Progress saved. Every step counts, partly done ones too."
        case "reflected": "Your reflection is saved with this goal."
        case "deleted": "The goal is deleted."
        case "shared": "Your therapist can now see this goal. You can stop sharing it at any time."
        case "unshared": "This goal is private again. Your therapist can no longer see it."
        default: nil
        }
    }

    static func list(user: User, csrfToken: String, page: GoalStore.Page, notice: String?, isFirstPage: Bool) -> String {
        PageLayout(title: "My goals", user: user, csrfToken: csrfToken, content: .div(
            .h1("My goals"),
            FormFields.notice(notice),
            .p("Progress, not perfection. A goal here is a few small steps toward something you care about. Partly done counts."),
            .p(.a(.class("button primary"), .href(SiteURL.goalsNew.path), "Set a goal")),
            .if(page.entries.isEmpty,
                .p(.class("muted"), .text(isFirstPage ? "No goals yet. One small goal is a fine place to start." : "No older goals.")),
                else: .ul(.class("card-list"), .forEach(page.entries) { loaded in
                    .li(.class("card"),
                        .h2(.class("h3"), .a(.safeAttribute(named: "href", value: SiteURL.goal(loaded.id).path), .text(loaded.entry.title))),
                        .p(.class("meta"), .text("For \(loaded.entry.value) · \(loaded.entry.progressText)"),
                           .if(loaded.shared, .text(" · shared with your therapist"))))
                })),
            .unwrap(page.hasOlder ? page.entries.last : nil) { last in
                .p(.a(.href(SiteURL.goals.path + "?before=" + last.id), "Older goals"))
            }
        )).render()
    }

    static func show(user: User, csrfToken: String, loaded: GoalStore.Loaded, notice: String?, problem: String? = nil) -> String {
        let goal = loaded.entry
        return PageLayout(title: "Goal", user: user, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.goals.path), "← My goals")),
            .h1(.text(goal.title)),
            FormFields.notice(notice),
            .unwrap(problem) { FormFields.errorSummary([$0]) },
            .p(.class("meta"), .text("For \(goal.value)"), .if(loaded.shared, .text(" · shared with your therapist"))),
            .p(.class("lead"), .text(goal.progressText)),
            .if(!goal.goodEnough.isEmpty, .section(.attribute(named: "aria-labelledby", value: "good-enough"),
                .h2(.id("good-enough"), "Good enough looks like"),
                paragraphs(goal.goodEnough))),
            .section(.attribute(named: "aria-labelledby", value: "ladder"),
                .h2(.id("ladder"), "Small steps"),
                .p(.class("muted"), "Mark each step as it is. Going back a rung, or a step that didn't happen this time, is part of climbing."),
                .ol(.class("goal-ladder"), .forEach(goal.steps) { step in stepItem(step, goalID: loaded.id, csrfToken: csrfToken) })),
            .section(.attribute(named: "aria-labelledby", value: "reflections"),
                .h2(.id("reflections"), "Setback reflections"),
                .if(goal.reflections.isEmpty,
                    .p(.class("muted"), "None yet. When a step slips, you'll be offered a few kind questions."),
                    else: .ul(.class("card-list"), .forEach(goal.reflections.reversed()) { reflection in
                        .li(.class("card"), reflectionText(reflection))
                    })),
                .p(.a(.safeAttribute(named: "href", value: SiteURL.goalReflection(loaded.id).path), "Write a setback reflection"))),
            .ul(.class("action-list"),
                .li(.a(.class("button"), .safeAttribute(named: "href", value: SiteURL.goalEdit(loaded.id).path), "Change the goal or its steps"))),
            .section(.attribute(named: "aria-labelledby", value: "sharing"),
                     .h2(.id("sharing"), "Sharing"),
                     .p(.text(loaded.shared
                        ? "Your therapist can see this goal, its steps and reflections. Stopping takes effect straight away."
                        : "Only you can see this goal. If you share it, your therapist can see it, but not change it.")),
                     FormFields.sharingToggle(action: SiteURL.goalSharing(loaded.id).path, shared: loaded.shared, csrfToken: csrfToken)),
            .section(.attribute(named: "aria-labelledby", value: "delete"),
                     .h2(.id("delete"), "Delete"),
                     .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.goalDelete(loaded.id).path),
                           FormFields.csrf(csrfToken),
                           .p("Deleting removes the goal, its steps and its reflections. It can't be undone."),
                           .button(.type(.submit), .class("button"), "Delete this goal")))
        )).render()
    }

    private static func stepItem(_ step: Goal.Step, goalID: String, csrfToken: String) -> Node<HTML.ListContext> {
        let action = SiteURL.goalStep(goalID, step: step.id).path
        return .li(.class(step.progress == .done ? "goal-step done" : "goal-step"), .id("step-" + step.id.attributeEscaped),
            .p(.if(step.progress == .done, .span(.class("ritual-dot"), .attribute(named: "aria-hidden", value: "true"))),
               .text(step.text), .span(.class("meta"), .text(" · " + step.progress.label.lowercased()))),
            .if(step.missed, .p(.class("meta"), "Didn't happen this time. That's part of it; you can try again when you're ready.")),
            .div(.class("ritual-actions"),
                 .form(.method(.post), .safeAttribute(named: "action", value: action), .class("inline-form"),
                       FormFields.csrf(csrfToken),
                       .forEach(Goal.Progress.allCases) { progress in
                           .button(.type(.submit), .class("button"), .name("progress"), .value(progress.rawValue),
                                   .attribute(named: "aria-pressed", value: step.progress == progress ? "true" : "false"),
                                   .attribute(named: "aria-label", value: "\(progress.label): \(step.text)".attributeEscaped),
                                   .text(progress.label))
                       }),
                 .form(.method(.post), .safeAttribute(named: "action", value: action), .class("inline-form"),
                       FormFields.csrf(csrfToken),
                       .input(.type(.hidden), .name("missed"), .value(step.missed ? "0" : "1")),
                       .button(.type(.submit), .class("link-button"),
                               .attribute(named: "aria-label", value: (step.missed ? "Take back: didn't happen: " : "Didn't happen this time: ") + step.text.attributeEscaped),
                               .text(step.missed ? "Take that back" : "Didn't happen this time"))))
        )
    }

    static func reflectionText(_ reflection: SetbackReflection) -> Node<HTML.BodyContext> {
        .div(
            .p(.class("meta"), .text("Written "), SafetyPlanViews.time(reflection.writtenAt),
               .if(!reflection.stepText.isEmpty, .text(" · about: \(reflection.stepText)"))),
            .if(!reflection.whatHappened.isEmpty, .group(.h3("What happened"), paragraphs(reflection.whatHappened))),
            .if(!reflection.othersToo.isEmpty, .group(.h3("Others who've been here"), paragraphs(reflection.othersToo))),
            .if(!reflection.friend.isEmpty, .group(.h3("What I'd say to a friend"), paragraphs(reflection.friend))))
    }

    static func paragraphs(_ text: String) -> Node<HTML.BodyContext> {
        .div(.forEach(text.components(separatedBy: "\n")) { line in
            line.trimmingCharacters(in: .whitespaces).isEmpty ? .br() : .p(.text(line))
        })
    }

    private static func errorSummary(_ problems: [Goal.Problem]) -> Node<HTML.BodyContext> {
        .if(!problems.isEmpty, .div(
            .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
            .h2("Please check the form"),
            .ul(.forEach(problems) { problem in
                .li(.a(.href("#" + (problem.field == "steps" ? "step-1" : problem.field)), .text(problem.message)))
            })))
    }

    static func edit(user: User, csrfToken: String, goal: Goal, id: String?, idleSeconds: Int,
                     problems: [Goal.Problem] = [], notice: String? = nil) -> String {
        let action = id.map { SiteURL.goal($0).path } ?? SiteURL.goals.path
        let blankRows = max(0, min(Goal.stepLimit, max(goal.steps.count + 3, 6)) - goal.steps.count)
        let rows = goal.steps + Array(repeating: Goal.Step(id: "", text: ""), count: blankRows)
        func error(_ field: String) -> String? { problems.first { $0.field == field }?.message }
        return PageLayout(title: id == nil ? "Set a goal" : "Change a goal", user: user, csrfToken: csrfToken,
                          scripts: ["unsaved-form.js"], content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.safeAttribute(named: "href", value: id.map { SiteURL.goal($0).path } ?? SiteURL.goals.path), .text(id == nil ? "← My goals" : "← Back to the goal"))),
            .h1(.text(id == nil ? "Set a goal" : "Change a goal")),
            FormFields.notice(notice),
            errorSummary(problems),
            .p("Start with why it matters, picture a good-enough version, then break it into small steps."),
            .form(.method(.post), .safeAttribute(named: "action", value: action), .id("goal-form"),
                  .attribute(named: "data-idle-seconds", value: String(idleSeconds)),
                  .attribute(named: "data-keep-alive", value: SiteURL.sessionKeepAlive.path),
                  FormFields.csrf(csrfToken),
                  textField("title", label: "My goal", value: goal.title, limit: Goal.maximumTitleLength,
                            hint: "Say it in a few words, such as get back to running.", error: error("title")),
                  .div(.class(error("value") == nil ? "field" : "field has-error"),
                       .label(.for("value"), "What it matters for"),
                       .p(.class("hint"), .id("value-hint"), .text("The value behind it, in your words. For example: " + Goal.commonValues.prefix(6).joined(separator: ", ") + ".")),
                       .unwrap(error("value")) { .p(.class("error-text"), .id("value-error"), .text($0)) },
                       .input(.type(.text), .id("value"), .name("value"), .safeValue(goal.value), .attribute(named: "list", value: "common-values"),
                              .attribute(named: "maxlength", value: String(Goal.maximumValueLength)),
                              .attribute(named: "aria-describedby", value: "value-hint"),
                              .attribute(named: "aria-invalid", value: error("value") == nil ? nil : "true")),
                       .element(named: "datalist", nodes: [.id("common-values"), .forEach(Goal.commonValues) { value in
                           .element(named: "option", nodes: [.attribute(named: "value", value: value)])
                       }])),
                  .div(.class(error("goodEnough") == nil ? "field" : "field has-error"),
                       .label(.for("goodEnough"), "Good enough looks like"),
                       .p(.class("field-limit"), .id("goodEnough-limit"),
                          .text("What would be a fine result, not a perfect one? Up to \(Goal.maximumGoodEnoughLength) characters.")),
                       .unwrap(error("goodEnough")) { .p(.class("error-text"), .text($0)) },
                       .textarea(.id("goodEnough"), .name("goodEnough"), .rows(4),
                                 .attribute(named: "aria-describedby", value: "goodEnough-limit"),
                                 .attribute(named: "aria-invalid", value: error("goodEnough") == nil ? nil : "true"),
                                 .text(goal.goodEnough))),
                  .fieldset(.element(named: "legend", text: "Small steps, easiest first"),
                            .p(.class("hint"), .text("One to \(Goal.stepLimit) steps, each small enough to start this week. Leave the ones you don't need blank.")),
                            .unwrap(error("steps")) { .p(.class("error-text"), .text($0)) },
                            .forEach(Array(rows.enumerated())) { index, step in
                                .div(.class("field"),
                                     .label(.for("step-\(index + 1)"), .text("Step \(index + 1)")),
                                     .input(.type(.hidden), .name("stepID"), .safeValue(step.id)),
                                     .input(.type(.text), .id("step-\(index + 1)"), .name("step"), .safeValue(step.text),
                                            .attribute(named: "maxlength", value: String(Goal.maximumStepLength))))
                            }),
                  FormFields.idleWarning(what: "your goals", saveLabel: "Save the goal now"),
                  .button(.type(.submit), .class("button primary"), "Save the goal"))
        )).render()
    }

    private static func textField(_ name: String, label: String, value: String, limit: Int, hint: String, error: String?) -> Node<HTML.FormContext> {
        .div(.class(error == nil ? "field" : "field has-error"),
             .label(.for(name), .text(label)),
             .p(.class("hint"), .id("\(name)-hint"), .text(hint)),
             .unwrap(error) { .p(.class("error-text"), .id("\(name)-error"), .text($0)) },
             .input(.type(.text), .id(name), .name(name), .safeValue(value), .attribute(named: "maxlength", value: String(limit)),
                    .attribute(named: "aria-describedby", value: "\(name)-hint"),
                    .attribute(named: "aria-invalid", value: error == nil ? nil : "true")))
    }

    static func reflection(user: User, csrfToken: String, goalID: String, title: String, reflection: SetbackReflection, offered: Bool,
                           idleSeconds: Int, problems: [Goal.Problem] = [], notice: String? = nil) -> String {
        func error(_ field: String) -> String? { problems.first { $0.field == field }?.message }
        func area(_ name: String, _ label: String, _ hint: String, _ value: String) -> Node<HTML.FormContext> {
            .div(.class(error(name) == nil ? "field" : "field has-error"),
                 .label(.for(name), .text(label)),
                 .p(.class("hint"), .id("\(name)-hint"), .text(hint)),
                 .unwrap(error(name)) { .p(.class("error-text"), .text($0)) },
                 .textarea(.id(name), .name(name), .rows(4), .attribute(named: "maxlength", value: String(SetbackReflection.maximumLength)),
                           .attribute(named: "aria-describedby", value: "\(name)-hint"),
                           .attribute(named: "aria-invalid", value: error(name) == nil ? nil : "true"),
                           .text(value)))
        }
        return PageLayout(title: "Setback reflection", user: user, csrfToken: csrfToken, scripts: ["unsaved-form.js"], content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.safeAttribute(named: "href", value: SiteURL.goal(goalID).path), "← Back to the goal")),
            .h1("A kind look at a setback"),
            FormFields.notice(notice),
            errorSummary(problems),
            .p(.class("lead"), .text(offered
                ? "A step went differently than you hoped. That happens to everyone who works toward something. If it helps, take a few minutes with these three questions. You can also skip this."
                : "When something slips, these three questions can help you meet it kindly. Answer any of them; a few words are enough.")),
            .if(!title.isEmpty, .p(.class("meta"), .text("Goal: \(title)"))),
            .if(!reflection.stepText.isEmpty, .p(.class("meta"), .text("Step: \(reflection.stepText)"))),
            .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.goalReflection(goalID).path), .id("reflection-form"),
                  .attribute(named: "data-idle-seconds", value: String(idleSeconds)),
                  .attribute(named: "data-keep-alive", value: SiteURL.sessionKeepAlive.path),
                  FormFields.csrf(csrfToken),
                  .input(.type(.hidden), .name("stepText"), .safeValue(reflection.stepText)),
                  .input(.type(.hidden), .name("goalTitle"), .safeValue(title)),
                  area("whatHappened", "What happened?", "Describe it simply, the way you might describe the weather. Noticing is enough; no judging needed.", reflection.whatHappened),
                  area("othersToo", "Who else has been here?", "Many people who try something like this slip too. Who might understand? You are not the only one.", reflection.othersToo),
                  area("friend", "What would I say to a friend?", "If a good friend had this setback, what would you tell them? You might say the same to yourself.", reflection.friend),
                  FormFields.idleWarning(what: "your reflection", saveLabel: "Save the reflection now"),
                  .button(.type(.submit), .class("button primary"), "Save the reflection"),
                  .text(" "),
                  .a(.class("button"), .safeAttribute(named: "href", value: SiteURL.goal(goalID).path), "Skip for now")),
            .p(.class("muted"), "If this brings up a lot, you can stop at any time. ",
               .a(.href(SiteURL.crisis.path), "Need help now"), " has grounding and people to contact.")
        )).render()
    }

    static func goal(from form: FormData) -> Goal {
        let ids = form.values("stepID"), texts = form.values("step")
        let steps = texts.enumerated().map { index, text in Goal.Step(id: index < ids.count ? ids[index] : "", text: text) }
        return Goal(title: form["title"], value: form["value"], goodEnough: form["goodEnough"], steps: steps)
    }

    static func reflection(from form: FormData) -> SetbackReflection {
        SetbackReflection(stepText: form["stepText"], whatHappened: form["whatHappened"], othersToo: form["othersToo"], friend: form["friend"])
    }

    /// The goal id in "/goals/<id>" or "/goals/<id>/reflection", for forms held over a sign-in.
    static func heldGoalID(_ path: String, reflection: Bool) -> String? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == (reflection ? 4 : 3), parts[0].isEmpty, parts[1] == "goals", !parts[2].isEmpty, parts[2] != "new",
              !reflection || parts[3] == "reflection",
              parts[2].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else { return nil }
        return String(parts[2])
    }
}
