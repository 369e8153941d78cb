import Foundation
import Hummingbird
import ToolkitCore

/// Today: a client's home page (also what "/" shows a signed-in client).
struct TodayController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.today.path), use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let address = services.clientAddress(request, context: context)
        if request.uri.queryParameters["welcome"] != nil {
            let welcome = "Welcome. Your account is ready, and this is Today: your home here."
            return try await Responses.html(page(for: client, csrfToken: session.csrfToken, address: address, notice: welcome).render())
        }
        return try await response(for: client, session: session, address: address, generation: context.contentGeneration)
    }

    /// Today as it stands. Visited often and changed rarely, so kept rendered until the next
    /// write (see PersonalPageCache).
    func response(for client: User, session: Session, address: String?, generation: UInt64?) async throws -> Response {
        let key = PersonalPageCache.key("today", session: session, address: address, now: services.configuration.clock())
        return try await Responses.html(services.personalPages.page(key, generation: generation) {
            try await page(for: client, csrfToken: session.csrfToken, address: address).render()
        })
    }

    /// What the client planned: today's rituals, the next step of each goal, a weekly check-in
    /// when one is due. Rituals and goals are opened (and the reads audited) only when the client
    /// has some; everything else on Today comes from times and the library.
    private func planned(for client: User, address: String?, activity: [String: EntryTable.Activity]) async throws -> [TodayPage.PlannedItem] {
        let rituals = activity["ritual_plans"]?.total ?? 0
        let goalsCount = activity["goals"]?.total ?? 0
        let selfCarePlans = activity["self_care_plans"]?.total ?? 0
        let checkIns = activity["self_care_check_ins"]?.since ?? 0
        var items: [TodayPage.PlannedItem] = []
        if rituals > 0, let plan = try await services.rituals.load(for: client, address: address)?.document {
            let today = ClientCalendar.today(services, in: ClientCalendar.calendar())
            items += plan.active.map { ritual in
                TodayPage.PlannedItem(title: ritual.text, detail: "a ritual for today", path: SiteURL.rituals.path, done: ritual.isDone(on: today))
            }
        }
        if goalsCount > 0 {
            let goals = try await services.goals.page(for: client, address: address).entries
            for loaded in goals.prefix(5) {
                guard let next = loaded.entry.steps.first(where: { $0.progress != .done }) else { continue }
                items.append(TodayPage.PlannedItem(title: next.text, detail: "next step toward \(loaded.entry.title)",
                                                   path: SiteURL.goal(loaded.id).path, done: false))
            }
        }
        if selfCarePlans > 0, checkIns == 0 {
            items.append(TodayPage.PlannedItem(title: "Your weekly self-care check-in is ready", detail: "this week",
                                               path: SiteURL.selfCareCheckInNew.path, done: false))
        }
        return items
    }

    func page(for client: User, csrfToken: String, address: String?, notice: String? = nil) async throws -> TodayPage {
        let now = services.configuration.clock()
        let calendar = DisplayTime.calendar
        let weekStart = calendar.dateInterval(of: .weekOfYear, for: now)?.start ?? calendar.startOfDay(for: now)
        // One statement for every kind's counts and times: Today is visited often.
        let kinds = services.shareableKinds
        let activity = try await EntryTable.activity(of: kinds.map(\.table) + ["ritual_plans", "goals", "self_care_plans"],
                                                     for: client, since: weekStart, on: services.database)
        let recently = kinds.map { kind in
            TodayPage.Recent(title: kind.title, path: kind.listPath, thisWeek: activity[kind.table]?.since ?? 0,
                             latest: activity[kind.table]?.latest)
        }
        let suggestion = PracticeSuggestion.pick(from: services.library.items, dayNumber: PracticeSuggestion.dayNumber(of: now, in: calendar))
        let planned = try await planned(for: client, address: address, activity: activity)
        // Told once: a password reset or a new therapist since the client was last here.
        let notices = [notice].compactMap { $0 } + (try await services.notices.take(for: client)).map(\.text)
        return TodayPage(user: client, csrfToken: csrfToken, now: now, planned: planned, suggestion: suggestion, recently: recently,
                         notice: notices.isEmpty ? nil : notices.joined(separator: " "),
                         fromTherapist: try await fromTherapist(for: client, now: now))
    }

    /// The therapist's running assignments, in one statement, and only for a client who has a therapist.
    private func fromTherapist(for client: User, now: Date) async throws -> [TodayPage.FromTherapist] {
        guard client.therapistId != nil else { return [] }
        let calendar = AssignmentStore.calendar(for: client)
        let today = CalendarDay(now, in: calendar)
        let overview = try await services.assignments.forToday(client, weekStart: AssignmentSchedule.weekStart(of: today, calendar: calendar))
        return AssignmentSummary.all(overview, library: try await services.catalog.everything(), today: today, calendar: calendar, weekCount: 1)
            .filter { $0.state != .ended && $0.state != .done }
            .map { summary in
                TodayPage.FromTherapist(title: summary.title, note: summary.assignment.note,
                                        detail: ([summary.stateText(calendar: calendar)] + [summary.weekText].compactMap { $0 }).joined(separator: " · "),
                                        path: SiteURL.assignments.path + "#assignment-\(summary.assignment.id)", done: summary.isDone)
            }
    }
}
