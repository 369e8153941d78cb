import Foundation
import Hummingbird
import ToolkitCore

/// A client's journal: write, read, change, delete, share one entry with their therapist.
struct JournalController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.journal.path), use: list)
        router.post(RouterPath(SiteURL.journal.path), use: create)
        router.get(RouterPath(SiteURL.journalNew.path), use: new)
        router.get("/journal/:id", use: show)
        router.post("/journal/:id", use: update)
        router.get("/journal/:id/edit", use: edit)
        router.post("/journal/:id/delete", use: delete)
        router.post("/journal/:id/sharing", use: setSharing)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }
    private var idleSeconds: Int { Int(services.configuration.sessionIdleTimeout) }

    private func entryID(_ context: AppRequestContext) throws -> String {
        guard let id = context.parameters.get("id") else { throw HTTPError(.notFound) }
        return id
    }

    static let notFound = "We couldn't find that entry. It may have been deleted; your other entries are in your journal."

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let before = request.uri.queryParameters["before"].map(String.init)
        let page = try await services.journal.page(for: client, before: before, address: address(request, context))
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(JournalViews.notice)
        return Responses.html(JournalViews.list(user: client, csrfToken: session.csrfToken, page: page, notice: notice, isFirstPage: before == nil))
    }

    @Sendable func new(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        var entry = JournalEntry()
        if let source = request.uri.queryParameters["prompt"].map(String.init), let prompt = JournalViews.prompt(source, in: services.library) {
            entry.prompt = prompt
            entry.promptSource = source
        }
        return Responses.html(JournalViews.edit(user: client, csrfToken: session.csrfToken, entry: entry, id: nil, idleSeconds: idleSeconds,
                                                prompts: JournalViews.promptChoices(services.library)))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let (entry, problems) = JournalViews.entry(from: context.form).validated()
        guard problems.isEmpty else {
            // Nothing typed is lost: the form comes back as it was sent.
            return Responses.html(JournalViews.edit(user: client, csrfToken: session.csrfToken, entry: JournalViews.entry(from: context.form),
                                                    id: nil, idleSeconds: idleSeconds, problems: problems),
                                  status: .unprocessableContent)
        }
        let id = try await services.journal.create(entry, for: client, address: address(request, context))
        return Responses.redirect(to: SiteURL.journalEntry(id).path + "?done=saved")
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        guard let loaded = try await services.journal.load(id: try entryID(context), for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(JournalViews.notice)
        return Responses.html(JournalViews.show(user: client, csrfToken: session.csrfToken, loaded: loaded, notice: notice))
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        guard let loaded = try await services.journal.load(id: try entryID(context), for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.html(JournalViews.edit(user: client, csrfToken: session.csrfToken, entry: loaded.entry, id: loaded.id, idleSeconds: idleSeconds))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let id = try entryID(context)
        let (entry, problems) = JournalViews.entry(from: context.form).validated()
        guard problems.isEmpty else {
            return Responses.html(JournalViews.edit(user: client, csrfToken: session.csrfToken, entry: JournalViews.entry(from: context.form),
                                                    id: id, idleSeconds: idleSeconds, problems: problems),
                                  status: .unprocessableContent)
        }
        guard try await services.journal.update(id: id, to: entry, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.journalEntry(id).path + "?done=saved")
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        guard try await services.journal.delete(id: try entryID(context), for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.journal.path + "?done=deleted")
    }

    @Sendable func setSharing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        let id = try entryID(context)
        let shared = context.form["shared"] == "1"
        guard try await services.journal.setShared(shared, id: id, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.journalEntry(id).path + (shared ? "?done=shared" : "?done=unshared"))
    }
}
