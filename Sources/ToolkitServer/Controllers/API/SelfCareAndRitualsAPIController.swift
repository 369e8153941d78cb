import Foundation
import Hummingbird
import ToolkitCore

/// The self-care plan and the daily rituals over the JSON API: each is one living document per
/// client, changed from what is saved now (never from a copy a device read earlier), sealed at
/// rest, every read and write audited, as on the web pages.
struct SelfCareAndRitualsAPIController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/me/self-care-plan", use: showPlan)
        router.put("/api/v1/me/self-care-plan", use: replacePlan)
        router.delete("/api/v1/me/self-care-plan", use: deletePlan)
        router.put("/api/v1/me/self-care-plan/sharing", use: sharePlan)
        router.get("/api/v1/me/rituals", use: showRituals)
        router.post("/api/v1/me/rituals", use: addRitual)
        router.put("/api/v1/me/rituals/:id", use: changeRitual)
        router.put("/api/v1/me/rituals/:id/days/:day", use: markRitual)
    }

    private func client(_ context: AppRequestContext) throws -> User {
        let user = try context.requireAPIUser()
        guard user.userRole == .client else { throw HTTPError(.forbidden, message: "Only clients keep a self-care plan and rituals.") }
        return user
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }
    private var calendar: Calendar { ClientCalendar.calendar(in: DisplayTime.calendar.timeZone) }
    private var planFields: [WorksheetField] { services.library.item(SelfCarePlan.libraryItemID)?.fields ?? [] }

    // MARK: The self-care plan

    struct PlanResponse: Encodable {
        var version: Int
        var createdAt: Date
        var updatedAt: Date
        var shared: Bool
        /// The plan's answers by the worksheet's field ids, under `values`.
        var answers: SelfCareAnswers
    }

    /// `PUT /api/v1/me/self-care-plan`: `{"answers": {"values": {"<field id>": "text", ...}}}`.
    struct PlanBody: Decodable {
        var answers: SelfCareAnswers

        private enum Keys: String, CodingKey, CaseIterable { case answers }
        private enum AnswerKeys: String, CodingKey, CaseIterable { case values }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(Keys.allCases.map(\.rawValue)))
            let container = try decoder.container(keyedBy: Keys.self)
            let answers = try container.superDecoder(forKey: .answers)
            try answers.rejectUnknownProperties(allowed: Set(AnswerKeys.allCases.map(\.rawValue)))
            let values = try answers.container(keyedBy: AnswerKeys.self)
            self.answers = SelfCareAnswers(try values.decode([String: String].self, forKey: .values))
        }
    }

    private static let noPlan = "You haven't written a self-care plan yet. PUT one to /api/v1/me/self-care-plan."

    private func planResponse(_ user: User, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard let loaded = try await services.selfCarePlans.load(for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.noPlan)
        }
        return try Responses.json(PlanResponse(version: loaded.version, createdAt: loaded.createdAt, updatedAt: loaded.updatedAt,
                                               shared: loaded.shared, answers: loaded.document))
    }

    @Sendable func showPlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await planResponse(try client(context), request, context)
    }

    @Sendable func replacePlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let fields = planFields
        let submitted = try await APIRequestBody.decode(PlanBody.self, from: request, context: context,
                                                        expected: "Send {\"answers\": {\"values\": {\"<field id>\": \"your answer\"}}} with the self-care-plan worksheet's field ids.").answers
        let (answers, problems) = submitted.validated(against: fields)
        var messages = problems.map(\.message)
        let unknown = submitted.values.keys.filter { id in !fields.contains { $0.id == id } }.sorted()
        if !unknown.isEmpty {
            messages.append("The self-care plan has no question " + unknown.map { "\"\($0)\"" }.joined(separator: ", ")
                            + ". Its questions are " + fields.map { "\"\($0.id)\"" }.joined(separator: ", ") + ".")
        }
        guard messages.isEmpty else { return Responses.jsonError(.unprocessableContent, messages.joined(separator: " ")) }
        // The whole plan is sent at once: what was sent replaces what was saved.
        try await services.selfCarePlans.modify(for: user, address: address(request, context), empty: SelfCareAnswers()) { _ in
            .save(answers, ())
        }
        return try await planResponse(user, request, context)
    }

    @Sendable func deletePlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        guard try await services.selfCarePlans.delete(for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.noPlan)
        }
        return Response(status: .noContent)
    }

    @Sendable func sharePlan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let body = try await APIRequestBody.decode(APIRequestBodies.Sharing.self, from: request, context: context,
                                                   expected: "Send {\"shared\": true} or {\"shared\": false}.")
        guard try await services.selfCarePlans.setShared(body.shared, for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.noPlan)
        }
        return try await planResponse(user, request, context)
    }

    // MARK: Rituals

    struct RitualsResponse: Encodable {
        /// The client's today, where they live: the day a tick for "today" goes on.
        var today: CalendarDay
        /// Days with at least one ritual done, ever: it only grows.
        var practiceDays: Int
        /// True after a gap, with a message to show; never a count of missed days.
        var welcomeBack: String?
        var rituals: [RitualPlan.Ritual]
    }

    /// `POST /api/v1/me/rituals`: `{"text": "..."}`, in the client's words or a menu item's.
    enum TextProperty: APIPropertyName { static let name = "text" }
    typealias AddBody = SingleProperty<TextProperty, String>
    /// `PUT /api/v1/me/rituals/{id}`: `{"retired": true}` puts a ritual aside (its days stay counted).
    enum RetiredProperty: APIPropertyName { static let name = "retired" }
    typealias ChangeBody = SingleProperty<RetiredProperty, Bool>
    /// `PUT /api/v1/me/rituals/{id}/days/{day}`: `{"done": true}` or `{"done": false}`.
    enum DoneProperty: APIPropertyName { static let name = "done" }
    typealias MarkBody = SingleProperty<DoneProperty, Bool>

    private func ritualsResponse(_ plan: RitualPlan, today: CalendarDay, calendar: Calendar) throws -> Response {
        try Responses.json(RitualsResponse(today: today, practiceDays: plan.cumulativeDays,
                                           welcomeBack: plan.welcomesBack(today: today, calendar: calendar) ? RitualPlan.welcomeBackMessage : nil,
                                           rituals: plan.rituals))
    }

    @Sendable func showRituals(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let calendar = self.calendar
        let plan = try await services.rituals.load(for: user, address: address(request, context))?.document ?? RitualPlan()
        return try ritualsResponse(plan, today: ClientCalendar.today(services, in: calendar), calendar: calendar)
    }

    /// Applies one change to the latest saved rituals and answers with the plan as saved; a change
    /// that can't be made answers 422 (404 for a ritual that isn't the client's) and keeps the plan.
    private func apply(_ change: RitualPlan.Change, status: HTTPResponse.Status = .ok,
                       _ request: Request, _ context: AppRequestContext, _ user: User) async throws -> Response {
        let calendar = self.calendar
        let today = ClientCalendar.today(services, in: calendar)
        let (plan, problems) = try await services.rituals.modify(for: user, address: address(request, context), empty: RitualPlan()) { plan in
            var changed = plan
            let problems = changed.apply(change, today: today, calendar: calendar)
            return problems.isEmpty ? .save(changed, (changed, [RitualPlan.Problem]())) : .keep((plan, problems))
        }
        if let missing = problems.first(where: { $0.field == RitualPlan.missingField }) {
            return Responses.jsonError(.notFound, missing.message)
        }
        guard problems.isEmpty else { return Responses.jsonError(.unprocessableContent, problems.map(\.message).joined(separator: " ")) }
        var response = try ritualsResponse(plan, today: today, calendar: calendar)
        response.status = status
        return response
    }

    @Sendable func addRitual(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let text = try await APIRequestBody.decode(AddBody.self, from: request, context: context,
                                                   expected: "Send {\"text\": \"a small daily ritual\"}.").value
        let menu = RitualMenu(clientText: services.library.item(RitualMenu.libraryItemID)?.clientText ?? [])
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        // A ritual worded exactly as one on the library's menu joins that menu group.
        let group = menu.groups.first { $0.items.contains { $0.caseInsensitiveCompare(trimmed) == .orderedSame } }?.title ?? ""
        return try await apply(.add(id: Randomness.identifier(), text: text, group: group), status: .created, request, context, user)
    }

    @Sendable func changeRitual(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let id = context.parameters.get("id") ?? ""
        let body = try await APIRequestBody.decode(ChangeBody.self, from: request, context: context,
                                                   expected: "Send {\"retired\": true} to put the ritual aside, or {\"retired\": false} to bring it back.")
        return try await apply(body.value ? .retire(ritualID: id) : .restore(ritualID: id), request, context, user)
    }

    @Sendable func markRitual(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let id = context.parameters.get("id") ?? ""
        guard let day = CalendarDay(context.parameters.get("day") ?? "") else {
            return Responses.jsonError(.badRequest, "The day is a date such as 2026-12-02.")
        }
        let body = try await APIRequestBody.decode(MarkBody.self, from: request, context: context,
                                                   expected: "Send {\"done\": true} or {\"done\": false}.")
        return try await apply(.mark(ritualID: id, day: day, done: body.value), request, context, user)
    }
}
