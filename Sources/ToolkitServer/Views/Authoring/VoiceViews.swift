import Foundation
import Plot
import ToolkitCore

/// Recording one's own voice for a guided practice, step by step.
enum VoiceViews {
    static func pagePath(_ itemID: String) -> String { SiteURL.authoredItem(itemID).path + "/voice" }
    static func uploadPath(_ itemID: String, step: Int) -> String { pagePath(itemID) + "/\(step)" }
    static func audioPath(_ itemID: String, step: Int) -> String { SiteURL.libraryItem(itemID).path + "/steps/\(step)/audio" }

    static func notice(_ code: String) -> String? {
        switch code {
        case "removed": "Removed. That step uses read-aloud again."
        default: nil
        }
    }

    static func page(user: User, csrfToken: String, item: LibraryItem, recorded: [Int: StepRecordingStore.Info], notice: String?) -> String {
        PageLayout(title: "Your voice: \(item.title)", user: user, csrfToken: csrfToken, scripts: ["voice.js", "authoring.js"], content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.authoredItem(item.id).path), .text("← Edit \(item.title)"))),
            .h1(.text("Your voice: \(item.title)")),
            FormFields.notice(notice),
            .p("Record each step in your own voice. In practice mode, your clients hear your recording in place of the device's read-aloud voice, and can pause it and move back and forth in it."),
            .p(.class("muted"), .text("Up to \(StepRecording.maximumDescription) per step (about five minutes of speech). You can also choose an audio file you recorded elsewhere: WebM, Ogg, MP3, M4A or WAV.")),
            .element(named: "noscript", nodes: [.p(.class("notice"), "Recording and choosing files need JavaScript, which is switched off in this browser.")]),
            .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .id("voice-csrf"), .safeValue(csrfToken)),
            .ol(.class("voice-steps"), .forEach(Array(item.steps.enumerated())) { index, step in
                let info = recorded[index]
                return .li(.class("card voice-step"), .id("step-\(index)"),
                    .h2(.text("Step \(index + 1): \(step.title)")),
                    .p(.class("step-text"), .text(step.text)),
                    .p(.class("voice-status"), .attribute(named: "role", value: "status"), .attribute(named: "data-role", value: "status-\(index)"),
                       .text(info.map { "Recorded: \(Self.size($0.byteCount))." } ?? "Not recorded yet: read-aloud is used.")),
                    .if(info != nil, .element(named: "audio", nodes: [
                        .attribute(named: "controls", value: "controls"), .attribute(named: "preload", value: "none"),
                        .safeAttribute(named: "src", value: Self.audioPath(item.id, step: index) + "?v=\(info?.updatedAt ?? 0)"),
                        .attribute(named: "aria-label", value: "Your recording of step \(index + 1)"),
                    ])),
                    .div(.class("player-controls"), .attribute(named: "data-recorder", value: String(index)),
                         .safeAttribute(named: "data-upload", value: Self.uploadPath(item.id, step: index)),
                         .button(.type(.button), .class("button primary"), .attribute(named: "data-action", value: "record"),
                                 .text(info == nil ? "Record step \(index + 1)" : "Record step \(index + 1) again")),
                         .button(.type(.button), .class("button"), .attribute(named: "data-action", value: "stop"),
                                 .attribute(named: "hidden", value: "hidden"), .text("Stop and keep")),
                         .label(.class("button"), .for("voice-file-\(index)"), .text("Choose a file")),
                         .input(.type(.file), .id("voice-file-\(index)"), .class("visually-hidden"),
                                .attribute(named: "accept", value: "audio/*"))),
                    .if(info != nil, .form(.method(.post), .safeAttribute(named: "action", value: Self.uploadPath(item.id, step: index) + "/delete"),
                                           FormFields.csrf(csrfToken),
                                           .button(.type(.submit), .class("button danger"), .attribute(named: "data-confirm", value: "Remove this recording?"),
                                                   .text("Remove the recording of step \(index + 1)")))))
            }),
            .p(.a(.class("button"), .href(SiteURL.libraryPractice(item.id).path), "Try it in practice mode"))
        )).render()
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1024 * 1024 ? String(format: "%.1f MB", Double(bytes) / 1024 / 1024) : "\(max(1, bytes / 1024)) KB"
    }
}
