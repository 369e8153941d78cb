import Foundation
import Hummingbird
import Plot
import ToolkitCore

/// Opens one shared item of a therapist's client through the item's own store (which audits the
/// read, with the client as subject, before opening it) and renders it read-only. Nil for
/// anything that isn't this therapist's client's, isn't shared, or doesn't exist.
struct SharedItemReader {
    let services: AppServices
    let therapist: User
    let csrfToken: String
    let address: String

    func open(_ kind: SharedWorkKind, clientID: String, entryID: String) async throws -> String? {
        switch kind {
        case .journal:
            return try await entry(services.journal, kind, clientID, entryID) { entry in
                [line("Prompt", entry.prompt), line("Feeling", entry.feeling), block("Entry", entry.body)]
            }
        case .thoughtRecord:
            return try await entry(services.thoughtRecords, kind, clientID, entryID) { record in
                [block("The thought", record.thought),
                 number("Believed before (0–10)", record.beliefBefore), number("Feeling before (0–10)", record.feelingBefore),
                 block("Noticing it kindly", record.mindful), block("Others feel this too", record.commonHumanity),
                 block("What a friend would say", record.friend),
                 number("Believed after (0–10)", record.beliefAfter), number("Feeling after (0–10)", record.feelingAfter)]
            }
        case .criticLine:
            return try await entry(services.criticAnswers, kind, clientID, entryID) { critic in
                [block("What the critic says", critic.critic), block("My answer", critic.answer)]
            }
        case .practiceRecord:
            return try await entry(services.practiceLog, kind, clientID, entryID) { record in
                [line("Practice", record.itemTitle), line("Minutes", String(record.minutes)),
                 line("Distress before and after (0–10)", pair(record.distressBefore, record.distressAfter)),
                 line("Kindness before and after (0–10)", pair(record.kindnessBefore, record.kindnessAfter)),
                 block("Note", record.note)]
            }
        case .goal:
            return try await entry(services.goals, kind, clientID, entryID) { goal in
                [line("Goal", goal.title), block("Why it matters", goal.value), block("Good enough looks like", goal.goodEnough),
                 steps(goal.steps), reflections(goal.reflections)]
            }
        case .selfCareCheckIn:
            let fields = services.library.item(WeeklyCheckIn.libraryItemID)?.fields ?? []
            return try await entry(services.weeklyCheckIns, kind, clientID, entryID) { checkIn in
                var facts: [Fact?] = [line("Week of", ClientCalendar.text(checkIn.day, in: DisplayTime.calendar))]
                for field in fields where !checkIn.answers[field.id].isEmpty {
                    let answer: Node<HTML.BodyContext> = SelfCareViews.answer(field, checkIn.answers)
                    facts.append((label: field.label, value: answer))
                }
                return facts
            }
        case .worksheet:
            guard let found = try await services.worksheets.sharedSheet(id: entryID, clientID: clientID, therapist: therapist,
                                                                         address: address) else { return nil }
            let item = try await services.catalog.everything().item(found.sheet.sheet.itemID)
            return page(kind, client: found.client, changedAt: found.sheet.savedAt,
                        title: WorksheetViews.title(found.sheet.sheet, item: item),
                        body: WorksheetViews.answers(found.sheet.sheet, item: item, headingLevel: 2))
        case .selfCarePlan:
            guard entryID == clientID, let loaded = try await services.selfCarePlans.shared(clientID: clientID, therapist: therapist, address: address),
                  let client = try await services.accounts.find(id: clientID) else {
                if entryID != clientID { try await denied(kind, clientID: clientID, entryID: entryID) }
                return nil
            }
            let fields = services.library.item(SelfCarePlan.libraryItemID)?.fields ?? []
            return page(kind, client: client, changedAt: loaded.updatedAt, title: kind.title,
                        body: facts(fields.filter { !loaded.document[$0.id].isEmpty }.map { field -> Fact in
                            (label: field.label, value: SelfCareViews.answer(field, loaded.document))
                        }))
        case .sessionSummary:
            guard let found = try await services.sessionSummaries.sharedEntry(id: entryID, clientID: clientID, therapist: therapist,
                                                                                address: address) else { return nil }
            let calendar = AssignmentStore.calendar(for: found.client)
            let body: Node<HTML.BodyContext> = .div(
                .p(.class("no-print"), .button(.type(.button), .class("button"), .attribute(named: "data-print", value: "page"), "Print")),
                SessionSummaryViews.body(found.entry.entry, calendar: calendar, headingLevel: 2))
            return page(kind, client: found.client, changedAt: found.entry.updatedAt,
                        title: "Summary from \(found.client.name): \(SessionSummaryViews.span(found.entry.entry, calendar: calendar))", body: body)
        case .safetyPlan:
            guard entryID == clientID else {
                try await denied(kind, clientID: clientID, entryID: entryID)
                return nil
            }
            // The plan's own read-only page, as /clients/:id/safety-plan shows it.
            guard let shared = try await services.safetyPlans.loadShared(clientID: clientID, therapist: therapist, address: address) else {
                return nil
            }
            return SharedSafetyPlanPage(therapist: therapist, csrfToken: csrfToken, client: shared.client, plan: shared.plan).render()
        }
    }

    private typealias Fact = (label: String, value: Node<HTML.BodyContext>)

    private func entry<Entry>(_ store: ClientEntryStore<Entry>, _ kind: SharedWorkKind, _ clientID: String, _ entryID: String,
                              _ facts: (Entry) -> [Fact?]) async throws -> String? {
        guard let found = try await store.sharedEntry(id: entryID, clientID: clientID, therapist: therapist, address: address) else { return nil }
        let shown: [Fact] = facts(found.entry.entry).compactMap { $0 }
        return page(kind, client: found.client, changedAt: found.entry.updatedAt, title: kind.title, body: self.facts(shown))
    }

    /// A document's address with someone else's id in it: refused like any other, on the trail.
    private func denied(_ kind: SharedWorkKind, clientID: String, entryID: String) async throws {
        try await services.audit.append(AuditEvent(actorID: therapist.id, actorRole: therapist.role, action: "\(kind.rawValue).read",
                                                   targetType: kind.rawValue, targetID: entryID, subjectUserID: clientID,
                                                   outcome: .denied, address: address))
    }

    private func facts(_ facts: [Fact]) -> Node<HTML.BodyContext> {
        .dl(.class("facts"), .forEach(facts) { fact in .group(.dt(.text(fact.label)), .dd(fact.value)) })
    }

    private func page(_ kind: SharedWorkKind, client: User, changedAt: Date, title: String, body: Node<HTML.BodyContext>) -> String {
        SharedItemPage(therapist: therapist, csrfToken: csrfToken, client: client, kind: kind, title: title,
                       changedAt: changedAt, calendar: DisplayTime.calendar, content: body).render()
    }
}

/// A labelled line of plain text; nil when there is nothing to show.
private func line(_ label: String, _ text: String) -> (label: String, value: Node<HTML.BodyContext>)? {
    guard !text.isEmpty else { return nil }
    let value: Node<HTML.BodyContext> = .text(text)
    return (label, value)
}

/// Labelled writing kept in its paragraphs; nil when empty.
private func block(_ label: String, _ text: String) -> (label: String, value: Node<HTML.BodyContext>)? {
    guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
    return (label, paragraphs(text))
}

private func number(_ label: String, _ value: Int?) -> (label: String, value: Node<HTML.BodyContext>)? {
    line(label, value.map(String.init) ?? "")
}

private func steps(_ steps: [Goal.Step]) -> (label: String, value: Node<HTML.BodyContext>)? {
    guard !steps.isEmpty else { return nil }
    let list: Node<HTML.BodyContext> = .ul(.forEach(steps) { step in .li(.text("\(step.text) — \(step.progress.label)")) })
    return ("Steps", list)
}

private func reflections(_ reflections: [SetbackReflection]) -> (label: String, value: Node<HTML.BodyContext>)? {
    guard !reflections.isEmpty else { return nil }
    let list: Node<HTML.BodyContext> = .div(.forEach(reflections) { reflection in
        let step: Node<HTML.BodyContext> = .p(.strong(.text(reflection.stepText)))
        return .group(step, paragraphs(reflection.whatHappened), paragraphs(reflection.othersToo), paragraphs(reflection.friend))
    })
    return ("After a setback", list)
}

private func paragraphs(_ text: String) -> Node<HTML.BodyContext> {
    .div(.forEach(text.components(separatedBy: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) { .p(.text($0)) })
}

private func pair(_ before: Int?, _ after: Int?) -> String {
    guard before != nil || after != nil else { return "" }
    return "\(before.map(String.init) ?? "–") → \(after.map(String.init) ?? "–")"
}
