import Plot
import ToolkitCore

/// Everything the toolkit holds about a person, on one printable page.
struct MyDataPage {
    let data: DataRightsController.Export
    /// For the questions of saved worksheets.
    var library: ContentLibrary? = nil

    func render() -> String {
        PageLayout(title: "All my data", chrome: false, bodyClass: "print", content: .div(
            .p(.class("no-print"), .a(.href(SiteURL.account.path), "← Back to my account"), " · ",
               .button(.type(.button), .class("link-button"), .attribute(named: "data-print", value: "page"), "Print this page")),
            .h1("All my data"),
            .p(.text("Exported \(SafetyPlanViews.dateText(data.exportedAt)).")),
            .h2("Account"),
            .dl(.class("facts"),
                .dt("Name"), .dd(.text(data.account.name)),
                .dt("Email"), .dd(.text(data.account.email)),
                .dt("Role"), .dd(.text(data.account.role)),
                .dt("Created"), .dd(.text(SafetyPlanViews.dateText(data.account.createdAt)))),
            .h2("Safety plan"),
            .p(.text(data.safetyPlanVersions.isEmpty ? "No safety plan saved."
                     : "\(data.safetyPlanVersions.count) saved versions. Shared with my therapist: \(data.safetyPlanShared ? "yes" : "no").")),
            .forEach(data.safetyPlanVersions.reversed()) { version in
                .section(.class("print-item"),
                         .h3(.text("Version \(version.version), saved \(SafetyPlanViews.dateText(version.savedAt))")),
                         SafetyPlanViews.planBody(version.plan))
            },
            .h2("Check-ins"),
            .if(data.distressCheckIns.isEmpty, .p("No check-ins."),
                else: .ul(.forEach(data.distressCheckIns) { entry in
                    .li(.text("\(SafetyPlanViews.dateText(entry.at)): before \(entry.before)" + (entry.after.map { ", after \($0)" } ?? "")))
                })),
            .h2("Thought coach"),
            .if(data.thoughtRecords.isEmpty, .p("No thought records."),
                else: .forEach(data.thoughtRecords) { item in
                    .section(.class("print-item"),
                             .h3(.text("Written \(SafetyPlanViews.dateText(item.writtenAt))" + (item.shared ? " (shared with my therapist)" : ""))),
                             ThoughtCoachViews.recordText(item.record))
                }),
            .h2("My critic and my answers"),
            .if(data.criticAnswers.isEmpty, .p("No lines."),
                else: .ul(.forEach(data.criticAnswers) { line in
                    .li(.p(.text("My critic says: \(line.critic)")),
                        .p(.text(line.answer.isEmpty ? "Not answered yet." : "I answer: \(line.answer)")),
                        .if(line.shared, .p(.class("meta"), "Shared with my therapist")))
                })),
            .h2("Practice log"),
            .if(data.practiceLog.isEmpty, .p("No practices recorded."),
                else: .ul(.forEach(data.practiceLog) { item in
                    .li(.text("\(SafetyPlanViews.dateText(item.record.finishedAt)): \(item.record.itemTitle), "
                              + PracticeHistory.count(item.record.minutes, "minute") + (item.shared ? " (shared with my therapist)" : "")),
                        .unwrap(PracticeLogViews.ratingsLine(item.record)) { .text(". " + $0) },
                        .if(!item.record.note.isEmpty, .p(.text("Note: " + item.record.note))))
                })),
            practiceSections,
            .h2("Journal"),
            .if(data.journal.isEmpty, .p("No journal entries."),
                else: .forEach(data.journal) { entry in
                    .section(.class("print-item"),
                             .h3(.text("Written \(SafetyPlanViews.dateText(entry.writtenAt))" + (entry.shared ? " (shared with my therapist)" : ""))),
                             .if(!entry.prompt.isEmpty, .p(.class("lead"), .text(entry.prompt))),
                             .if(!entry.feeling.isEmpty, .p(.text("Feeling: \(entry.feeling)"))),
                             .forEach(entry.body.components(separatedBy: "\n")) { .p(.text($0)) })
                }),
            .h2("Worksheets"),
            .if(data.worksheets.isEmpty, .p("No saved worksheets."),
                else: .forEach(data.worksheets) { sheet in
                    .forEach(sheet.versions.reversed()) { version in
                        .section(.class("print-item"),
                                 .h3(.text("\(sheet.title), version \(version.version) (\(version.status.displayName.lowercased())), saved \(SafetyPlanViews.dateText(version.savedAt))"
                                           + (sheet.shared && version.version == sheet.versions.last?.version ? " (shared with my therapist)" : ""))),
                                 WorksheetViews.answers(SavedWorksheet(itemID: sheet.worksheet, title: sheet.title, status: version.status, answers: version.answers),
                                                        item: library?.item(sheet.worksheet), headingLevel: 3))
                    }
                })
        )).render()
    }

    /// Rituals, goals, the self-care plan and weekly check-ins.
    private var practiceSections: Node<HTML.BodyContext> {
        .group(rituals, goals, selfCare)
    }

    private var rituals: Node<HTML.BodyContext> {
        .group(
            .h2("Small daily rituals"),
            .if((data.rituals?.rituals ?? []).isEmpty, .p("No rituals."),
                else: .ul(.forEach(data.rituals?.rituals ?? []) { ritual in
                    .li(.text(ritual.text + (ritual.retired ? " (put aside)" : "")),
                        .text(ritual.days.isEmpty ? "" : ": " + ritual.days.map(\.description).joined(separator: ", ")))
                }))
        )
    }

    private var goals: Node<HTML.BodyContext> {
        .group(
            .h2("Goals"),
            .if(data.goals.isEmpty, .p("No goals."),
                else: .forEach(data.goals) { item in
                    .section(.class("print-item"),
                             .h3(.text(item.goal.title + (item.shared ? " (shared with my therapist)" : ""))),
                             .p(.text("For \(item.goal.value) · \(item.goal.progressText)")),
                             .if(!item.goal.goodEnough.isEmpty, .p(.text("Good enough: " + item.goal.goodEnough))),
                             .ol(.forEach(item.goal.steps) { step in
                                 .li(.text("\(step.text) (\(step.progress.label.lowercased())\(step.missed ? ", didn't happen this time" : ""))"))
                             }),
                             .forEach(item.goal.reflections) { GoalsViews.reflectionText($0) })
                })
        )
    }

    private var selfCare: Node<HTML.BodyContext> {
        .group(
            .h2("Self-care plan"),
            .unwrap(data.selfCarePlan, { plan in
                .dl(.class("facts"), .forEach(plan.answers.sorted { $0.key < $1.key }) { pair in
                    .group(.dt(.text(SelfCareViews.label(pair.key, in: SelfCarePlan.libraryItemID))), .dd(.forEach(pair.value.components(separatedBy: "\n")) { .p(.text($0)) }))
                })
            }, else: .p("No self-care plan.")),
            .h2("Weekly check-ins"),
            .if(data.weeklyCheckIns.isEmpty, .p("No weekly check-ins."),
                else: .forEach(data.weeklyCheckIns) { checkIn in
                    .section(.class("print-item"),
                             .h3(.text("Written \(checkIn.day)" + (checkIn.shared ? " (shared with my therapist)" : ""))),
                             .dl(.class("facts"), .forEach(checkIn.answers.sorted { $0.key < $1.key }) { pair in
                                 .group(.dt(.text(SelfCareViews.label(pair.key, in: WeeklyCheckIn.libraryItemID))), .dd(.forEach(pair.value.components(separatedBy: "\n")) { .p(.text($0)) }))
                             }))
                }),
            .h2("Summaries sent before sessions"),
            .if(data.sessionSummaries.isEmpty, .p("No summaries sent."),
                else: .forEach(data.sessionSummaries) { sent in
                    .section(.class("print-item"),
                             .h3(.text("Sent \(SafetyPlanViews.dateText(sent.sentAt))")),
                             SessionSummaryViews.body(sent.summary, calendar: DisplayTime.calendar, headingLevel: 4))
                }),
            .h2("Practice reminders"),
            .unwrap(data.reminders, { reminders in
                .p(.text("On since \(SafetyPlanViews.dateText(reminders.turnedOnAt)), \(reminders.summary)."))
            }, else: .p("Reminders are off."))
        )
    }
}
