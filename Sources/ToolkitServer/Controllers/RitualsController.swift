import Foundation
import Hummingbird
import ToolkitCore

/// Small daily rituals: choose from the library's menu or write your own, mark today (or a
/// forgotten yesterday), see the days you made time. No streaks, nothing to lose.
struct RitualsController {
    let services: AppServices
    /// Where "today" is decided: the signed-in client's own time zone (UTC until they have one).
    var timeZone: TimeZone { DisplayTime.calendar.timeZone }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.rituals.path), use: show)
        router.post(RouterPath(SiteURL.ritualsAdd.path), use: add)
        router.post(RouterPath(SiteURL.ritualsMark.path), use: mark)
        router.post(RouterPath(SiteURL.ritualsRetire.path), use: retire)
        router.post(RouterPath(SiteURL.ritualsRestore.path), use: restore)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }

    var calendar: Calendar { Self.calendar(in: timeZone) }

    static func calendar(in timeZone: TimeZone) -> Calendar { ClientCalendar.calendar(in: timeZone) }

    private var today: CalendarDay { ClientCalendar.today(services, in: calendar) }

    private var menu: RitualMenu {
        RitualMenu(clientText: services.library.item(RitualMenu.libraryItemID)?.clientText ?? [])
    }

    private func page(_ client: User, _ session: Session, plan: RitualPlan, notice: String? = nil, typed: String = "",
                      problems: [RitualPlan.Problem] = []) -> RitualsPage {
        RitualsPage(user: client, csrfToken: session.csrfToken, plan: plan, menu: menu, today: today, calendar: calendar,
                    notice: notice, typed: typed, problems: problems)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let plan = try await services.rituals.load(for: client, address: address(request, context))?.document ?? RitualPlan()
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(RitualsPage.notice)
        return Responses.html(page(client, session, plan: plan, notice: notice).render())
    }

    @Sendable func add(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let typed = context.form["text"]
        let change: RitualPlan.Change
        if context.form.has("menu") {
            guard let choice = menu.choice(context.form["menu"]) else {
                return try await refuse(request, context, client, session, typed: typed,
                                        [.init(field: "menu", message: "That ritual is no longer on the menu. Please choose another.")])
            }
            change = .add(id: Randomness.identifier(), text: choice.text, group: choice.group)
        } else {
            change = .add(id: Randomness.identifier(), text: typed, group: "")
        }
        return try await apply(change, request, context, client, session, typed: typed, done: "added")
    }

    @Sendable func mark(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        guard let day = CalendarDay(context.form["day"]) else {
            return try await refuse(request, context, client, session, [.init(field: "ritual", message: "You can mark a ritual for today or yesterday.")])
        }
        let done = context.form["done"] == "1"
        return try await apply(.mark(ritualID: context.form["ritual"], day: day, done: done), request, context, client, session,
                               done: done ? "marked" : "unmarked")
    }

    @Sendable func retire(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        return try await apply(.retire(ritualID: context.form["ritual"]), request, context, client, session, done: "aside")
    }

    @Sendable func restore(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        return try await apply(.restore(ritualID: context.form["ritual"]), request, context, client, session, done: "back")
    }

    /// Applies one change to the latest saved rituals; a change that can't be made brings the
    /// page back with the reason and what was typed.
    private func apply(_ change: RitualPlan.Change, _ request: Request, _ context: AppRequestContext, _ client: User, _ session: Session,
                       typed: String = "", done: String) async throws -> Response {
        let today = self.today, calendar = self.calendar
        let problems = try await services.rituals.modify(for: client, address: address(request, context), empty: RitualPlan()) { plan in
            var plan = plan
            let problems = plan.apply(change, today: today, calendar: calendar)
            return problems.isEmpty ? .save(plan, []) : .keep(problems)
        }
        if let missing = problems.first(where: { $0.field == RitualPlan.missingField }) {
            throw HTTPError(.notFound, message: missing.message)
        }
        guard problems.isEmpty else { return try await refuse(request, context, client, session, typed: typed, problems) }
        return Responses.redirect(to: SiteURL.rituals.path + "?done=" + done)
    }

    private func refuse(_ request: Request, _ context: AppRequestContext, _ client: User, _ session: Session, typed: String = "",
                        _ problems: [RitualPlan.Problem]) async throws -> Response {
        let plan = try await services.rituals.load(for: client, address: address(request, context))?.document ?? RitualPlan()
        return Responses.html(page(client, session, plan: plan, typed: typed, problems: problems).render(), status: .unprocessableContent)
    }
}
