import Foundation
import Hummingbird
import ToolkitCore

/// "My critic and my answers": add, change, delete and share lines of the client's script,
/// and print it as a card.
struct CriticController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.critic.path), use: list)
        router.post(RouterPath(SiteURL.critic.path), use: create)
        router.get(RouterPath(SiteURL.criticCard.path), use: card)
        router.post("/my-critic/:id", use: update)
        router.get("/my-critic/:id/edit", use: edit)
        router.post("/my-critic/:id/delete", use: delete)
        router.post("/my-critic/:id/sharing", use: setSharing)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }
    private var idleSeconds: Int { Int(services.configuration.sessionIdleTimeout) }
    private var store: CriticAnswerStore { services.criticAnswers }

    static let notFound = "We couldn't find that line. It may have been deleted; the rest are on My critic and my answers."

    private func lineID(_ context: AppRequestContext) throws -> String {
        guard let id = context.parameters.get("id") else { throw HTTPError(.notFound) }
        return id
    }

    static func line(from form: FormData) -> CriticAnswer { CriticAnswer(critic: form["critic"], answer: form["answer"]) }

    /// Every line, oldest first.
    private func lines(of client: User, _ request: Request, _ context: AppRequestContext) async throws -> [CriticAnswerStore.Loaded] {
        try await store.all(for: client, address: address(request, context)).reversed()
    }

    /// The page, with the add form holding whatever was typed when it couldn't be saved.
    func page(client: User, csrfToken: String, request: Request, context: AppRequestContext, draft: CriticAnswer = CriticAnswer(),
              problems: [CriticAnswer.Problem] = [], notice: String? = nil) async throws -> String {
        async let lines = lines(of: client, request, context)
        async let sharesAll = store.sharesAll(for: client)
        return try await CriticViews.list(user: client, csrfToken: csrfToken, lines: lines, sharesAll: sharesAll, idleSeconds: idleSeconds,
                                          draft: draft, problems: problems, notice: notice)
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(CriticViews.notice)
        return try await Responses.html(page(client: client, csrfToken: session.csrfToken, request: request, context: context, notice: notice))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let typed = Self.line(from: context.form)
        let (line, problems) = typed.validated()
        guard problems.isEmpty else {
            // Nothing typed is lost: the form comes back as it was sent.
            return try await Responses.html(page(client: client, csrfToken: session.csrfToken, request: request, context: context,
                                                 draft: typed, problems: problems), status: .unprocessableContent)
        }
        guard try await store.counts(for: client).all < CriticAnswer.maximumLines else {
            return try await Responses.html(page(client: client, csrfToken: session.csrfToken, request: request, context: context,
                                                 draft: typed, notice: CriticViews.notice("full")), status: .unprocessableContent)
        }
        _ = try await store.create(line, for: client, address: address(request, context))
        return Responses.redirect(to: SiteURL.critic.path + "?done=saved")
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        guard let loaded = try await store.load(id: try lineID(context), for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.html(CriticViews.edit(user: client, csrfToken: session.csrfToken, id: loaded.id, line: loaded.entry,
                                               shared: loaded.shared, idleSeconds: idleSeconds))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let id = try lineID(context)
        let typed = Self.line(from: context.form)
        let (line, problems) = typed.validated()
        guard problems.isEmpty else {
            return Responses.html(CriticViews.edit(user: client, csrfToken: session.csrfToken, id: id, line: typed, shared: false,
                                                   idleSeconds: idleSeconds, problems: problems), status: .unprocessableContent)
        }
        guard try await store.update(id: id, to: line, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.critic.path + "?done=saved")
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        guard try await store.delete(id: try lineID(context), for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.critic.path + "?done=deleted")
    }

    @Sendable func setSharing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        let shared = context.form["shared"] == "1"
        guard try await store.setShared(shared, id: try lineID(context), for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.critic.path + (shared ? "?done=shared" : "?done=unshared"))
    }

    @Sendable func card(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        let lines = try await lines(of: client, request, context).map(\.entry)
        return Responses.html(CriticViews.card(lines: CriticAnswer.script(lines), crisisLines: services.crisisLines.lines()))
    }
}
