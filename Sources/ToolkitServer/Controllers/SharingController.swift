import Foundation
import Hummingbird
import ToolkitCore

/// "What my therapist can see": exactly what a client shares, kind by kind, and the switch to
/// share or stop sharing everything of one kind.
struct SharingController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.sharing.path), use: show)
        router.post("/sharing/:kind", use: setSharesAll)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let address = address(request, context)
        async let planShared = services.safetyPlans.sharingStatus(clientIDs: [client.id]).contains(client.id)
        async let selfCarePlan = EntryTable(database: services.database, audit: services.audit, table: "self_care_plans",
                                            actionPrefix: "self-care-plan", targetType: "self-care-plan").counts(for: client)
        async let summaries = services.sessionSummaries.counts(for: client)
        var kinds: [SharingPage.Kind] = []
        for kind in services.shareableKinds {
            async let entries = kind.shared(client, address)
            async let counts = kind.counts(client)
            async let sharesAll = kind.sharesAll(client)
            kinds.append(try await SharingPage.Kind(kind: kind, entries: entries, total: counts.all, sharesAll: sharesAll))
        }
        var therapistName: String?
        if let therapistID = client.therapistId { therapistName = try await services.accounts.find(id: therapistID)?.name }
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(SharingPage.notice)
        return try await Responses.html(SharingPage(user: client, csrfToken: session.csrfToken, therapistName: therapistName,
                                                    planShared: planShared, selfCarePlanShared: selfCarePlan.shared > 0,
                                                    summariesSent: summaries.shared,
                                                    kinds: kinds, notice: notice).render())
    }

    @Sendable func setSharesAll(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        guard let key = context.parameters.get("kind"), let kind = services.shareableKind(key) else {
            throw HTTPError(.notFound, message: "There's nothing of that kind to share. What you share is listed on What my therapist can see.")
        }
        let shared = context.form["shared"] == "1"
        try await kind.setSharesAll(shared, client, address(request, context))
        // Back where the switch was pressed: the kind's own page or the sharing page.
        let back = context.form["back"] == "sharing" ? SiteURL.sharing.path : kind.listPath
        return Responses.redirect(to: back + (shared ? "?done=shared-all" : "?done=unshared-all"))
    }
}
