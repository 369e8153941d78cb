import Hummingbird
import ToolkitCore

/// "I'm struggling": a signed-in client's guided path through a hard moment. The ratings are
/// stored sealed, in the client's private history.
struct StrugglingController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.struggling.path), use: start)
        router.post(RouterPath(SiteURL.struggling.path), use: begin)
        router.get(RouterPath(SiteURL.strugglingHistory.path), use: history)
        router.get("/struggling/:id", use: flow)
        router.post("/struggling/:id", use: finish)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }

    static func rating(_ text: String) -> Int? {
        guard let value = Int(text), (0...10).contains(value) else { return nil }
        return value
    }

    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        return Responses.html(StrugglingViews.start(user: client, csrfToken: session.csrfToken))
    }

    @Sendable func begin(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        guard let rating = Self.rating(context.form["rating"]) else {
            return Responses.html(StrugglingViews.start(user: client, csrfToken: session.csrfToken,
                                                        error: "Please choose how strong the distress is, from 0 to 10, then press Next. A rough guess is fine."),
                                  status: .unprocessableContent)
        }
        let id = try await services.checkIns.start(before: rating, for: client, address: address(request, context))
        return Responses.redirect(to: SiteURL.strugglingCheckIn(id).path)
    }

    private var threshold: Int { services.configuration.highDistressThreshold }

    @Sendable func flow(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let flow = try await loadFlow(request, context, client: client)
        return Responses.html(StrugglingViews.flow(user: client, csrfToken: session.csrfToken, flow: flow))
    }

    /// The check-in's first rating decides the order; a check-in that isn't the client's is 404.
    private func loadFlow(_ request: Request, _ context: AppRequestContext, client: User) async throws -> StrugglingViews.Flow {
        guard let id = context.parameters.get("id"),
              let ratings = try await services.checkIns.ratings(id: id, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: "We couldn't find that check-in. You can start a new one from the I'm struggling page.")
        }
        async let plan = services.safetyPlans.load(for: client, address: address(request, context))?.plan
        async let criticLines = services.criticAnswers.all(for: client, address: address(request, context))
        return try await StrugglingViews.Flow(
            checkInID: id, response: DistressResponse.forRating(ratings.before, threshold: threshold),
            grounding: services.library.item("grounding-5-4-3-2-1"),
            breakItem: services.library.item("one-minute-self-compassion-break"),
            plan: plan, lines: services.crisisLines.lines(),
            criticScript: CriticAnswer.script(criticLines.reversed().map(\.entry)))
    }

    @Sendable func finish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        guard let rating = Self.rating(context.form["rating"]) else {
            // The flow comes back as it was, with the missing rating pointed out.
            let flow = try await loadFlow(request, context, client: client)
            return Responses.html(StrugglingViews.flow(user: client, csrfToken: session.csrfToken, flow: flow,
                                                       error: "Please choose how strong the distress is now, from 0 to 10, then press Done. A rough guess is fine."),
                                  status: .unprocessableContent)
        }
        guard let id = context.parameters.get("id"),
              try await services.checkIns.finish(id: id, after: rating, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: "We couldn't find that check-in. You can start a new one from the I'm struggling page.")
        }
        return Responses.redirect(to: SiteURL.strugglingHistory.path + "?done=1")
    }

    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let entries = try await services.checkIns.history(for: client, address: address(request, context))
        var ending: StrugglingViews.Ending?
        if request.uri.queryParameters["done"] != nil, let latest = entries.first, let after = latest.ratings.after {
            let response = DistressResponse.afterCheckIn(before: latest.ratings.before, after: after, threshold: threshold)
            let plan = response == .steppedUp ? try await services.safetyPlans.load(for: client, address: address(request, context))?.plan : nil
            ending = .init(ratings: latest.ratings, response: response, plan: plan, lines: services.crisisLines.lines())
        }
        return Responses.html(StrugglingViews.history(user: client, csrfToken: session.csrfToken, entries: entries, ending: ending))
    }
}
