import Foundation
import Hummingbird
import ToolkitCore

/// The self-care plan, kept as a living plan and changed any time, and a weekly check-in, both
/// built from the library's own worksheets.
struct SelfCareController {
    let services: AppServices
    /// Where "today" is decided: the signed-in client's own time zone (UTC until they have one).
    var timeZone: TimeZone { DisplayTime.calendar.timeZone }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.selfCare.path), use: overview)
        router.get(RouterPath(SiteURL.selfCarePlan.path), use: editPlan)
        router.post(RouterPath(SiteURL.selfCarePlan.path), use: savePlan)
        router.post(RouterPath(SiteURL.selfCarePlanSharing.path), use: sharePlan)
        router.post(RouterPath(SiteURL.selfCarePlanDelete.path), use: deletePlan)
        router.post(RouterPath(SiteURL.selfCareCheckIns.path), use: createCheckIn)
        router.get(RouterPath(SiteURL.selfCareCheckInNew.path), use: newCheckIn)
        router.get("/self-care/check-ins/:id", use: showCheckIn)
        router.post("/self-care/check-ins/:id/sharing", use: shareCheckIn)
        router.post("/self-care/check-ins/:id/delete", use: deleteCheckIn)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }
    private var idleSeconds: Int { Int(services.configuration.sessionIdleTimeout) }
    private var calendar: Calendar { ClientCalendar.calendar(in: timeZone) }
    static let notFound = "We couldn't find that check-in. It may have been deleted; your other check-ins are on your self-care page."

    private var planFields: [WorksheetField] { services.library.item(SelfCarePlan.libraryItemID)?.fields ?? [] }
    private var checkInFields: [WorksheetField] { services.library.item(WeeklyCheckIn.libraryItemID)?.fields ?? [] }

    @Sendable func overview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let before = request.uri.queryParameters["before"].map(String.init)
        let plan = try await services.selfCarePlans.load(for: client, address: address(request, context))
        let page = try await services.weeklyCheckIns.page(for: client, before: before, address: address(request, context))
        let today = ClientCalendar.today(services, in: calendar)
        // The newest check-ins are on the first page; a check-in this week is always among them.
        let due = before == nil && WeeklyCheckIn.isDue(today: today, checkInDays: page.entries.map(\.entry.day), calendar: calendar)
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(SelfCareViews.notice)
        return Responses.html(SelfCareViews.overview(user: client, csrfToken: session.csrfToken, plan: plan, planFields: planFields,
                                                     checkIns: page, checkInFields: checkInFields, due: due, calendar: calendar,
                                                     notice: notice, isFirstPage: before == nil))
    }

    @Sendable func editPlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let plan = try await services.selfCarePlans.load(for: client, address: address(request, context))
        return Responses.html(SelfCareViews.planForm(user: client, csrfToken: session.csrfToken, fields: planFields,
                                                     answers: plan?.document ?? SelfCareAnswers(), idleSeconds: idleSeconds))
    }

    @Sendable func savePlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let submitted = SelfCareViews.answers(from: context.form, fields: planFields)
        let (answers, problems) = submitted.validated(against: planFields)
        guard problems.isEmpty else {
            return Responses.html(SelfCareViews.planForm(user: client, csrfToken: session.csrfToken, fields: planFields, answers: submitted,
                                                         idleSeconds: idleSeconds, problems: problems), status: .unprocessableContent)
        }
        // The whole plan is one form: what was sent replaces what was saved.
        try await services.selfCarePlans.modify(for: client, address: address(request, context), empty: SelfCareAnswers()) { _ in
            .save(answers, ())
        }
        return Responses.redirect(to: SiteURL.selfCare.path + "?done=plan-saved")
    }

    @Sendable func sharePlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        let shared = context.form["shared"] == "1"
        guard try await services.selfCarePlans.setShared(shared, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: "There is no self-care plan to share yet. Fill it in first.")
        }
        return Responses.redirect(to: SiteURL.selfCare.path + (shared ? "?done=plan-shared" : "?done=plan-unshared"))
    }

    @Sendable func deletePlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        _ = try await services.selfCarePlans.delete(for: client, address: address(request, context))
        return Responses.redirect(to: SiteURL.selfCare.path + "?done=plan-deleted")
    }

    @Sendable func newCheckIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        return Responses.html(SelfCareViews.checkInForm(user: client, csrfToken: session.csrfToken, fields: checkInFields,
                                                        answers: SelfCareAnswers(), idleSeconds: idleSeconds))
    }

    @Sendable func createCheckIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let submitted = SelfCareViews.answers(from: context.form, fields: checkInFields)
        var (answers, problems) = submitted.validated(against: checkInFields)
        if problems.isEmpty, answers.isEmpty {
            problems.append(.init(field: checkInFields.first?.id ?? "", message: "Please answer at least one question. A single number is enough."))
        }
        guard problems.isEmpty else {
            return Responses.html(SelfCareViews.checkInForm(user: client, csrfToken: session.csrfToken, fields: checkInFields, answers: submitted,
                                                            idleSeconds: idleSeconds, problems: problems), status: .unprocessableContent)
        }
        let checkIn = WeeklyCheckIn(day: ClientCalendar.today(services, in: calendar), answers: answers)
        let id = try await services.weeklyCheckIns.create(checkIn, for: client, address: address(request, context))
        return Responses.redirect(to: SiteURL.selfCareCheckIn(id).path + "?done=saved")
    }

    @Sendable func showCheckIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        guard let id = context.parameters.get("id"),
              let loaded = try await services.weeklyCheckIns.load(id: id, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(SelfCareViews.notice)
        return Responses.html(SelfCareViews.checkIn(user: client, csrfToken: session.csrfToken, loaded: loaded, fields: checkInFields,
                                                    calendar: calendar, notice: notice))
    }

    @Sendable func shareCheckIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        let shared = context.form["shared"] == "1"
        guard let id = context.parameters.get("id"),
              try await services.weeklyCheckIns.setShared(shared, id: id, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.selfCareCheckIn(id).path + (shared ? "?done=shared" : "?done=unshared"))
    }

    @Sendable func deleteCheckIn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        guard let id = context.parameters.get("id"),
              try await services.weeklyCheckIns.delete(id: id, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.selfCare.path + "?done=deleted")
    }
}
