import Foundation
import Hummingbird
import ToolkitCore

/// Assignments over the JSON API. A therapist creates, lists, changes and ends assignments for
/// their own clients and reads the adherence summary; a client lists their own with where each
/// stands today and sets a week aside. Someone else's client or assignment answers 404.
struct AssignmentAPIController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/clients/:id/assignments", use: list)
        router.post("/api/v1/clients/:id/assignments", use: create)
        router.put("/api/v1/clients/:id/assignments/:assignment", use: update)
        router.post("/api/v1/clients/:id/assignments/:assignment/end", use: end)
        router.get("/api/v1/clients/:id/adherence", use: adherence)
        router.get("/api/v1/me/assignments", use: mine)
        router.post("/api/v1/me/assignments/:assignment/skip", use: skip)
    }

    // MARK: Bodies and responses

    struct ScheduleBody: Decodable {
        var frequency: String
        var timesPerWeek: Int?
        var weekdays: [Int]?
        var start: String
        var end: String?

        private enum Keys: String, CodingKey, CaseIterable { case frequency, timesPerWeek, weekdays, start, end }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(Keys.allCases.map(\.rawValue)))
            let container = try decoder.container(keyedBy: Keys.self)
            frequency = try container.decode(String.self, forKey: .frequency)
            timesPerWeek = try container.decodeUnlessAbsent(Int.self, forKey: .timesPerWeek)
            weekdays = try container.decodeUnlessAbsent([Int].self, forKey: .weekdays)
            start = try container.decode(String.self, forKey: .start)
            end = try container.decodeUnlessAbsent(String.self, forKey: .end)
        }
    }

    /// `POST` (with `itemId`) and `PUT` (without) of an assignment.
    struct AssignmentBody: Decodable {
        var itemId: String?
        var note: String
        var schedule: ScheduleBody

        private enum Keys: String, CodingKey, CaseIterable { case itemId, note, schedule }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(Keys.allCases.map(\.rawValue)))
            let container = try decoder.container(keyedBy: Keys.self)
            itemId = try container.decodeUnlessAbsent(String.self, forKey: .itemId)
            note = try container.decodeUnlessAbsent(String.self, forKey: .note) ?? ""
            schedule = try container.decode(ScheduleBody.self, forKey: .schedule)
        }

        var input: AssignmentInput {
            AssignmentInput(itemID: itemId ?? "", note: note, frequency: schedule.frequency, timesPerWeek: String(schedule.timesPerWeek ?? 1),
                            weekdays: (schedule.weekdays ?? []).map(String.init), start: schedule.start, end: schedule.end ?? "")
        }
    }

    struct SkipBody: Decodable {
        var reason: String?

        private enum Keys: String, CodingKey, CaseIterable { case reason }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(Keys.allCases.map(\.rawValue)))
            reason = try decoder.container(keyedBy: Keys.self).decodeUnlessAbsent(String.self, forKey: .reason)
        }
    }

    struct ScheduleResponse: Encodable {
        var frequency: String
        var timesPerWeek: Int?
        var weekdays: [Int]?
        var start: String
        var end: String?

        init(_ schedule: AssignmentSchedule) {
            frequency = schedule.frequency.rawValue
            timesPerWeek = schedule.frequency == .timesPerWeek ? schedule.timesPerWeek : nil
            weekdays = schedule.frequency == .weekdays ? schedule.weekdays : nil
            start = schedule.start.description
            end = schedule.end?.description
        }
    }

    struct WeekResponse: Encodable {
        var weekStart: String
        var planned: Int
        var done: Int
        var minutes: Int
        var setAside: Bool

        init(_ week: AssignmentWeek) {
            weekStart = week.start.description; planned = week.planned; done = week.done; minutes = week.minutes; setAside = week.setAside
        }
    }

    struct AssignmentResponse: Encodable {
        var id: String
        var itemId: String
        var itemTitle: String
        var itemKind: String?
        var note: String
        var schedule: ScheduleResponse
        var endedOn: String?
        var state: String
        var thisWeek: WeekResponse
        var openedWeeks: Int?

        init(_ summary: AssignmentSummary) {
            id = summary.assignment.id; itemId = summary.assignment.itemID; itemTitle = summary.title; itemKind = summary.item?.kind.rawValue
            note = summary.assignment.note; schedule = ScheduleResponse(summary.assignment.schedule)
            endedOn = summary.assignment.endedOn?.description; state = summary.state.rawValue; thisWeek = WeekResponse(summary.thisWeek)
            openedWeeks = summary.item?.kind == .program ? summary.opened : nil
        }
    }

    struct ListResponse: Encodable {
        var assignments: [AssignmentResponse]
        var privacy: String?
    }

    struct AdherenceResponse: Encodable {
        struct Each: Encodable { var id: String; var itemId: String; var weeks: [WeekResponse] }
        var timeZone: String
        var summary: String
        var weeks: [WeekResponse]
        var assignments: [Each]
    }

    // MARK: Handlers

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }
    private static let expected = #"Send JSON: {"itemId": "...", "note": "...", "schedule": {"frequency": "daily", "start": "2026-05-04"}}; frequency is once, daily, times-per-week (with timesPerWeek) or weekdays (with weekdays, 1 = Monday)."#
    private static let notFound = "There is no such assignment for this client."

    private func therapistAndClient(_ request: Request, _ context: AppRequestContext, action: String) async throws -> (User, User) {
        let user = try context.requireAPIUser()
        guard user.userRole == .therapist else { throw HTTPError(.forbidden, message: "Only therapists assign.") }
        guard let client = try await services.assignments.client(context.parameters.get("id") ?? "", of: user, action: action,
                                                                 address: address(request, context)) else {
            throw HTTPError(.notFound, message: "You have no client with that id.")
        }
        return (user, client)
    }

    private func summaries(_ request: Request, _ context: AppRequestContext, therapist: User, client: User) async throws -> [AssignmentSummary] {
        let calendar = AssignmentStore.calendar(for: client)
        let today = CalendarDay(services.configuration.clock(), in: calendar)
        let since = AssignmentSchedule.weekStart(of: today, calendar: calendar).adding(days: -7 * (AssignmentSummary.weekCount - 1), in: calendar)
        let overview = try await services.assignments.overview(of: client, therapistID: therapist.id, reader: therapist, since: since,
                                                               address: address(request, context))
        return AssignmentSummary.all(overview, library: try await services.catalog.everything(), today: today, calendar: calendar)
    }

    private func one(_ id: String, _ request: Request, _ context: AppRequestContext, therapist: User, client: User) async throws -> AssignmentResponse {
        guard let summary = try await summaries(request, context, therapist: therapist, client: client).first(where: { $0.assignment.id == id }) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return AssignmentResponse(summary)
    }

    private func validated(_ body: AssignmentBody, knownItem: @escaping (String) -> Bool) throws -> (String, AssignmentSchedule) {
        let (note, schedule, problems) = body.input.validated(knownItem: knownItem)
        guard let schedule, problems.isEmpty else {
            throw HTTPError(.unprocessableContent, message: problems.map(\.message).joined(separator: " "))
        }
        return (note, schedule)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, client) = try await therapistAndClient(request, context, action: "read")
        return try Responses.json(ListResponse(assignments: try await summaries(request, context, therapist: therapist, client: client)
            .map(AssignmentResponse.init)))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, client) = try await therapistAndClient(request, context, action: "write")
        let body = try await APIRequestBody.decode(AssignmentBody.self, from: request, context: context, expected: Self.expected)
        let library = try await services.catalog.everything()
        let (note, schedule) = try validated(body) { library.item($0) != nil }
        let id = try await services.assignments.create(itemID: body.itemId ?? "", note: note, schedule: schedule, client: client,
                                                       therapist: therapist, address: address(request, context))
        return try Responses.json(try await one(id, request, context, therapist: therapist, client: client), status: .created)
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, client) = try await therapistAndClient(request, context, action: "write")
        let id = context.parameters.get("assignment") ?? ""
        let body = try await APIRequestBody.decode(AssignmentBody.self, from: request, context: context, expected: Self.expected)
        guard body.itemId == nil else {
            throw HTTPError(.unprocessableContent, message: "An assignment's item can't change; end it and assign the new item instead.")
        }
        let (note, schedule) = try validated(body) { _ in true }
        guard try await services.assignments.update(id: id, note: note, schedule: schedule, client: client, therapist: therapist,
                                                    address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return try Responses.json(try await one(id, request, context, therapist: therapist, client: client))
    }

    @Sendable func end(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, client) = try await therapistAndClient(request, context, action: "end")
        let id = context.parameters.get("assignment") ?? ""
        let today = CalendarDay(services.configuration.clock(), in: AssignmentStore.calendar(for: client))
        guard try await services.assignments.end(id: id, on: today, client: client, therapist: therapist, address: address(request, context)) else {
            throw HTTPError(.notFound, message: "There is no running assignment with that id for this client.")
        }
        return try Responses.json(try await one(id, request, context, therapist: therapist, client: client))
    }

    @Sendable func adherence(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, client) = try await therapistAndClient(request, context, action: "read")
        let summaries = try await summaries(request, context, therapist: therapist, client: client)
        let combined = Adherence.combine(summaries.map(\.weeks))
        return try Responses.json(AdherenceResponse(
            timeZone: client.timeZone ?? "UTC",
            summary: Adherence.summary(combined), weeks: combined.map(WeekResponse.init),
            assignments: summaries.map { .init(id: $0.assignment.id, itemId: $0.assignment.itemID, weeks: $0.weeks.map(WeekResponse.init)) }))
    }

    private func client(_ context: AppRequestContext) throws -> User {
        let user = try context.requireAPIUser()
        guard user.userRole == .client else { throw HTTPError(.forbidden, message: "Only clients have assignments.") }
        return user
    }

    private func mySummaries(_ request: Request, _ context: AppRequestContext, client: User) async throws -> [AssignmentSummary] {
        let calendar = AssignmentStore.calendar(for: client)
        let today = CalendarDay(services.configuration.clock(), in: calendar)
        let since = AssignmentSchedule.weekStart(of: today, calendar: calendar).adding(days: -7 * (AssignmentSummary.weekCount - 1), in: calendar)
        let overview = try await services.assignments.mine(client, since: since, address: address(request, context))
        return AssignmentSummary.all(overview, library: try await services.catalog.everything(), today: today, calendar: calendar)
    }

    @Sendable func mine(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        return try Responses.json(ListResponse(assignments: try await mySummaries(request, context, client: user).map(AssignmentResponse.init),
                                               privacy: AssignmentViews.privacySentence))
    }

    @Sendable func skip(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let id = context.parameters.get("assignment") ?? ""
        let body = try await APIRequestBody.decode(SkipBody.self, from: request, context: context,
                                                   expected: #"Send {} or {"reason": "..."} (up to 200 characters)."#)
        let reason = (body.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = AssignmentController.reasonProblem(reason) { throw HTTPError(.unprocessableContent, message: problem) }
        let calendar = AssignmentStore.calendar(for: user)
        let week = AssignmentSchedule.weekStart(of: CalendarDay(services.configuration.clock(), in: calendar), calendar: calendar)
        guard try await services.assignments.setAside(id: id, week: week, reason: reason.isEmpty ? nil : reason, client: user,
                                                      address: address(request, context)) else {
            throw HTTPError(.notFound, message: "You have no running assignment with that id.")
        }
        guard let summary = try await mySummaries(request, context, client: user).first(where: { $0.assignment.id == id }) else {
            throw HTTPError(.notFound, message: "You have no running assignment with that id.")
        }
        return try Responses.json(AssignmentResponse(summary))
    }
}
