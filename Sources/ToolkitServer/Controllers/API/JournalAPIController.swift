import Foundation
import Hummingbird
import ToolkitCore

/// The client's journal over the JSON API: a page at a time, one entry, write, change, delete,
/// share.
struct JournalAPIController {
    let services: AppServices

    struct EntryResponse: Encodable {
        var id: String
        var createdAt: Date
        var updatedAt: Date
        var shared: Bool
        var body: String
        var prompt: String
        var promptSource: String
        var feeling: String

        init(_ loaded: JournalStore.Loaded) {
            id = loaded.id; createdAt = loaded.createdAt; updatedAt = loaded.updatedAt; shared = loaded.shared
            body = loaded.entry.body; prompt = loaded.entry.prompt; promptSource = loaded.entry.promptSource; feeling = loaded.entry.feeling
        }
    }

    struct PageResponse: Encodable {
        var entries: [EntryResponse]
        /// Pass as `before` for the next (older) page; absent on the last page.
        var olderBefore: String?
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/me/journal", use: list)
        router.post("/api/v1/me/journal", use: create)
        router.get("/api/v1/me/journal/:id", use: show)
        router.put("/api/v1/me/journal/:id", use: update)
        router.delete("/api/v1/me/journal/:id", use: delete)
        router.put("/api/v1/me/journal/:id/sharing", use: sharing)
    }

    private func client(_ context: AppRequestContext) throws -> User {
        let user = try context.requireAPIUser()
        guard user.userRole == .client else { throw HTTPError(.forbidden, message: "Only clients keep a journal.") }
        return user
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }
    private static let notFound = "You have no journal entry with that id."
    private static let expected = "Send the entry as JSON: {\"body\": \"...\"}, optionally with \"feeling\", \"prompt\" and \"promptSource\" as strings."

    private func loaded(_ id: String, _ user: User, _ request: Request, _ context: AppRequestContext) async throws -> JournalStore.Loaded {
        guard let loaded = try await services.journal.load(id: id, for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return loaded
    }

    private func validated(_ request: Request, _ context: AppRequestContext) async throws -> JournalEntry {
        let submitted = try await APIRequestBody.decode(APIRequestBodies.JournalBody.self, from: request, context: context, expected: Self.expected).entry
        let (entry, problems) = submitted.validated()
        guard problems.isEmpty else { throw HTTPError(.unprocessableContent, message: problems.map(\.message).joined(separator: " ")) }
        return entry
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let before = request.uri.queryParameters["before"].map(String.init)
        let page = try await services.journal.page(for: user, before: before, address: address(request, context))
        return try Responses.json(PageResponse(entries: page.entries.map(EntryResponse.init),
                                               olderBefore: page.hasOlder ? page.entries.last?.id : nil))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let entry = try await validated(request, context)
        let id = try await services.journal.create(entry, for: user, address: address(request, context))
        return try Responses.json(EntryResponse(try await loaded(id, user, request, context)), status: .created)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        return try Responses.json(EntryResponse(try await loaded(context.parameters.get("id") ?? "", user, request, context)))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let id = context.parameters.get("id") ?? ""
        let entry = try await validated(request, context)
        guard try await services.journal.update(id: id, to: entry, for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return try Responses.json(EntryResponse(try await loaded(id, user, request, context)))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        guard try await services.journal.delete(id: context.parameters.get("id") ?? "", for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Response(status: .noContent)
    }

    @Sendable func sharing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let id = context.parameters.get("id") ?? ""
        let body = try await APIRequestBody.decode(APIRequestBodies.Sharing.self, from: request, context: context,
                                                   expected: "Send {\"shared\": true} or {\"shared\": false}.")
        guard try await services.journal.setShared(body.shared, id: id, for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return try Responses.json(EntryResponse(try await loaded(id, user, request, context)))
    }
}
