import Foundation
import Hummingbird
import SQLKit
import ToolkitCore

/// A client's filled-in library worksheets: save (a draft or completed), change (every save a
/// new version), look back at versions, print, share one with their therapist, delete. The form
/// itself sits on the worksheet's library page.
struct WorksheetController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.worksheets.path), use: list)
        router.post(RouterPath(SiteURL.worksheets.path), use: create)
        router.get("/worksheets/:id", use: show)
        router.post("/worksheets/:id", use: update)
        router.get("/worksheets/:id/edit", use: edit)
        router.get("/worksheets/:id/versions", use: versions)
        router.get("/worksheets/:id/versions/:version", use: version)
        router.get("/worksheets/:id/print", use: printPage)
        router.post("/worksheets/:id/sharing", use: setSharing)
        router.post("/worksheets/:id/delete", use: delete)
        router.get("/clients/:id/worksheets", use: showShared)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }
    private var idleSeconds: Int { Int(services.configuration.sessionIdleTimeout) }

    private func sheetID(_ context: AppRequestContext) throws -> String {
        guard let id = context.parameters.get("id") else { throw HTTPError(.notFound) }
        return id
    }

    /// The owner's sheet, audited as a read; 404 for anyone else's or a deleted one.
    private func load(_ request: Request, _ context: AppRequestContext, client: User, version: Int? = nil) async throws -> WorksheetStore.Loaded {
        guard let loaded = try await services.worksheets.load(id: try sheetID(context), version: version, for: client,
                                                              address: address(request, context)) else {
            throw HTTPError(.notFound, message: WorksheetViews.notFound)
        }
        return loaded
    }

    /// Saving a sheet as completed completes an assignment of it, in the same transaction.
    private func completion(of sheet: SavedWorksheet, client: User) -> (@Sendable (any SQLDatabase, String) async throws -> Void)? {
        guard sheet.status == .completed, client.therapistId != nil else { return nil }
        let assignments = services.assignments
        let day = CalendarDay(services.configuration.clock(), in: AssignmentStore.calendar(for: client))
        return { db, id in
            try await assignments.recordCompletion(of: sheet.itemID, minutes: 0, sourceKind: "worksheet", sourceID: id, day: day,
                                                   client: client, on: db)
        }
    }

    private func savedRedirect(_ loaded: WorksheetStore.Loaded) -> Response {
        Responses.redirect(to: SiteURL.worksheet(loaded.id).path + "?done=saved-\(loaded.sheet.status.rawValue)")
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let sheets = try await services.worksheets.list(for: client, address: address(request, context))
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(WorksheetViews.notice)
        return Responses.html(WorksheetViews.list(user: client, csrfToken: session.csrfToken, sheets: sheets, library: try await services.catalog.everything(), notice: notice))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        guard let item = try await services.catalog.item(context.form["item"], for: client.libraryViewer), !item.fields.isEmpty else {
            throw HTTPError(.notFound, message: "We couldn't find that worksheet in the library. Please go back to the library and open it again.")
        }
        let typed = WorksheetForm.typed(from: context.form, fields: item.fields)
        let (answers, problems) = WorksheetSubmission.answers(from: typed, fields: item.fields)
        guard problems.isEmpty else {
            // Nothing typed is lost: the form comes back as it was sent.
            return Responses.html(WorksheetViews.fill(user: client, csrfToken: session.csrfToken, item: item, id: nil, values: typed,
                                                      problems: problems, idleSeconds: idleSeconds),
                                  status: .unprocessableContent)
        }
        let sheet = SavedWorksheet(itemID: item.id, title: item.title, status: WorksheetStatus(formValue: context.form["status"]), answers: answers)
        return savedRedirect(try await services.worksheets.create(sheet, for: client, address: address(request, context),
                                                                  alongside: completion(of: sheet, client: client)))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let loaded = try await load(request, context, client: client)
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(WorksheetViews.notice)
        return Responses.html(WorksheetViews.show(user: client, csrfToken: session.csrfToken, loaded: loaded,
                                                  item: try await services.catalog.everything().item(loaded.sheet.itemID), notice: notice))
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let loaded = try await load(request, context, client: client)
        guard let item = try await services.catalog.everything().item(loaded.sheet.itemID) else { return Responses.redirect(to: SiteURL.worksheet(loaded.id).path) }
        return Responses.html(WorksheetViews.fill(user: client, csrfToken: session.csrfToken, item: item, id: loaded.id,
                                                  values: WorksheetSubmission.formValues(of: loaded.sheet.answers), idleSeconds: idleSeconds))
    }

    /// A new version. The worksheet comes from what was saved, never from the form.
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let current = try await load(request, context, client: client)
        guard let item = try await services.catalog.everything().item(current.sheet.itemID) else {
            throw HTTPError(.conflict, message: "This worksheet is no longer in the library, so it can't be changed. What you saved before is still there.")
        }
        let typed = WorksheetForm.typed(from: context.form, fields: item.fields)
        let (answers, problems) = WorksheetSubmission.answers(from: typed, fields: item.fields)
        guard problems.isEmpty else {
            return Responses.html(WorksheetViews.fill(user: client, csrfToken: session.csrfToken, item: item, id: current.id, values: typed,
                                                      problems: problems, idleSeconds: idleSeconds),
                                  status: .unprocessableContent)
        }
        let sheet = SavedWorksheet(itemID: item.id, title: item.title, status: WorksheetStatus(formValue: context.form["status"]), answers: answers)
        guard let saved = try await services.worksheets.save(sheet, id: current.id, for: client, address: address(request, context),
                                                             alongside: completion(of: sheet, client: client)) else {
            throw HTTPError(.notFound, message: WorksheetViews.notFound)
        }
        return savedRedirect(saved)
    }

    @Sendable func versions(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        guard let history = try await services.worksheets.history(id: try sheetID(context), for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: WorksheetViews.notFound)
        }
        return Responses.html(WorksheetViews.versions(user: client, csrfToken: session.csrfToken, history: history,
                                                      item: try await services.catalog.everything().item(history[0].sheet.itemID)))
    }

    @Sendable func version(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        guard let number = context.parameters.get("version").flatMap({ Int($0) }) else { throw HTTPError(.notFound, message: WorksheetViews.notFound) }
        let loaded = try await load(request, context, client: client, version: number)
        return Responses.html(WorksheetViews.version(user: client, csrfToken: session.csrfToken, loaded: loaded,
                                                     item: try await services.catalog.everything().item(loaded.sheet.itemID)))
    }

    @Sendable func printPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        let loaded = try await load(request, context, client: client)
        return Responses.html(WorksheetViews.printPage(loaded: loaded, item: try await services.catalog.everything().item(loaded.sheet.itemID)))
    }

    @Sendable func setSharing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        let id = try sheetID(context)
        let shared = context.form["shared"] == "1"
        guard try await services.worksheets.setShared(shared, id: id, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: WorksheetViews.notFound)
        }
        return Responses.redirect(to: SiteURL.worksheet(id).path + (shared ? "?done=shared" : "?done=unshared"))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        guard try await services.worksheets.delete(id: try sheetID(context), for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: WorksheetViews.notFound)
        }
        return Responses.redirect(to: SiteURL.worksheets.path + "?done=deleted")
    }

    /// A therapist reads their own client's shared worksheets; anyone else's: 404, audited as denied.
    @Sendable func showShared(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (therapist, session) = try context.requireRole(.therapist)
        guard let shared = try await services.worksheets.shared(clientID: try sheetID(context), therapist: therapist,
                                                                address: address(request, context)) else {
            throw HTTPError(.notFound)
        }
        return Responses.html(WorksheetViews.shared(therapist: therapist, csrfToken: session.csrfToken, client: shared.client,
                                                    sheets: shared.sheets, library: try await services.catalog.everything()))
    }
}
