import Foundation
import Hummingbird
import ToolkitCore

/// The therapist's workspace: the roster of their clients, one client's shared work, and each
/// shared item opened read-only; and, for the client, "Who saw my data". A therapist reaches only
/// their own clients and only what those clients share right now (404 for anything else, audited
/// as denied); every read of content is audited, with the client as subject, before it is served.
struct ClientWorkController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.clients.path), use: roster)
        router.get("/clients/:id", use: client)
        router.get("/clients/:id/shared/:kind/:entry", use: item)
        router.get(RouterPath(SiteURL.accountAccess.path), use: access)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }

    @Sendable func roster(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, session) = try context.requireRole(.therapist)
        // Opened many times a day, changed only by writes: kept rendered until the next (see PersonalPageCache).
        let key = PersonalPageCache.key("roster", session: session, address: address(request, context), now: services.configuration.clock())
        return try await Responses.html(services.personalPages.page(key, generation: context.contentGeneration) {
            try await rosterPage(therapist: therapist, session: session)
        })
    }

    private func rosterPage(therapist: User, session: Session) async throws -> String {
        let entries = try await services.sharedWork.roster(therapistID: therapist.id)
        let now = services.configuration.clock()
        // Assignment counts are the point of assigning: the therapist sees done against planned.
        let assignments = try await services.assignments.completedThisWeek(forClientsOf: therapist.id, now: now)
        // Flagged, so the therapist knows: an administrator opened a client's plan in an emergency.
        let emergencies = try await services.emergencyAccess.recent(forClientsOf: therapist.id)
        let sharingPlans = try await services.safetyPlans.sharingStatus(clientIDs: entries.map(\.id))
        let rows = entries.map { entry in
            var row = RosterPage.Row(entry, now: now, calendar: DisplayTime.calendar, assignments: assignments[entry.id])
            row.emergencyAccessDay = emergencies[entry.id].map { DisplayTime.dayText($0) }
            row.sharesSafetyPlan = sharingPlans.contains(entry.id)
            return row
        }
        return RosterPage(therapist: therapist, csrfToken: session.csrfToken, rows: rows).render()
    }

    @Sendable func client(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, session) = try context.requireRole(.therapist)
        let page = Self.pageNumber(request)
        guard let found = try await services.sharedWork.items(clientID: context.parameters.get("id") ?? "", therapist: therapist,
                                                              page: page, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.html(ClientWorkPage(therapist: therapist, csrfToken: session.csrfToken, client: found.client,
                                             items: found.page, pageNumber: page, calendar: DisplayTime.calendar).render())
    }

    /// Opens one shared item read-only and marks it read for this therapist.
    @Sendable func item(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, session) = try context.requireRole(.therapist)
        let clientID = context.parameters.get("id") ?? ""
        let entryID = context.parameters.get("entry") ?? ""
        guard let kind = context.parameters.get("kind").flatMap(SharedWorkKind.init(rawValue:)),
              let shown = try await SharedItemReader(services: services, therapist: therapist, csrfToken: session.csrfToken,
                                                     address: address(request, context))
                .open(kind, clientID: clientID, entryID: entryID) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        try await services.sharedWork.markRead(kind, entryID: entryID, clientID: clientID, therapist: therapist)
        return Responses.html(shown)
    }

    /// "Who saw my data": every read of this client's writing by someone else, newest first.
    @Sendable func access(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, session) = try context.requireRole(.client)
        let before = request.uri.queryParameters["before"].flatMap { Int64($0) }
        let page = try await services.sharedWork.accesses(subjectID: user.id, before: before)
        return Responses.html(AccessPage(user: user, csrfToken: session.csrfToken, page: page, isFirstPage: before == nil).render())
    }

    static let notFound = "There's nothing shared with you at that address. Your clients' shared work is listed under My clients."

    static func pageNumber(_ request: Request) -> Int {
        min(max(0, request.uri.queryParameters["page"].flatMap { Int($0) } ?? 0), 100_000)
    }
}

extension AppServices {
    /// Shared items, read marks and the audit trail's reads by others: ids and times only.
    var sharedWork: SharedWorkStore { SharedWorkStore(database: database, audit: audit) }
}
