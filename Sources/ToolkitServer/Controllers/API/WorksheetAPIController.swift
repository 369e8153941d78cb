import Foundation
import Hummingbird
import ToolkitCore

/// Saved worksheets over the JSON API: any library worksheet filled in from its typed fields,
/// kept as a draft or completed, every save a new version. The same rules as the web pages: the
/// worksheet and its title come from the library, answers are checked against its fields, only
/// the owner reads or writes, sealed at rest, every read and write audited.
struct WorksheetAPIController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/me/worksheets", use: list)
        router.post("/api/v1/me/worksheets", use: create)
        router.get("/api/v1/me/worksheets/:id", use: show)
        router.put("/api/v1/me/worksheets/:id", use: update)
        router.delete("/api/v1/me/worksheets/:id", use: delete)
        router.get("/api/v1/me/worksheets/:id/versions", use: versions)
        router.put("/api/v1/me/worksheets/:id/sharing", use: sharing)
    }

    /// One saved worksheet at one version.
    struct SheetResponse: Encodable {
        var id: String
        var itemID: String
        var title: String
        var status: WorksheetStatus
        var version: Int
        var currentVersion: Int
        var createdAt: Date
        var savedAt: Date
        var shared: Bool
        /// Left out of lists, which name each sheet without opening its answers.
        var answers: WorksheetAnswers?

        init(_ loaded: WorksheetStore.Loaded, withAnswers: Bool = true) {
            id = loaded.id; itemID = loaded.sheet.itemID; title = loaded.sheet.title; status = loaded.sheet.status
            version = loaded.version; currentVersion = loaded.currentVersion; createdAt = loaded.createdAt; savedAt = loaded.savedAt
            shared = loaded.shared; answers = withAnswers ? loaded.sheet.answers : nil
        }
    }

    struct ListResponse: Encodable { var worksheets: [SheetResponse] }

    /// `POST` and `PUT`: `{"itemID": "...", "status": "draft"|"completed", "answers": {"<field id>": ...}}`;
    /// a `PUT` may leave out `itemID` (a saved worksheet stays the library item it was).
    struct Body: Decodable {
        var itemID: String?
        var status: WorksheetStatus
        /// Each answer as the form would type it: text as is, a rating as its number, a list one line per item.
        var typed: [String: String]

        private enum Keys: String, CodingKey, CaseIterable { case itemID, status, answers }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(Keys.allCases.map(\.rawValue)))
            let container = try decoder.container(keyedBy: Keys.self)
            for key in container.allKeys where try container.decodeNil(forKey: key) {
                throw APIRequestBody.Problem(message: "\"\(key.stringValue)\" can't be null; leave it out instead.")
            }
            itemID = try container.decodeIfPresent(String.self, forKey: .itemID)
            guard container.contains(.status) else { throw APIRequestBody.Problem(message: "\"status\" is missing: \"draft\" or \"completed\".") }
            status = try container.decode(WorksheetStatus.self, forKey: .status)
            guard container.contains(.answers) else { throw APIRequestBody.Problem(message: "\"answers\" is missing.") }
            let answers = try container.decode(WorksheetAnswers.self, forKey: .answers)
            typed = answers.values.mapValues { answer in
                switch answer {
                case .text(let text): text
                case .rating(let number): String(number)
                case .list(let lines): lines.joined(separator: "\n")
                }
            }
        }
    }

    private static let expected = "Send {\"itemID\": \"<a library worksheet>\", \"status\": \"draft\" or \"completed\", \"answers\": {\"<field id>\": text, a number for a rating, or a list of lines}}."
    private static let notFound = "You have no saved worksheet with that id."

    private func client(_ context: AppRequestContext) throws -> User {
        let user = try context.requireAPIUser()
        guard user.userRole == .client else { throw HTTPError(.forbidden, message: "Only clients keep saved worksheets.") }
        return user
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }

    /// The answers checked against the worksheet's own fields, or the sentences that say why not.
    private func sheet(from body: Body, item: LibraryItem) -> (SavedWorksheet?, [String]) {
        let unknown = body.typed.keys.filter { id in !item.fields.contains { $0.id == id } }.sorted()
        var messages: [String] = []
        if !unknown.isEmpty {
            messages.append("“\(item.title)” has no field " + unknown.map { "\"\($0)\"" }.joined(separator: ", ")
                            + ". Its fields are " + item.fields.map { "\"\($0.id)\"" }.joined(separator: ", ") + ".")
        }
        let (answers, problems) = WorksheetSubmission.answers(from: body.typed, fields: item.fields)
        messages += problems.map(\.message)
        guard messages.isEmpty else { return (nil, messages) }
        return (SavedWorksheet(itemID: item.id, title: item.title, status: body.status, answers: answers), [])
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let sheets = try await services.worksheets.list(for: user, address: address(request, context))
        return try Responses.json(ListResponse(worksheets: sheets.map { SheetResponse($0, withAnswers: false) }))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let body = try await APIRequestBody.decode(Body.self, from: request, context: context, expected: Self.expected)
        guard let itemID = body.itemID else { return Responses.jsonError(.badRequest, "\"itemID\" is missing: the slug of a library worksheet.") }
        guard let item = try await services.catalog.item(itemID, for: context.user.libraryViewer), !item.fields.isEmpty else {
            return Responses.jsonError(.unprocessableContent, "\"\(itemID)\" isn't a worksheet in the library.")
        }
        let (sheet, problems) = sheet(from: body, item: item)
        guard let sheet else { return Responses.jsonError(.unprocessableContent, problems.joined(separator: " ")) }
        let saved = try await services.worksheets.create(sheet, for: user, address: address(request, context))
        return try Responses.json(SheetResponse(saved), status: .created)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        var version: Int?
        if let text = request.uri.queryParameters["version"] {
            guard let number = Int(text), number > 0 else { return Responses.jsonError(.badRequest, "\"version\" is a whole number from 1.") }
            version = number
        }
        guard let loaded = try await services.worksheets.load(id: context.parameters.get("id") ?? "", version: version, for: user,
                                                              address: address(request, context)) else {
            throw HTTPError(.notFound, message: version == nil ? Self.notFound : "That worksheet has no such version.")
        }
        return try Responses.json(SheetResponse(loaded))
    }

    /// A new version; the worksheet stays the library item it was first saved from.
    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let id = context.parameters.get("id") ?? ""
        let body = try await APIRequestBody.decode(Body.self, from: request, context: context, expected: Self.expected)
        guard let current = try await services.worksheets.load(id: id, for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        if let itemID = body.itemID, itemID != current.sheet.itemID {
            return Responses.jsonError(.unprocessableContent, "This worksheet was saved from \"\(current.sheet.itemID)\" and stays that worksheet. Save a new one for \"\(itemID)\".")
        }
        guard let item = try await services.catalog.everything().item(current.sheet.itemID), !item.fields.isEmpty else {
            return Responses.jsonError(.conflict, "This worksheet is no longer in the library, so it can't be changed. What was saved is still there.")
        }
        let (sheet, problems) = sheet(from: body, item: item)
        guard let sheet else { return Responses.jsonError(.unprocessableContent, problems.joined(separator: " ")) }
        guard let saved = try await services.worksheets.save(sheet, id: id, for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return try Responses.json(SheetResponse(saved))
    }

    @Sendable func versions(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        guard let history = try await services.worksheets.history(id: context.parameters.get("id") ?? "", for: user,
                                                                  address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return try Responses.json(ListResponse(worksheets: history.map { SheetResponse($0) }))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        guard try await services.worksheets.delete(id: context.parameters.get("id") ?? "", for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Response(status: .noContent)
    }

    @Sendable func sharing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let id = context.parameters.get("id") ?? ""
        let body = try await APIRequestBody.decode(APIRequestBodies.Sharing.self, from: request, context: context,
                                                   expected: "Send {\"shared\": true} or {\"shared\": false}.")
        guard try await services.worksheets.setShared(body.shared, id: id, for: user, address: address(request, context)),
              let loaded = try await services.worksheets.load(id: id, for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return try Responses.json(SheetResponse(loaded))
    }
}
