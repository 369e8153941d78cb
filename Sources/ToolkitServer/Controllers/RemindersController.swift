import Foundation
import HTTPTypes
import Hummingbird
import ToolkitCore

/// Reminders a client's phone calendar subscribes to: set up on the account's reminders page,
/// served from a secret address without a session (a calendar app can't sign in).
struct RemindersController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.reminders.path), use: show)
        router.post(RouterPath(SiteURL.reminders.path), use: save)
        router.post(RouterPath(SiteURL.remindersOff.path), use: turnOff)
        router.get("/calendar/:file", use: calendar)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let feed = try await services.calendarFeeds.feed(for: client)
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(RemindersPage.notices)
        return Responses.html(RemindersPage(user: client, csrfToken: session.csrfToken, feed: feed, schedule: feed?.schedule ?? .standard,
                                            notice: notice).render())
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let form = context.form
        let assignmentDays = form["assignmentDays"] == "1"
        let (schedule, problems) = ReminderSchedule.validated(time: form["time"], weekdays: form.values("days"), assignmentDays: assignmentDays)
        guard let schedule else {
            let feed = try await services.calendarFeeds.feed(for: client)
            let typed = ReminderSchedule(hour: 19, minute: 0, weekdays: Set(form.values("days").compactMap { Int($0) }.filter { (1...7).contains($0) }),
                                         assignmentDays: assignmentDays)
            return Responses.html(RemindersPage(user: client, csrfToken: session.csrfToken, feed: feed, schedule: typed, problems: problems).render(),
                                  status: .unprocessableContent)
        }
        guard let token = try await services.calendarFeeds.save(schedule, newAddress: form["newAddress"] == "1", for: client,
                                                                address: address(request, context)) else {
            return Responses.redirect(to: SiteURL.reminders.path + "?done=changed")
        }
        // The new address is in this answer only; it is never stored or shown again.
        let feed = try await services.calendarFeeds.feed(for: client)
        var response = Responses.html(RemindersPage(user: client, csrfToken: session.csrfToken, feed: feed, schedule: schedule,
                                                    newAddress: services.siteOrigin(request) + SiteURL.calendarFeed(token).path).render())
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func turnOff(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        _ = try await services.calendarFeeds.remove(for: client, address: address(request, context))
        return Responses.redirect(to: SiteURL.reminders.path + "?done=off")
    }

    /// The coming days the client's assignments plan a practice beyond their weekly days, counted
    /// in the client's own time zone; none unless they asked for them.
    private func plannedDays(for feed: CalendarFeedStore.Feed) async throws -> [CalendarDay] {
        guard feed.schedule.assignmentDays, let client = try await services.accounts.find(id: feed.userID) else { return [] }
        let calendar = AssignmentStore.calendar(for: client)
        let today = CalendarDay(services.configuration.clock(), in: calendar)
        let assignments = try await services.assignments.plannedSchedules(for: client, from: AssignmentSchedule.weekStart(of: today, calendar: calendar))
        return ReminderCalendar.plannedDays(assignments, weekdays: feed.schedule.weekdays, today: today, calendar: calendar)
    }

    /// The feed, for whoever holds the secret address; 404 once it is turned off or replaced.
    @Sendable func calendar(_ request: Request, context: AppRequestContext) async throws -> Response {
        let file = context.parameters.get("file") ?? ""
        guard file.hasSuffix(".ics"), case let token = String(file.dropLast(4)), token.count >= 32, token.count <= 100,
              let feed = try await services.calendarFeeds.feed(token: token) else {
            throw HTTPError(.notFound, message: "There is no calendar at this address. It may have been turned off or replaced.")
        }
        let now = services.configuration.clock()
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = calendar.dateComponents([.year, .month, .day], from: feed.createdAt)
        let body = ReminderCalendar.render(schedule: feed.schedule, plannedDays: try await plannedDays(for: feed),
                                           todayLink: services.siteOrigin(request) + SiteURL.today.path,
                                           feedID: Randomness.sha256Hex("calendar-feed:" + feed.userID).prefix(24).description,
                                           startDay: start, stamp: now)
        return Response(status: .ok,
                        headers: [.contentType: "text/calendar; charset=utf-8", .cacheControl: "no-store",
                                  HTTPField.Name("X-Robots-Tag")!: "noindex"],
                        body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
