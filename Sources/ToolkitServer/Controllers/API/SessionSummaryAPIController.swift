import Foundation
import Hummingbird
import ToolkitCore

/// Summaries before a session over the JSON API, for the client: preview one (nothing kept),
/// send one, list, read and take back what was sent. The same builder and rules as the page.
/// A therapist finds sent summaries among a client's shared work and reads one by its id (audited).
struct SessionSummaryAPIController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/me/session-summaries", use: list)
        router.get("/api/v1/me/session-summaries/preview", use: preview)
        router.post("/api/v1/me/session-summaries", use: send)
        router.get("/api/v1/me/session-summaries/:id", use: show)
        router.delete("/api/v1/me/session-summaries/:id", use: takeBack)
        router.get("/api/v1/clients/:id/session-summaries/:summary", use: showShared)
    }

    /// `POST /api/v1/me/session-summaries`: the first day, the parts to leave out, a note.
    struct SendBody: Decodable {
        var from: String
        var leaveOut: [SessionSummary.Part]
        var note: String

        private enum Keys: String, CodingKey, CaseIterable { case from, leaveOut, note }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(Keys.allCases.map(\.rawValue)))
            let container = try decoder.container(keyedBy: Keys.self)
            from = try container.decode(String.self, forKey: .from)
            leaveOut = try container.decodeUnlessAbsent([SessionSummary.Part].self, forKey: .leaveOut) ?? []
            note = try container.decodeUnlessAbsent(String.self, forKey: .note) ?? ""
        }
    }

    struct Sent: Encodable {
        var id: String
        var sentAt: Date
        var shared: Bool
        var summary: SessionSummary
    }

    static let expected = "Send {\"from\": \"YYYY-MM-DD\", \"leaveOut\": [\"ratings\"], \"note\": \"...\"}; leaveOut and note are optional, "
        + "and leaveOut takes any of assignments, practice, ratings, shared."

    private func client(_ context: AppRequestContext) throws -> User {
        let user = try context.requireAPIUser()
        guard user.userRole == .client else { throw HTTPError(.forbidden, message: "Summaries before a session are written by clients.") }
        guard user.therapistId != nil else {
            throw HTTPError(.conflict, message: "A summary goes to your therapist, and your account isn't linked to one yet.")
        }
        return user
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }

    /// The request checked against the client's today; a 422 naming every problem otherwise.
    private func checked(from: String, leaveOut: Set<SessionSummary.Part>, note: String, client: User)
        throws -> (request: SessionSummaryRequest, today: CalendarDay, calendar: Calendar) {
        let calendar = AssignmentStore.calendar(for: client)
        let today = CalendarDay(services.configuration.clock(), in: calendar)
        guard let day = CalendarDay(from) else {
            throw HTTPError(.unprocessableContent, message: "\"from\" should be a day written as YYYY-MM-DD, for example the day of the last session.")
        }
        let request = SessionSummaryRequest(from: day, leftOut: leaveOut, note: note)
        let problems = request.problems(today: today, calendar: calendar)
        guard problems.isEmpty else { throw HTTPError(.unprocessableContent, message: problems.map(\.message).joined(separator: " ")) }
        return (request, today, calendar)
    }

    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let query = request.uri.queryParameters
        let leaveOut = try (query["leaveOut"].map(String.init) ?? "").split(separator: ",").map { name in
            guard let part = SessionSummary.Part(rawValue: String(name)) else {
                throw HTTPError(.badRequest, message: "\"leaveOut\" takes a comma-separated list of assignments, practice, ratings, shared.")
            }
            return part
        }
        let calendar = AssignmentStore.calendar(for: user)
        let today = CalendarDay(services.configuration.clock(), in: calendar)
        var from = query["from"].map(String.init) ?? ""
        if from.isEmpty {
            let last = try await services.sessionSummaries.page(for: user, address: address(request, context)).entries.first?.entry.through
            from = SessionSummaryRequest.defaultFrom(lastThrough: last, today: today, calendar: calendar).description
        }
        let checked = try checked(from: from, leaveOut: Set(leaveOut), note: "", client: user)
        let summary = try await services.sessionSummaryBuilder.summary(for: user, request: checked.request, today: checked.today,
                                                                       calendar: checked.calendar, address: address(request, context))
        return try Responses.json(summary)
    }

    @Sendable func send(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let body = try await APIRequestBody.decode(SendBody.self, from: request, context: context, expected: Self.expected)
        let checked = try checked(from: body.from, leaveOut: Set(body.leaveOut), note: body.note, client: user)
        let summary = try await services.sessionSummaryBuilder.summary(for: user, request: checked.request, today: checked.today,
                                                                       calendar: checked.calendar, address: address(request, context))
        let id = try await services.sessionSummaries.create(summary, for: user, address: address(request, context), shared: true)
        return try Responses.json(Sent(id: id, sentAt: services.configuration.clock(), shared: true, summary: summary), status: .created)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let page = try await services.sessionSummaries.page(for: user, before: request.uri.queryParameters["before"].map(String.init),
                                                            address: address(request, context))
        return try Responses.json(["summaries": page.entries.map { Sent(id: $0.id, sentAt: $0.createdAt, shared: $0.shared, summary: $0.entry) }])
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        guard let loaded = try await services.sessionSummaries.load(id: context.parameters.get("id") ?? "", for: user,
                                                                     address: address(request, context)) else {
            throw HTTPError(.notFound, message: "You have no summary with that id.")
        }
        return try Responses.json(Sent(id: loaded.id, sentAt: loaded.createdAt, shared: loaded.shared, summary: loaded.entry))
    }

    /// The therapist's read of a summary their client sent: audited with the client as subject.
    @Sendable func showShared(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireAPIUser()
        guard user.userRole == .therapist else { throw HTTPError(.forbidden, message: "Only therapists have clients.") }
        guard let found = try await services.sessionSummaries.sharedEntry(id: context.parameters.get("summary") ?? "",
                                                                           clientID: context.parameters.get("id") ?? "",
                                                                           therapist: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: "None of your clients shares a summary with that id.")
        }
        try await services.sharedWork.markRead(.sessionSummary, entryID: found.entry.id, clientID: found.client.id, therapist: user)
        return try Responses.json(Sent(id: found.entry.id, sentAt: found.entry.createdAt, shared: true, summary: found.entry.entry))
    }

    @Sendable func takeBack(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        guard try await services.sessionSummaries.delete(id: context.parameters.get("id") ?? "", for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: "You have no summary with that id.")
        }
        return Response(status: .noContent)
    }
}
