import Foundation
import Hummingbird
import ToolkitCore

/// The safety plan over the JSON API: the client's own plan, its versions and sharing, and a
/// therapist's read of a client's shared plan.
struct SafetyPlanAPIController {
    let services: AppServices

    struct PlanResponse: Encodable {
        var version: Int
        var updatedAt: Date
        var shared: Bool
        var plan: SafetyPlan
    }

    struct VersionList: Encodable { var versions: [SafetyPlanStore.VersionSummary] }
    struct SharingResponse: Encodable { var shared: Bool }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/me/safety-plan", use: show)
        router.put("/api/v1/me/safety-plan", use: replace)
        router.get("/api/v1/me/safety-plan/versions", use: versions)
        router.put("/api/v1/me/safety-plan/sharing", use: sharing)
        router.get("/api/v1/clients/:id/safety-plan", use: showShared)
    }

    private func client(_ context: AppRequestContext) throws -> User {
        let user = try context.requireAPIUser()
        guard user.userRole == .client else { throw HTTPError(.forbidden, message: "Only clients have a safety plan of their own.") }
        return user
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }

    /// Kept as sent until the next write, like a signed-in page (see PersonalPageCache): every
    /// serving of the kept answer appends its audit record again, durably, before it is sent.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let address = address(request, context)
        let key = ["api/me/safety-plan", user.id, address].joined(separator: "|")
        let body = try await services.personalPages.page(key, generation: context.contentGeneration) {
            guard let loaded = try await services.safetyPlans.load(for: user, address: address) else {
                throw HTTPError(.notFound, message: "You haven't made a safety plan yet. PUT one to /api/v1/me/safety-plan.")
            }
            return try Responses.jsonText(PlanResponse(version: loaded.version, updatedAt: loaded.updatedAt, shared: loaded.shared, plan: loaded.plan))
        }
        return Responses.json(body)
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let submitted = try await APIRequestBody.decode(APIRequestBodies.SafetyPlanBody.self, from: request, context: context,
                                           expected: "Send the plan as JSON: warningSigns, copingStrategies, distractions, peopleToAsk, professionals, saferSurroundings and reasonsForLiving as lists of strings, and reflection {likelihood, obstacles, whereKept}.").plan
        let (plan, problems) = submitted.validated()
        guard problems.isEmpty else { return Responses.jsonError(.unprocessableContent, problems.joined(separator: " ")) }
        let saved = try await services.safetyPlans.save(plan, for: user, address: address(request, context))
        return try Responses.json(PlanResponse(version: saved.version, updatedAt: saved.updatedAt, shared: saved.shared, plan: saved.plan))
    }

    @Sendable func versions(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        return try Responses.json(VersionList(versions: try await services.safetyPlans.versions(for: user, address: address(request, context))))
    }

    @Sendable func sharing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let body = try await APIRequestBody.decode(APIRequestBodies.Sharing.self, from: request, context: context,
                                           expected: "Send {\"shared\": true} or {\"shared\": false}.")
        guard try await services.safetyPlans.setShared(body.shared, for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: "You haven't made a safety plan yet, so there is nothing to share.")
        }
        return try Responses.json(SharingResponse(shared: body.shared))
    }

    @Sendable func showShared(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireAPIUser()
        guard user.userRole == .therapist, let clientID = context.parameters.get("id"),
              let shared = try await services.safetyPlans.loadShared(clientID: clientID, therapist: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: "No shared safety plan is available for that client.")
        }
        return try Responses.json(PlanResponse(version: shared.plan.version, updatedAt: shared.plan.updatedAt,
                                               shared: true, plan: shared.plan.plan))
    }
}
