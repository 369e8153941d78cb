import Foundation
import Hummingbird
import ToolkitCore

/// A client's practice log: save a finished practice from practice mode, see the weeks at a
/// glance, read, share or delete one record.
struct PracticeLogController {
    let services: AppServices

    /// How many weeks the history shows.
    static let weekCount = PracticeHistory.defaultWeekCount

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.practiceLog.path), use: history)
        router.post(RouterPath(SiteURL.practiceLog.path), use: record)
        router.get("/practice-log/:id", use: show)
        router.post("/practice-log/:id/delete", use: delete)
        router.post("/practice-log/:id/sharing", use: setSharing)
    }

    /// Weeks and days are counted in the server's time zone for now; a client's own zone can be
    /// passed here once accounts keep one.
    /// Weeks are the client's own: Monday to Sunday in their time zone (UTC until they have one).
    private func timeZone(for client: User) -> TimeZone { DisplayTime.calendar.timeZone }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }
    private var idleSeconds: Int { Int(services.configuration.sessionIdleTimeout) }

    private func recordID(_ context: AppRequestContext) throws -> String {
        guard let id = context.parameters.get("id") else { throw HTTPError(.notFound) }
        return id
    }

    static let notFound = "We couldn't find that record. It may have been deleted; your other records are in your practice log."

    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let before = request.uri.queryParameters["before"].map(String.init)
        let address = address(request, context)
        let page = try await services.practiceLog.page(for: client, before: before, address: address)
        var history: PracticeHistory?
        if before == nil {
            let now = services.configuration.clock()
            let zone = timeZone(for: client)
            let since = PracticeHistory.firstDay(now: now, weekCount: Self.weekCount, timeZone: zone)
            let recent = try await services.practiceLog.written(since: since, for: client, address: address)
            history = PracticeHistory(records: recent.map(\.entry), now: now, weekCount: Self.weekCount, timeZone: zone)
        }
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(PracticeLogViews.notice)
        return Responses.html(PracticeLogViews.history(user: client, csrfToken: session.csrfToken, page: page, history: history, notice: notice))
    }

    /// The "I've finished" form from practice mode. The item's title is taken from the library,
    /// never from the form.
    @Sendable func record(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let input = PracticeRecordForm.input(from: context.form)
        guard let item = try await services.catalog.item(input.itemID, for: context.user.libraryViewer), item.isPractice else {
            throw HTTPError(.notFound, message: "We couldn't find that practice in the library. Your other practices are in the library and your practice log.")
        }
        let (record, problems) = input.record(itemTitle: item.title, finishedAt: services.configuration.clock())
        guard let record else {
            // Nothing typed is lost: the form comes back as it was sent.
            return Responses.html(PracticeLogViews.recordPage(user: client, csrfToken: session.csrfToken, itemTitle: item.title, input: input,
                                                              idleSeconds: idleSeconds, problems: problems),
                                  status: .unprocessableContent)
        }
        // Finishing an assigned practice completes the assignment in the same transaction.
        let assignments = services.assignments
        let day = CalendarDay(record.finishedAt, in: AssignmentStore.calendar(for: client))
        let id = try await services.practiceLog.create(record, for: client, address: address(request, context)) { db, id in
            try await assignments.recordCompletion(of: record.itemID, minutes: record.minutes, sourceKind: "practice", sourceID: id,
                                                   day: day, client: client, on: db)
        }
        return Responses.redirect(to: SiteURL.practiceRecord(id).path + "?done=saved")
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        guard let loaded = try await services.practiceLog.load(id: try recordID(context), for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(PracticeLogViews.notice)
        let isPractice = try await services.catalog.everything().item(loaded.entry.itemID)?.isPractice ?? false
        return Responses.html(PracticeLogViews.show(user: client, csrfToken: session.csrfToken, loaded: loaded, isPractice: isPractice, notice: notice))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        guard try await services.practiceLog.delete(id: try recordID(context), for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.practiceLog.path + "?done=deleted")
    }

    @Sendable func setSharing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        let id = try recordID(context)
        let shared = context.form["shared"] == "1"
        guard try await services.practiceLog.setShared(shared, id: id, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        let done = shared ? "?done=shared" : "?done=unshared"
        // Only two places to go back to, so nothing from the form becomes an address.
        let back = context.form["return"] == "log" ? SiteURL.practiceLog.path : SiteURL.practiceRecord(id).path
        return Responses.redirect(to: back + done)
    }
}
