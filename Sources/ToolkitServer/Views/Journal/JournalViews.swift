import Foundation
import Plot
import ToolkitCore

/// The journal's pages: the list, one entry, and the form to write or change one.
enum JournalViews {
    static func notice(_ key: String) -> String? {
        switch key {
        case "saved": "Saved. Only you can see this entry unless you share it."
        case "deleted": "The entry is deleted."
        case "shared": "Your therapist can now read this entry. You can stop sharing it at any time."
        case "unshared": "This entry is private again. Your therapist can no longer read it."
        default: nil
        }
    }

    static func list(user: User, csrfToken: String, page: JournalStore.Page, notice: String?, isFirstPage: Bool) -> String {
        PageLayout(title: "My journal", user: user, csrfToken: csrfToken, content: .div(
            .h1("My journal"),
            FormFields.notice(notice),
            .p("A private place to write. Only you can read your entries, unless you choose to share one with your therapist."),
            .p(.a(.class("button primary"), .href(SiteURL.journalNew.path), "Write an entry")),
            .if(page.entries.isEmpty,
                .p(.class("muted"), .text(isFirstPage ? "No entries yet. A few lines are enough to start." : "No older entries.")),
                else: .ul(.class("card-list"), .forEach(page.entries) { loaded in
                    .li(.class("card"),
                        .h2(.class("h3"), .a(.href(SiteURL.journalEntry(loaded.id).path), .text(loaded.entry.preview.isEmpty ? "Entry" : loaded.entry.preview))),
                        .p(.class("meta"), SafetyPlanViews.time(loaded.createdAt),
                           .if(!loaded.entry.feeling.isEmpty, .text(" · feeling \(loaded.entry.feeling)")),
                           .if(loaded.shared, .text(" · shared with your therapist"))))
                })),
            .unwrap(page.hasOlder ? page.entries.last : nil) { last in
                .p(.a(.href(SiteURL.journal.path + "?before=" + last.id), "Older entries"))
            }
        )).render()
    }

    static func show(user: User, csrfToken: String, loaded: JournalStore.Loaded, notice: String?) -> String {
        PageLayout(title: "Journal entry", user: user, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.journal.path), "← My journal")),
            .h1("Journal entry"),
            FormFields.notice(notice),
            .p(.class("meta"), .text("Written "), SafetyPlanViews.time(loaded.createdAt),
               .if(loaded.updatedAt > loaded.createdAt, .group(.text(", changed "), SafetyPlanViews.time(loaded.updatedAt))),
               .if(!loaded.entry.feeling.isEmpty, .text(" · feeling \(loaded.entry.feeling)"))),
            .if(!loaded.entry.prompt.isEmpty, .p(.class("lead"), .text(loaded.entry.prompt))),
            .div(.class("journal-body"), .forEach(loaded.entry.body.components(separatedBy: "\n")) { line in
                line.trimmingCharacters(in: .whitespaces).isEmpty ? .br() : .p(.text(line))
            }),
            .ul(.class("action-list"),
                .li(.a(.class("button"), .href(SiteURL.journalEdit(loaded.id).path), "Change it"))),
            .section(.attribute(named: "aria-labelledby", value: "sharing"),
                     .h2(.id("sharing"), "Sharing"),
                     .p(.text(loaded.shared
                        ? "Your therapist can read this entry. Stopping takes effect straight away."
                        : "Only you can read this entry. If you share it, your therapist can read it, but not change it.")),
                     FormFields.sharingToggle(action: SiteURL.journalSharing(loaded.id).path, shared: loaded.shared, csrfToken: csrfToken)),
            .section(.attribute(named: "aria-labelledby", value: "delete"),
                     .h2(.id("delete"), "Delete"),
                     .form(.method(.post), .safeAttribute(named: "action", value: SiteURL.journalDelete(loaded.id).path),
                           FormFields.csrf(csrfToken),
                           .p("Deleting can't be undone."),
                           .button(.type(.submit), .class("button"), "Delete this entry")))
        )).render()
    }

    static func edit(user: User, csrfToken: String, entry: JournalEntry, id: String?, idleSeconds: Int,
                     problems: [JournalEntry.Problem] = [], notice: String? = nil, prompts: [(source: String, text: String)] = []) -> String {
        let action = id.map { SiteURL.journalEntry($0).path } ?? SiteURL.journal.path
        return PageLayout(title: id == nil ? "Write an entry" : "Change an entry", user: user, csrfToken: csrfToken,
                          scripts: ["unsaved-form.js"], content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.journal.path), "← My journal")),
            .h1(.text(id == nil ? "Write an entry" : "Change an entry")),
            FormFields.notice(notice),
            .if(!problems.isEmpty, .div(
                .class("error-summary"), .attribute(named: "role", value: "alert"), .attribute(named: "tabindex", value: "-1"),
                .h2("Please check the entry"),
                .ul(.forEach(problems) { problem in .li(.a(.href("#\(problem.field)"), .text(problem.message))) }))),
            .form(.method(.post), .safeAttribute(named: "action", value: action), .id("journal-form"),
                  .attribute(named: "data-idle-seconds", value: String(idleSeconds)),
                  .attribute(named: "data-keep-alive", value: SiteURL.sessionKeepAlive.path),
                  FormFields.csrf(csrfToken),
                  .if(!entry.prompt.isEmpty, .group(
                      .p(.class("lead"), .text(entry.prompt)),
                      .input(.type(.hidden), .name("prompt"), .safeValue(entry.prompt)),
                      .input(.type(.hidden), .name("promptSource"), .safeValue(entry.promptSource)))),
                  .div(.class("field"),
                       .label(.for("body"), "What's on your mind"),
                       .p(.class("field-limit"), .id("body-limit"), .text("Up to \(JournalEntry.maximumBodyLength) characters. Only you can read it unless you share it.")),
                       .textarea(.id("body"), .name("body"), .rows(12), .attribute(named: "maxlength", value: String(JournalEntry.maximumBodyLength)),
                                 .attribute(named: "aria-describedby", value: "body-limit"),
                                 .attribute(named: "aria-invalid", value: problems.contains { $0.field == "body" } ? "true" : nil),
                                 .text(entry.body))),
                  .div(.class("field"),
                       .label(.for("feeling"), "A word for how you feel (optional)"),
                       .p(.class("hint"), .id("feeling-hint"), .text("For example: " + JournalEntry.feelingWords.prefix(6).joined(separator: ", ") + ".")),
                       .input(.type(.text), .id("feeling"), .name("feeling"), .safeValue(entry.feeling), .attribute(named: "list", value: "feeling-words"),
                              .attribute(named: "maxlength", value: String(JournalEntry.maximumFeelingLength)),
                              .attribute(named: "aria-describedby", value: "feeling-hint")),
                       .element(named: "datalist", nodes: [.id("feeling-words"), .forEach(JournalEntry.feelingWords) { word in
                           .element(named: "option", nodes: [.attribute(named: "value", value: word)])
                       }])),
                  FormFields.idleWarning(what: "your journal", saveLabel: "Save the entry now"),
                  .button(.type(.submit), .class("button primary"), "Save the entry")),
            .if(!prompts.isEmpty && entry.prompt.isEmpty, .details(
                .summary("Need a starting point? Choose a prompt"),
                .ul(.forEach(prompts.prefix(40)) { prompt in
                    .li(.a(.href(SiteURL.journalNew.path + "?prompt=" + (prompt.source.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")),
                           .text(prompt.text)))
                })))
        )).render()
    }

    /// The prompt a source such as "journaling-after-a-setback#2" names (1-based), if it exists.
    static func prompt(_ source: String, in library: ContentLibrary) -> String? {
        let parts = source.split(separator: "#", maxSplits: 1)
        guard parts.count == 2, let number = Int(parts[1]), let item = library.item(String(parts[0])),
              let prompts = item.prompts?.items, prompts.indices.contains(number - 1) else { return nil }
        return prompts[number - 1]
    }

    static func promptChoices(_ library: ContentLibrary) -> [(source: String, text: String)] {
        library.items.flatMap { item in
            (item.prompts?.items ?? []).enumerated().map { (source: "\(item.id)#\($0.offset + 1)", text: $0.element) }
        }
    }

    static func entry(from form: FormData) -> JournalEntry {
        JournalEntry(body: form["body"], prompt: form["prompt"], promptSource: form["promptSource"], feeling: form["feeling"])
    }
}
