import Foundation
import Hummingbird
import ToolkitCore

/// "Before your next session": the client previews a summary of the time since a day they choose,
/// leaves out what they like, and sends it to their therapist, who reads it with their shared work
/// and can print it. The summary is worked out afresh from the client's records for each preview
/// and for sending, through the same code, and kept sealed exactly as sent.
struct SessionSummaryController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.sessionSummary.path), use: show)
        router.post(RouterPath(SiteURL.sessionSummary.path), use: submit)
        router.get("/before-session/:id", use: sent)
        router.post("/before-session/:id/take-back", use: takeBack)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }
    private var idleSeconds: Int { Int(services.configuration.sessionIdleTimeout) }
    static let notFound = "We couldn't find that summary. It may have been taken back; the ones you've sent are on the Before your next session page."

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let calendar = AssignmentStore.calendar(for: client)
        let sent = try await services.sessionSummaries.page(for: client, address: address(request, context)).entries
        let today = CalendarDay(services.configuration.clock(), in: calendar)
        let from = SessionSummaryRequest.defaultFrom(lastThrough: sent.first?.entry.through, today: today, calendar: calendar)
        let form = SessionSummaryViews.Form(from: from.description)
        let therapistName = try await therapistName(of: client)
        let preview = therapistName == nil ? nil
            : try await services.sessionSummaryBuilder.summary(for: client, request: SessionSummaryRequest(from: from), today: today,
                                                                calendar: calendar, address: address(request, context))
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(SessionSummaryViews.notice)
        return Responses.html(SessionSummaryViews.page(user: client, csrfToken: session.csrfToken, form: form, preview: preview,
                                                       therapistName: therapistName, sent: sent, calendar: calendar,
                                                       idleSeconds: idleSeconds, notice: notice))
    }

    /// "Update the preview" draws the page again from what was chosen; "Send" keeps the summary.
    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let calendar = AssignmentStore.calendar(for: client)
        let today = CalendarDay(services.configuration.clock(), in: calendar)
        let form = SessionSummaryViews.Form(context.form)
        guard let therapistName = try await therapistName(of: client) else {
            throw HTTPError(.conflict, message: "A summary goes to your therapist, and your account isn't linked to one yet.")
        }
        let address = address(request, context)
        var problems: [SessionSummaryRequest.Problem] = []
        let from = CalendarDay(form.from)
        if from == nil { problems.append(.init(field: "from", message: "Please choose the first day, for example the day of your last session.")) }
        let summaryRequest = SessionSummaryRequest(from: from ?? today, leftOut: form.leftOut, note: form.note)
        problems += summaryRequest.problems(today: today, calendar: calendar).filter { problem in from != nil || problem.field != "from" }
        let preview = problems.contains { $0.field == "from" } ? nil
            : try await services.sessionSummaryBuilder.summary(for: client, request: summaryRequest, today: today, calendar: calendar, address: address)
        guard problems.isEmpty, context.form["action"] == "send", let summary = preview else {
            let sent = try await services.sessionSummaries.page(for: client, address: address).entries
            return Responses.html(SessionSummaryViews.page(user: client, csrfToken: session.csrfToken, form: form, preview: preview,
                                                           therapistName: therapistName, sent: sent, calendar: calendar,
                                                           idleSeconds: idleSeconds, problems: problems),
                                  status: problems.isEmpty ? .ok : .unprocessableContent)
        }
        let id = try await services.sessionSummaries.create(summary, for: client, address: address, shared: true)
        return Responses.redirect(to: SiteURL.sessionSummarySent(id).path)
    }

    @Sendable func sent(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        guard let loaded = try await services.sessionSummaries.load(id: context.parameters.get("id") ?? "", for: client,
                                                                     address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.html(SessionSummaryViews.sentPage(user: client, csrfToken: session.csrfToken, loaded: loaded,
                                                           calendar: AssignmentStore.calendar(for: client)))
    }

    @Sendable func takeBack(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        guard try await services.sessionSummaries.delete(id: context.parameters.get("id") ?? "", for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.sessionSummary.path + "?done=taken-back")
    }

    private func therapistName(of client: User) async throws -> String? {
        guard let therapistID = client.therapistId else { return nil }
        return try await services.accounts.find(id: therapistID)?.name
    }
}

/// Gathers what a summary is made of: the client's assignments from their present therapist, the
/// practice records written in the span, and the times of what they share; each read audited as
/// the client's own.
struct SessionSummaryBuilder {
    let services: AppServices

    func summary(for client: User, request: SessionSummaryRequest, today: CalendarDay, calendar: Calendar,
                 address: String?) async throws -> SessionSummary {
        let start = calendar.startOfDay(for: request.from.midday(in: calendar))
        let overview = try await services.assignments.mine(client, since: AssignmentSchedule.weekStart(of: request.from, calendar: calendar),
                                                           address: address)
        let practices = try await services.practiceLog.written(since: start, for: client, address: address).map(\.entry)
        let shared = try await services.sharedWork.sharedChanges(ownerID: client.id, since: start)
        let library = try await services.catalog.everything()
        let assignments = overview.assignments.map { assignment in
            SessionSummary.AssignmentFacts(
                title: library.item(assignment.itemID)?.title ?? "A practice no longer in the library",
                progress: overview.progress(of: assignment, calendar: calendar),
                reasons: Dictionary(overview.setAside.filter { $0.assignmentID == assignment.id }.compactMap { skip in skip.reason.map { (skip.week, $0) } },
                                    uniquingKeysWith: { first, _ in first }))
        }
        return SessionSummary(from: request.from, through: today, leftOut: request.leftOut, note: request.note,
                              assignments: assignments, practices: practices, shared: shared, calendar: calendar)
    }
}

extension AppServices {
    var sessionSummaryBuilder: SessionSummaryBuilder { SessionSummaryBuilder(services: self) }
}
