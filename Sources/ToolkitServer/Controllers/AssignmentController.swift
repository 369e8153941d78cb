import Foundation
import Hummingbird
import ToolkitCore

/// Assignments: a therapist assigns library items, worksheets and programs to their own clients
/// and follows the progress; a client sees what was assigned and can set a week aside. Completing
/// happens by itself when the client saves the practice or worksheet (see PracticeLogController
/// and WorksheetController). Days and weeks are always the client's, in the client's time zone.
struct AssignmentController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/clients/:id/assignments", use: list)
        router.post("/clients/:id/assignments", use: create)
        router.get("/clients/:id/assignments/:assignment", use: show)
        router.post("/clients/:id/assignments/:assignment", use: update)
        router.post("/clients/:id/assignments/:assignment/end", use: end)
        router.get("/clients/:id/progress", use: progress)
        router.get(RouterPath(SiteURL.assignments.path), use: mine)
        router.post("/assignments/:assignment/not-this-week", use: setAside)
        router.get("/library/:id/assign", use: chooseClient)
    }

    static let notFound = "We couldn't find that assignment. It may belong to another client; your clients' assignments are on their pages."

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }

    /// The therapist and their own client; 404 (audited as denied) for anyone else's.
    private func therapistAndClient(_ request: Request, _ context: AppRequestContext, action: String) async throws -> (User, Session, User) {
        let (therapist, session) = try context.requireRole(.therapist)
        guard let client = try await services.assignments.client(context.parameters.get("id") ?? "", of: therapist, action: action,
                                                                 address: address(request, context)) else {
            throw HTTPError(.notFound, message: "We couldn't find that client among yours.")
        }
        return (therapist, session, client)
    }

    private func today(_ calendar: Calendar) -> CalendarDay { CalendarDay(services.configuration.clock(), in: calendar) }

    /// The first Monday of the weeks the pages show.
    private func since(_ calendar: Calendar) -> CalendarDay {
        AssignmentSchedule.weekStart(of: today(calendar), calendar: calendar).adding(days: -7 * (AssignmentSummary.weekCount - 1), in: calendar)
    }

    private func overview(therapist: User, client: User, calendar: Calendar, withRatings: Bool,
                          address: String) async throws -> (summaries: [AssignmentSummary], ratings: [String: [PracticeRecord]]) {
        let overview = try await services.assignments.overview(of: client, therapistID: therapist.id, reader: therapist, since: since(calendar),
                                                               address: address, withSharedPractices: withRatings)
        let library = try await services.catalog.library(for: therapist.libraryViewer)
        return (AssignmentSummary.all(overview, library: library, today: today(calendar), calendar: calendar), overview.sharedPracticesByAssignment)
    }

    private func listPage(therapist: User, csrfToken: String, client: User, input: AssignmentInput, problems: [AssignmentSchedule.Problem],
                          notice: String?, address: String) async throws -> String {
        let calendar = AssignmentStore.calendar(for: client)
        let summaries = try await overview(therapist: therapist, client: client, calendar: calendar, withRatings: false, address: address).summaries
        return AssignmentTherapistViews.list(therapist: therapist, csrfToken: csrfToken, client: client, summaries: summaries, calendar: calendar,
                                             library: try await services.catalog.library(for: therapist.libraryViewer), input: input,
                                             problems: problems, notice: notice)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, session, client) = try await therapistAndClient(request, context, action: "read")
        var input = AssignmentInput(start: today(AssignmentStore.calendar(for: client)).description)
        if let item = request.uri.queryParameters["item"].map(String.init), try await services.catalog.library(for: context.user.libraryViewer).item(item) != nil { input.itemID = item }
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(AssignmentViews.notice)
        return Responses.html(try await listPage(therapist: therapist, csrfToken: session.csrfToken, client: client, input: input,
                                                 problems: [], notice: notice, address: address(request, context)))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, session, client) = try await therapistAndClient(request, context, action: "write")
        let input = AssignmentForm.input(from: context.form)
        let library = try await services.catalog.library(for: therapist.libraryViewer)
        let (note, schedule, problems) = input.validated { library.item($0) != nil }
        guard let schedule, problems.isEmpty else {
            return Responses.html(try await listPage(therapist: therapist, csrfToken: session.csrfToken, client: client, input: input,
                                                     problems: problems, notice: nil, address: address(request, context)),
                                  status: .unprocessableContent)
        }
        let id = try await services.assignments.create(itemID: input.itemID.trimmingCharacters(in: .whitespaces), note: note, schedule: schedule,
                                                       client: client, therapist: therapist, address: address(request, context))
        return Responses.redirect(to: SiteURL.clientAssignment(client.id, id).path + "?done=created")
    }

    private func showPage(therapist: User, csrfToken: String, client: User, assignmentID: String, input: AssignmentInput?,
                          problems: [AssignmentSchedule.Problem], notice: String?, address: String) async throws -> String {
        let calendar = AssignmentStore.calendar(for: client)
        let (summaries, shared) = try await overview(therapist: therapist, client: client, calendar: calendar, withRatings: true, address: address)
        guard let summary = summaries.first(where: { $0.assignment.id == assignmentID }) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        let ratings = ratingsHistory(shared, assignmentIDs: [summary.assignment.id], calendar: calendar)
        return AssignmentTherapistViews.show(
            therapist: therapist, csrfToken: csrfToken, client: client, summary: summary, ratings: ratings, calendar: calendar,
            library: try await services.catalog.library(for: therapist.libraryViewer),
            input: input ?? AssignmentInput(itemID: summary.assignment.itemID, note: summary.assignment.note, schedule: summary.assignment.schedule),
            problems: problems, notice: notice)
    }

    /// Ratings only from shared practice records that completed these assignments.
    private func ratingsHistory(_ shared: [String: [PracticeRecord]], assignmentIDs: Set<String>, calendar: Calendar) -> PracticeHistory? {
        // One practice can complete two assignments (a program and one of its practices): count it once.
        var seen = Set<String>()
        let records = assignmentIDs.flatMap { shared[$0] ?? [] }.filter { seen.insert("\($0.finishedAt.timeIntervalSince1970)|\($0.itemID)").inserted }
        guard !records.isEmpty else { return nil }
        return PracticeHistory(records: records, now: services.configuration.clock(), weekCount: AssignmentSummary.weekCount,
                               timeZone: calendar.timeZone)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, session, client) = try await therapistAndClient(request, context, action: "read")
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(AssignmentViews.notice)
        return Responses.html(try await showPage(therapist: therapist, csrfToken: session.csrfToken, client: client,
                                                 assignmentID: context.parameters.get("assignment") ?? "", input: nil, problems: [],
                                                 notice: notice, address: address(request, context)))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, session, client) = try await therapistAndClient(request, context, action: "write")
        let id = context.parameters.get("assignment") ?? ""
        var input = AssignmentForm.input(from: context.form)
        // The item of an assignment doesn't change; only the note and schedule do.
        let (note, schedule, problems) = input.validated { _ in true }
        guard let schedule, problems.isEmpty else {
            input.itemID = ""
            return Responses.html(try await showPage(therapist: therapist, csrfToken: session.csrfToken, client: client, assignmentID: id,
                                                     input: input, problems: problems, notice: nil, address: address(request, context)),
                                  status: .unprocessableContent)
        }
        guard try await services.assignments.update(id: id, note: note, schedule: schedule, client: client, therapist: therapist,
                                                    address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.clientAssignment(client.id, id).path + "?done=updated")
    }

    @Sendable func end(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, _, client) = try await therapistAndClient(request, context, action: "end")
        let id = context.parameters.get("assignment") ?? ""
        guard try await services.assignments.end(id: id, on: today(AssignmentStore.calendar(for: client)), client: client, therapist: therapist,
                                                 address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.clientAssignment(client.id, id).path + "?done=ended")
    }

    @Sendable func progress(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (_, session) = try context.requireRole(.therapist)
        // Kept rendered until the next write (see PersonalPageCache). The check that this is the
        // therapist's client is part of the render: its answer changes only by a write too, and a
        // refusal throws, so it is never kept.
        let key = PersonalPageCache.key("progress|" + (context.parameters.get("id") ?? ""), session: session,
                                        address: address(request, context), now: services.configuration.clock())
        return try await Responses.html(services.personalPages.page(key, generation: context.contentGeneration) {
            let (therapist, session, client) = try await therapistAndClient(request, context, action: "read")
            let calendar = AssignmentStore.calendar(for: client)
            let (summaries, shared) = try await overview(therapist: therapist, client: client, calendar: calendar, withRatings: true,
                                                         address: address(request, context))
            return AssignmentTherapistViews.progress(
                therapist: therapist, csrfToken: session.csrfToken, client: client, summaries: summaries,
                ratings: ratingsHistory(shared, assignmentIDs: Set(summaries.map(\.assignment.id)), calendar: calendar), calendar: calendar)
        })
    }

    /// An assignment form that arrived after the therapist's session ended (or with a stale form
    /// token), back on its page with what was typed and nothing saved (see HeldForm); nil unless
    /// the client is the therapist's own and, for a change, the assignment is still theirs.
    func resumedPage(path: String, fields: FormData, therapist: User, csrfToken: String, address: String) async throws -> String? {
        guard let (clientID, assignmentID) = HeldForm.assignmentForm(path),
              let client = try await services.assignments.client(clientID, of: therapist, action: "read", address: address) else { return nil }
        var input = AssignmentForm.input(from: fields)
        guard let assignmentID else {
            return try await listPage(therapist: therapist, csrfToken: csrfToken, client: client, input: input, problems: [],
                                      notice: HeldForm.resumedNotice, address: address)
        }
        input.itemID = ""  // The item of an assignment doesn't change, as in `update`.
        do {
            return try await showPage(therapist: therapist, csrfToken: csrfToken, client: client, assignmentID: assignmentID, input: input,
                                      problems: [], notice: HeldForm.resumedNotice, address: address)
        } catch let error as HTTPError where error.status == .notFound {
            return nil
        }
    }

    @Sendable func chooseClient(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, session) = try context.requireRole(.therapist)
        guard let item = try await services.catalog.item(context.parameters.get("id") ?? "", for: context.user.libraryViewer) else {
            throw HTTPError(.notFound, message: "We couldn't find that item in the library.")
        }
        let clients = try await services.accounts.clients(ofTherapist: therapist.id)
        return Responses.html(AssignmentTherapistViews.chooseClient(therapist: therapist, csrfToken: session.csrfToken, item: item, clients: clients))
    }

    // MARK: The client's side

    private func clientPage(_ request: Request, _ context: AppRequestContext, client: User, session: Session, notice: String?,
                            problems: [String: String] = [:]) async throws -> String {
        let calendar = AssignmentStore.calendar(for: client)
        let overview = try await services.assignments.mine(client, since: since(calendar), address: address(request, context))
        let summaries = AssignmentSummary.all(overview, library: try await services.catalog.library(for: context.user.libraryViewer), today: today(calendar), calendar: calendar)
        return AssignmentViews.clientList(user: client, csrfToken: session.csrfToken, summaries: summaries, calendar: calendar,
                                          library: try await services.catalog.library(for: context.user.libraryViewer), notice: notice, problems: problems)
    }

    @Sendable func mine(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(AssignmentViews.notice)
        return Responses.html(try await clientPage(request, context, client: client, session: session, notice: notice))
    }

    @Sendable func setAside(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let id = context.parameters.get("assignment") ?? ""
        let reason = context.form["reason"].trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = Self.reasonProblem(reason) {
            return Responses.html(try await clientPage(request, context, client: client, session: session, notice: nil, problems: [id: problem]),
                                  status: .unprocessableContent)
        }
        let calendar = AssignmentStore.calendar(for: client)
        guard try await services.assignments.setAside(id: id, week: AssignmentSchedule.weekStart(of: today(calendar), calendar: calendar),
                                                      reason: reason.isEmpty ? nil : reason, client: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.assignments.path + "?done=set-aside")
    }

    static func reasonProblem(_ reason: String) -> String? {
        if reason.count > AssignmentViews.setAsideReasonLimit {
            return "Please keep the reason under \(AssignmentViews.setAsideReasonLimit) characters (this one has \(reason.count))."
        }
        if reason.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            return "The reason can't contain control characters."
        }
        return nil
    }
}
