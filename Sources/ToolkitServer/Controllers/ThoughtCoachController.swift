import Foundation
import Hummingbird
import ToolkitCore

/// The thought coach: a self-critical thought written down, its harsh words pointed out, and a
/// kinder answer through the three components, kept as a private thought record.
struct ThoughtCoachController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.thoughtCoach.path), use: list)
        router.post(RouterPath(SiteURL.thoughtCoach.path), use: create)
        router.get(RouterPath(SiteURL.thoughtCoachNew.path), use: new)
        router.post(RouterPath(SiteURL.thoughtCoachAnalyze.path), use: analyze)
        router.get("/thought-coach/:id", use: show)
        router.post("/thought-coach/:id", use: answer)
        router.post("/thought-coach/:id/delete", use: delete)
        router.post("/thought-coach/:id/sharing", use: setSharing)
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }
    private var idleSeconds: Int { Int(services.configuration.sessionIdleTimeout) }
    static let notFound = "We couldn't find that thought record. It may have been deleted."

    private func load(_ request: Request, _ context: AppRequestContext, _ client: User) async throws -> ThoughtRecordStore.Loaded {
        guard let id = context.parameters.get("id"),
              let loaded = try await services.thoughtRecords.load(id: id, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return loaded
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let before = request.uri.queryParameters["before"].map(String.init)
        let page = try await services.thoughtRecords.page(for: client, before: before, address: address(request, context))
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(ThoughtCoachViews.notice)
        return Responses.html(ThoughtCoachViews.list(user: client, csrfToken: session.csrfToken, page: page, notice: notice, isFirstPage: before == nil))
    }

    @Sendable func new(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        return Responses.html(ThoughtCoachViews.new(user: client, csrfToken: session.csrfToken, record: ThoughtRecord(), idleSeconds: idleSeconds))
    }

    /// The highlights for text still being typed, for thought-coach.js to show as the client
    /// writes. Nothing is stored or logged; the same analysis runs again when the form is sent.
    struct Analysis: Codable {
        struct Segment: Codable { var text: String; var kind: String?; var title: String? }
        struct Note: Codable { var text: String; var explanation: String }
        var segments: [Segment]
        var notes: [Note]
    }

    @Sendable func analyze(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireRole(.client)
        let thought = String(context.form["thought"].prefix(ThoughtRecord.maximumLength))
        let segments = ThoughtAnalyzer.segments(thought).map { segment in
            Analysis.Segment(text: segment.text, kind: segment.highlight?.kind.rawValue, title: segment.highlight?.kind.title)
        }
        let notes = ThoughtAnalyzer.analyze(thought).map { Analysis.Note(text: $0.text, explanation: $0.explanation) }
        var response = try Responses.json(Analysis(segments: segments, notes: notes))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let submitted = ThoughtCoachViews.record(from: context.form)
        let (record, problems) = submitted.validated()
        guard problems.isEmpty else {
            return Responses.html(ThoughtCoachViews.new(user: client, csrfToken: session.csrfToken, record: submitted, idleSeconds: idleSeconds,
                                                        problems: problems), status: .unprocessableContent)
        }
        let id = try await services.thoughtRecords.create(record, for: client, address: address(request, context))
        return Responses.redirect(to: SiteURL.thoughtRecord(id).path)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let loaded = try await load(request, context, client)
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(ThoughtCoachViews.notice)
        return Responses.html(ThoughtCoachViews.show(user: client, csrfToken: session.csrfToken, loaded: loaded, idleSeconds: idleSeconds, notice: notice))
    }

    /// Saves the kinder answer and the second ratings onto the record; the thought stays as written.
    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, session) = try context.requireRole(.client)
        let loaded = try await load(request, context, client)
        var submitted = ThoughtCoachViews.record(from: context.form, base: loaded.entry)
        submitted.thought = loaded.entry.thought
        let (record, problems) = submitted.validated()
        guard problems.isEmpty else {
            return Responses.html(ThoughtCoachViews.show(user: client, csrfToken: session.csrfToken, loaded: loaded, idleSeconds: idleSeconds,
                                                         notice: nil, draft: submitted, problems: problems), status: .unprocessableContent)
        }
        guard try await services.thoughtRecords.update(id: loaded.id, to: record, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.thoughtRecord(loaded.id).path + "?done=saved")
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        guard let id = context.parameters.get("id"),
              try await services.thoughtRecords.delete(id: id, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.thoughtCoach.path + "?done=deleted")
    }

    @Sendable func setSharing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (client, _) = try context.requireRole(.client)
        let shared = context.form["shared"] == "1"
        guard let id = context.parameters.get("id"),
              try await services.thoughtRecords.setShared(shared, id: id, for: client, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.thoughtRecord(id).path + (shared ? "?done=shared" : "?done=unshared"))
    }
}
