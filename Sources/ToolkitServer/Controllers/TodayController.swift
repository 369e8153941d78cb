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
        return try await Responses.html(page(for: client, csrfToken: session.csrfToken).render())
    }

    /// Built from times and the library only: nothing the client wrote is opened for this page.
    func page(for client: User, csrfToken: String) async throws -> TodayPage {
        let now = services.configuration.clock()
        let calendar = DisplayTime.calendar
        let weekStart = calendar.dateInterval(of: .weekOfYear, for: now)?.start ?? calendar.startOfDay(for: now)
        var recently: [TodayPage.Recent] = []
        for kind in services.shareableKinds {
            let activity = try await kind.activity(client, weekStart)
            recently.append(TodayPage.Recent(title: kind.title, path: kind.listPath, thisWeek: activity.since, latest: activity.latest))
        }
        let suggestion = PracticeSuggestion.pick(from: services.library.items, dayNumber: PracticeSuggestion.dayNumber(of: now, in: calendar))
        return TodayPage(user: client, csrfToken: csrfToken, now: now, planned: [], suggestion: suggestion, recently: recently)
    }
}
