import Foundation
import Hummingbird
import ToolkitCore

/// A therapist's own items over the API, as library files (`text/markdown`, the format the
/// bundled library uses): list, read, create, replace, delete, publish.
struct AuthoredItemAPIController {
    let services: AppServices

    struct Listed: Encodable {
        var id, title, kind: String
        /// "live" (in the library), "draft" (not yet passing the checks) or "live-with-draft".
        var status: String
        var published: Bool
        var updatedAt: Int64
    }

    struct Saved: Encodable {
        var id: String
        var status: String
        var published: Bool
        /// What keeps the item out of the library, in the content check's words; empty when it is in.
        var problems: [String]
    }

    struct PublishBody: Decodable {
        var published: Bool

        private enum Keys: String, CodingKey, CaseIterable { case published }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(Keys.allCases.map(\.rawValue)))
            published = try decoder.container(keyedBy: Keys.self).decode(Bool.self, forKey: .published)
        }
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/library/mine", use: list)
        router.post("/api/v1/library/mine", use: create)
        router.get("/api/v1/library/mine/:id", use: show)
        router.put("/api/v1/library/mine/:id", use: replace)
        router.delete("/api/v1/library/mine/:id", use: delete)
        router.post("/api/v1/library/mine/:id/publish", use: publish)
    }

    static let notFound = "No item of yours has that id."

    private func author(_ context: AppRequestContext) throws -> User {
        let user = try context.requireAPIUser()
        guard user.userRole == .therapist else { throw HTTPError(.forbidden, message: "Only therapists write their own library items.") }
        return user
    }

    private func ownRow(_ context: AppRequestContext, author: User) async throws -> AuthoredItemStore.Row {
        guard let row = try await services.authoredItems.row(context.parameters.get("id"), ownedBy: author) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return row
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let author = try author(context)
        let rows = try await services.authoredItems.items(by: author.id)
        return try Responses.json(["items": rows.map { row in
            let item = row.editorItem
            return Listed(id: row.id, title: item?.title ?? "", kind: item?.kind.rawValue ?? "", status: AuthoredItemStore.status(row),
                          published: row.isPublished, updatedAt: row.updatedAt)
        }])
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let author = try author(context)
        let row = try await ownRow(context, author: author)
        return Responses.markdown(row.editorSource ?? "")
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let author = try author(context)
        let item = try await item(from: request, context: context, id: nil, author: author, published: false)
        return try await keep(item, author: author, request: request, context: context, status: .created)
    }

    @Sendable func replace(_ request: Request, context: AppRequestContext) async throws -> Response {
        let author = try author(context)
        let row = try await ownRow(context, author: author)
        let item = try await item(from: request, context: context, id: row.id, author: author, published: row.isPublished)
        return try await keep(item, author: author, request: request, context: context, status: .ok)
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let author = try author(context)
        let row = try await ownRow(context, author: author)
        _ = try await services.authoredItems.delete(row.id, author: author, address: services.clientAddress(request, context: context))
        services.catalog.invalidate()
        return Response(status: .noContent)
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let author = try author(context)
        let row = try await ownRow(context, author: author)
        let body = try await APIRequestBody.decode(PublishBody.self, from: request, context: context,
                                                   expected: "Send {\"published\": true} or {\"published\": false}.")
        guard try await services.authoredItems.setPublished(row.id, body.published, author: author,
                                                            address: services.clientAddress(request, context: context)) else {
            throw HTTPError(.conflict, message: "Only an item that passes the library's checks can be published.")
        }
        services.catalog.invalidate()
        let saved = try await services.authoredItems.row(row.id)
        return try Responses.json(Saved(id: row.id, status: saved.map(AuthoredItemStore.status) ?? "live", published: body.published, problems: []))
    }

    /// The body as a library file, read the way the editor reads an imported one.
    private func item(from request: Request, context: AppRequestContext, id: String?, author: User, published: Bool) async throws -> LibraryItem {
        var request = request
        guard let buffer = try? await request.collectBody(upTo: context.maxUploadSize) else {
            throw HTTPError(.contentTooLarge, message: BodyLimitMiddleware.message(context.maxUploadSize))
        }
        let parsed: LibraryItem
        do {
            parsed = try ItemParser.parse(String(buffer: buffer), fileName: "The body")
        } catch {
            throw HTTPError(.unprocessableContent, message: AuthoringController.describe(error) + " Send the item as a library file (text/markdown).")
        }
        guard AuthoredItemInput.kinds.contains(parsed.kind) else {
            throw HTTPError(.unprocessableContent, message: "Only handouts, worksheets, guided practices and prompt sets can be written here.")
        }
        let input = AuthoredItemInput(parsed)
        if let problem = input.problems.first { throw HTTPError(.unprocessableContent, message: problem.message) }
        return input.item(id: id ?? AuthoredItemIDs.make(title: input.title),
                          authorship: Authorship(authorID: author.id, authorName: author.name, published: published))
    }

    private func keep(_ item: LibraryItem, author: User, request: Request, context: AppRequestContext,
                      status: HTTPResponse.Status) async throws -> Response {
        let problems = try await AuthoringController.checkProblems(item, author: author, services: services)
        guard try await AuthoringController.keep(item, passes: problems.isEmpty, author: author,
                                                 address: services.clientAddress(request, context: context), services: services) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        let row = try await services.authoredItems.row(item.id)
        return try Responses.json(Saved(id: item.id, status: row.map(AuthoredItemStore.status) ?? "draft", published: row?.isPublished ?? false,
                                        problems: problems), status: status)
    }
}
