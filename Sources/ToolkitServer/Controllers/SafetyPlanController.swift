import Hummingbird
import ToolkitCore

/// The client's safety plan pages, and a therapist's read-only view of a shared plan.
struct SafetyPlanController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.safetyPlan.path), use: show)
        router.get(RouterPath(SiteURL.safetyPlanEdit.path), use: edit)
        router.post(RouterPath(SiteURL.safetyPlanEdit.path), use: save)
        router.get(RouterPath(SiteURL.safetyPlanVersions.path), use: versions)
        router.get(RouterPath(SiteURL.safetyPlanPrint.path), use: printPage)
        router.get(RouterPath(SiteURL.safetyPlanCard.path), use: card)
        router.post(RouterPath(SiteURL.safetyPlanSharing.path), use: setSharing)
        router.get("/clients/:id/safety-plan", use: showShared)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String {
        services.clientAddress(request, context: context)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let version = request.uri.queryParameters["version"].flatMap { Int($0) }
        let plan = try await services.safetyPlans.load(for: client, address: address(request, context), version: version)
        if version != nil && plan == nil { throw HTTPError(.notFound) }
        let notice: String? = switch request.uri.queryParameters["done"].map(String.init) {
        case "saved"?: "Your plan is saved. The earlier version is kept under Earlier versions."
        case "shared"?: "Your therapist can now see your plan."
        case "unshared"?: "Your plan is private again. Your therapist can no longer see it."
        default: nil
        }
        return Responses.html(SafetyPlanPage(user: client, csrfToken: session.csrfToken, plan: plan, notice: notice,
                                             viewingVersion: version).render())
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let current = try await services.safetyPlans.load(for: client, address: address(request, context))
        let plan = current?.plan ?? SafetyPlan()
        let offered = plan.professionals.isEmpty ? try await offeredProfessionals(for: client) : []
        return Responses.html(SafetyPlanEditPage(user: client, csrfToken: session.csrfToken, plan: plan,
                                                 idleSeconds: idleSeconds, offeredProfessionals: offered).render())
    }

    private var idleSeconds: Int { Int(services.configuration.sessionIdleTimeout) }

    /// The client's own therapist (when they have set a number) and the deployment's crisis lines.
    private func offeredProfessionals(for client: User) async throws -> [PlanContact] {
        var offered: [PlanContact] = []
        if let therapistID = client.therapistId, let therapist = try await services.accounts.find(id: therapistID),
           let contact = try await services.practiceContacts.contact(for: therapistID), !contact.phone.isEmpty {
            offered.append(.therapist(name: therapist.name, phone: contact.phone, hours: contact.hours))
        }
        return offered + services.crisisLines.lines().compactMap(PlanContact.crisisLine)
    }

    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let submitted = SafetyPlanEditPage.plan(from: context.form)
        let (plan, problems) = submitted.validatedByField()
        guard problems.isEmpty else {
            // Nothing typed is lost: the form comes back exactly as it was sent.
            return Responses.html(SafetyPlanEditPage(user: client, csrfToken: session.csrfToken, plan: submitted, problems: problems,
                                                     idleSeconds: idleSeconds).render(),
                                  status: .unprocessableContent)
        }
        _ = try await services.safetyPlans.save(plan, for: client, address: address(request, context))
        return Responses.redirect(to: SiteURL.safetyPlan.path + "?done=saved")
    }

    @Sendable func versions(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let versions = try await services.safetyPlans.versions(for: client, address: address(request, context))
        return Responses.html(SafetyPlanVersionsPage(user: client, csrfToken: session.csrfToken, versions: versions).render())
    }

    @Sendable func printPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        guard let loaded = try await services.safetyPlans.load(for: client, address: address(request, context)) else {
            return Responses.redirect(to: SiteURL.safetyPlan.path)
        }
        return Responses.html(SafetyPlanPrint.fullPage(loaded.plan, name: client.name, crisisLines: services.crisisLines.lines()))
    }

    @Sendable func card(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        guard let loaded = try await services.safetyPlans.load(for: client, address: address(request, context)) else {
            return Responses.redirect(to: SiteURL.safetyPlan.path)
        }
        return Responses.html(SafetyPlanPrint.walletCard(loaded.plan, crisisLines: services.crisisLines.lines()))
    }

    @Sendable func setSharing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        let shared = context.form["shared"] == "1"
        guard try await services.safetyPlans.setShared(shared, for: client, address: address(request, context)) else {
            throw HTTPError(.badRequest, message: "Please make your safety plan before sharing it.")
        }
        return Responses.redirect(to: SiteURL.safetyPlan.path + (shared ? "?done=shared" : "?done=unshared"))
    }

    /// A therapist sees their own client's plan only while it is shared; otherwise 404, audited as denied.
    @Sendable func showShared(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, session) = try context.requireRole(.therapist)
        guard let clientID = context.parameters.get("id"),
              let shared = try await services.safetyPlans.loadShared(clientID: clientID, therapist: therapist, address: address(request, context)) else {
            throw HTTPError(.notFound)
        }
        try await services.sharedWork.markRead(.safetyPlan, entryID: clientID, clientID: clientID, therapist: therapist)
        return Responses.html(SharedSafetyPlanPage(therapist: therapist, csrfToken: session.csrfToken,
                                                   client: shared.client, plan: shared.plan).render())
    }
}
