import Foundation
import Hummingbird
import ToolkitCore

/// A client's reminder feed over the API: its schedule, turning it on or changing it (a new
/// secret address is answered once, never stored or shown again), and turning it off.
struct RemindersAPIController {
    let services: AppServices

    struct ReminderBody: Decodable {
        var time: String
        var weekdays: [Int]
        var assignmentDays: Bool?
        var newAddress: Bool?

        private enum Keys: String, CodingKey, CaseIterable { case time, weekdays, assignmentDays, newAddress }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(Keys.allCases.map(\.rawValue)))
            let container = try decoder.container(keyedBy: Keys.self)
            time = try container.decode(String.self, forKey: .time)
            weekdays = try container.decode([Int].self, forKey: .weekdays)
            assignmentDays = try container.decodeUnlessAbsent(Bool.self, forKey: .assignmentDays)
            newAddress = try container.decodeUnlessAbsent(Bool.self, forKey: .newAddress)
        }
    }

    struct ReminderResponse: Encodable {
        var enabled: Bool
        var time: String
        /// ISO weekdays, 1 = Monday ... 7 = Sunday.
        var weekdays: [Int]
        /// Also on the other days the client's assignments plan a practice.
        var assignmentDays: Bool
        /// The secret address to subscribe to: only in the answer that made it.
        var address: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/me/reminders", use: show)
        router.put("/api/v1/me/reminders", use: save)
        router.delete("/api/v1/me/reminders", use: turnOff)
    }

    private func client(_ context: AppRequestContext) throws -> User {
        let user = try context.requireAPIUser()
        guard user.userRole == .client else { throw HTTPError(.forbidden, message: "Only clients have practice reminders.") }
        return user
    }

    private static func response(_ schedule: ReminderSchedule, on: Bool, address: String? = nil) -> ReminderResponse {
        ReminderResponse(enabled: on, time: schedule.timeText, weekdays: schedule.weekdays.sorted(),
                         assignmentDays: schedule.assignmentDays, address: address)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let feed = try await services.calendarFeeds.feed(for: user)
        var response = try Responses.json(Self.response(feed?.schedule ?? .standard, on: feed != nil))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let body = try await APIRequestBody.decode(ReminderBody.self, from: request, context: context,
                                                   expected: "Send {\"time\": \"19:30\", \"weekdays\": [1, 3, 5]} (1 = Monday), and \"newAddress\": true for a new secret address.")
        let (schedule, problems) = ReminderSchedule.validated(time: body.time, weekdays: body.weekdays.map(String.init),
                                                              assignmentDays: body.assignmentDays ?? true)
        guard let schedule else { throw HTTPError(.unprocessableContent, message: problems.joined(separator: " ")) }
        let token = try await services.calendarFeeds.save(schedule, newAddress: body.newAddress ?? false, for: user,
                                                          address: services.clientAddress(request, context: context))
        var response = try Responses.json(Self.response(schedule, on: true,
                                                        address: token.map { services.siteOrigin(request) + SiteURL.calendarFeed($0).path }))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func turnOff(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        _ = try await services.calendarFeeds.remove(for: user, address: services.clientAddress(request, context: context))
        return Response(status: .noContent)
    }
}
