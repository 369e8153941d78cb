import Foundation
import Hummingbird
import ToolkitCore

/// Goals, progress over perfection: a goal tied to a value, a ladder of small steps marked not
/// started, partly or done, and a setback reflection offered when a step slips.
struct GoalsController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.goals.path), use: list)
        router.post(RouterPath(SiteURL.goals.path), use: create)
        router.get(RouterPath(SiteURL.goalsNew.path), use: new)
        router.get("/goals/:id", use: show)
        router.post("/goals/:id", use: update)
        router.get("/goals/:id/edit", use: edit)
        router.post("/goals/:id/steps/:step", use: step)
        router.get("/goals/:id/reflection", use: reflection)
        router.post("/goals/:id/reflection", use: reflect)
        router.post("/goals/:id/delete", use: delete)
        router.post("/goals/:id/sharing", use: setSharing)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }
    private var idleSeconds: Int { Int(services.configuration.sessionIdleTimeout) }
    static let notFound = "We couldn't find that goal. It may have been deleted; your other goals are on the goals page."

    private func goalID(_ context: AppRequestContext) throws -> String {
        guard let id = context.parameters.get("id") else { throw HTTPError(.notFound, message: Self.notFound) }
        return id
    }

    private func load(_ request: Request, _ context: AppRequestContext, _ client: User) async throws -> GoalStore.Loaded {
        guard let loaded = try await services.goals.load(id: try goalID(context), for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return loaded
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let before = request.uri.queryParameters["before"].map(String.init)
        let page = try await services.goals.page(for: client, before: before, address: address(request, context))
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(GoalsViews.notice)
        return Responses.html(GoalsViews.list(user: client, csrfToken: session.csrfToken, page: page, notice: notice, isFirstPage: before == nil))
    }

    @Sendable func new(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        return Responses.html(GoalsViews.edit(user: client, csrfToken: session.csrfToken, goal: Goal(), id: nil, idleSeconds: idleSeconds))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let submitted = GoalsViews.goal(from: context.form)
        var (goal, problems) = submitted.validated()
        guard problems.isEmpty else {
            return Responses.html(GoalsViews.edit(user: client, csrfToken: session.csrfToken, goal: submitted, id: nil, idleSeconds: idleSeconds,
                                                  problems: problems), status: .unprocessableContent)
        }
        goal = Goal().revised(to: goal, newID: Randomness.identifier)
        let id = try await services.goals.create(goal, for: client, address: address(request, context))
        return Responses.redirect(to: SiteURL.goal(id).path + "?done=saved")
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let loaded = try await load(request, context, client)
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(GoalsViews.notice)
        return Responses.html(GoalsViews.show(user: client, csrfToken: session.csrfToken, loaded: loaded, notice: notice))
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let loaded = try await load(request, context, client)
        return Responses.html(GoalsViews.edit(user: client, csrfToken: session.csrfToken, goal: loaded.entry, id: loaded.id, idleSeconds: idleSeconds))
    }

    /// Rewrites the goal and its ladder; each step's progress and every reflection stay as saved.
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let id = try goalID(context)
        let submitted = GoalsViews.goal(from: context.form)
        let (edited, problems) = submitted.validated()
        guard problems.isEmpty else {
            return Responses.html(GoalsViews.edit(user: client, csrfToken: session.csrfToken, goal: submitted, id: id, idleSeconds: idleSeconds,
                                                  problems: problems), status: .unprocessableContent)
        }
        guard try await services.goals.modify(id: id, for: client, address: address(request, context), { saved in
            saved.revised(to: edited, newID: Randomness.identifier)
        }) != nil else { throw HTTPError(.notFound, message: Self.notFound) }
        return Responses.redirect(to: SiteURL.goal(id).path + "?done=saved")
    }

    /// One step's progress, changed from what is saved now. When the step slipped, a setback
    /// reflection is offered next (never required).
    @Sendable func step(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let id = try goalID(context)
        let stepID = context.parameters.get("step") ?? ""
        let change: Goal.StepChange
        if let progress = Goal.Progress(rawValue: context.form["progress"]) {
            change = .progress(progress)
        } else if context.form.has("missed") {
            change = .missed(context.form["missed"] == "1")
        } else {
            let loaded = try await load(request, context, client)
            return Responses.html(GoalsViews.show(user: client, csrfToken: session.csrfToken, loaded: loaded, notice: nil,
                                                  problem: "Please choose not started, partly or done for the step."),
                                  status: .unprocessableContent)
        }
        guard let changed = try await services.goals.modify(id: id, for: client, address: address(request, context), { saved in
            var goal = saved
            return goal.apply(change, toStep: stepID) ? goal : nil
        }), changed.after.steps.contains(where: { $0.id == stepID }) else { throw HTTPError(.notFound, message: Self.notFound) }
        if let slipped = Goal.setbackStep(from: changed.before, to: changed.after) {
            return Responses.redirect(to: SiteURL.goalReflection(id).path + "?step=" + slipped.id)
        }
        return Responses.redirect(to: SiteURL.goal(id).path + "?done=progress#step-" + stepID)
    }

    @Sendable func reflection(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let loaded = try await load(request, context, client)
        let stepID = request.uri.queryParameters["step"].map(String.init)
        let stepText = loaded.entry.steps.first { $0.id == stepID }?.text ?? ""
        return Responses.html(GoalsViews.reflection(user: client, csrfToken: session.csrfToken, goalID: loaded.id, title: loaded.entry.title,
                                                    reflection: SetbackReflection(stepText: stepText), offered: stepID != nil,
                                                    idleSeconds: idleSeconds))
    }

    @Sendable func reflect(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let id = try goalID(context)
        var submitted = GoalsViews.reflection(from: context.form)
        submitted.writtenAt = services.configuration.clock()
        let (reflection, problems) = submitted.validated()
        guard problems.isEmpty else {
            return Responses.html(GoalsViews.reflection(user: client, csrfToken: session.csrfToken, goalID: id, title: context.form["goalTitle"],
                                                        reflection: submitted, offered: false, idleSeconds: idleSeconds, problems: problems),
                                  status: .unprocessableContent)
        }
        guard try await services.goals.modify(id: id, for: client, address: address(request, context), { saved in
            var goal = saved
            goal.reflections.append(reflection)
            return goal
        }) != nil else { throw HTTPError(.notFound, message: Self.notFound) }
        return Responses.redirect(to: SiteURL.goal(id).path + "?done=reflected")
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        guard try await services.goals.delete(id: try goalID(context), for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.goals.path + "?done=deleted")
    }

    @Sendable func setSharing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        let id = try goalID(context)
        let shared = context.form["shared"] == "1"
        guard try await services.goals.setShared(shared, id: id, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.goal(id).path + (shared ? "?done=shared" : "?done=unshared"))
    }
}
