import Foundation
import Hummingbird
import ToolkitCore

/// The therapist's workspace and "Who saw my data" over the JSON API: the same rules and the same
/// statements as the pages. Ids, kinds, days and flags only; never anything a client wrote.
struct ClientWorkAPIController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.apiClients.path), use: roster)
        router.get("/api/v1/clients/:id/shared", use: shared)
        router.get(RouterPath(SiteURL.apiMyAccess.path), use: access)
    }

    struct RosterClient: Encodable {
        var id: String
        var name: String
        /// "2026-12-02" in the therapist's zone; absent when nothing is shared.
        var lastActiveDay: String?
        var newlyShared: Int
        var missedWeek: Bool
        /// Filled in by the assignments feature; absent until it exists.
        var completedAssignmentsThisWeek: Int?
    }

    struct SharedItem: Encodable {
        var kind: String
        var id: String
        var changedOn: String
        var unread: Bool
    }

    struct SharedPage: Encodable {
        var items: [SharedItem]
        /// Pass as `page` for older items; absent on the last page.
        var olderPage: Int?
    }

    struct AccessEntry: Encodable {
        var who: String
        var role: String?
        var what: String
        var at: Date
    }

    struct AccessList: Encodable {
        var accesses: [AccessEntry]
        var olderBefore: Int64?
    }

    private func therapist(_ context: AppRequestContext) throws -> User {
        let user = try context.requireAPIUser()
        guard user.userRole == .therapist else { throw HTTPError(.forbidden, message: "Only therapists have clients.") }
        return user
    }

    @Sendable func roster(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try therapist(context)
        let calendar = DisplayTime.calendar
        let now = services.configuration.clock()
        let assignments = try await services.assignments.completedThisWeek(forClientsOf: user.id, now: now)
        let rows = try await services.sharedWork.roster(therapistID: user.id)
            .map { RosterPage.Row($0, now: now, calendar: calendar, assignments: assignments[$0.id]) }
        return try Responses.json(["clients": rows.map { row in
            RosterClient(id: row.id, name: row.name, lastActiveDay: row.lastActiveISODay, newlyShared: row.newlyShared,
                         missedWeek: row.missedWeek, completedAssignmentsThisWeek: row.completedAssignmentsThisWeek)
        }])
    }

    @Sendable func shared(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try therapist(context)
        let page = ClientWorkController.pageNumber(request)
        guard let found = try await services.sharedWork.items(clientID: context.parameters.get("id") ?? "", therapist: user, page: page,
                                                              address: services.clientAddress(request, context: context)) else {
            throw HTTPError(.notFound, message: "You have no client with that id.")
        }
        let calendar = DisplayTime.calendar
        return try Responses.json(SharedPage(
            items: found.page.items.map { SharedItem(kind: $0.kind.rawValue, id: $0.entryID, changedOn: RosterRules.isoDay($0.changedAt, in: calendar),
                                                     unread: $0.unread) },
            olderPage: found.page.hasOlder ? page + 1 : nil))
    }

    @Sendable func access(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try context.requireAPIUser()
        guard user.userRole == .client else { throw HTTPError(.forbidden, message: "This list is kept for clients.") }
        let page = try await services.sharedWork.accesses(subjectID: user.id, before: request.uri.queryParameters["before"].flatMap { Int64($0) })
        return try Responses.json(AccessList(
            accesses: page.accesses.map { AccessEntry(who: $0.actorName ?? "A former account", role: $0.actorRole, what: AccessPage.what($0), at: $0.at) },
            olderBefore: page.olderBefore))
    }
}
