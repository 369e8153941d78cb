import Foundation
import Hummingbird
import ToolkitCore

/// A therapist's own items: write, preview, check, save, publish, export and import. What the
/// library serves from them is read through `LibraryCatalog`.
struct AuthoringController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.authoredItems.path), use: list)
        router.get(RouterPath(SiteURL.authoredItemNew.path), use: new)
        router.post(RouterPath(SiteURL.authoredItemNew.path), use: save)
        router.post(RouterPath(SiteURL.authoredItemPreview.path), use: preview)
        router.get(RouterPath(SiteURL.authoredItemImport.path), use: importForm)
        router.post(RouterPath(SiteURL.authoredItemImport.path), use: importFile)
        router.get("/library/mine/:id", use: edit)
        router.post("/library/mine/:id", use: save)
        router.post("/library/mine/:id/publish", use: publish)
        router.post("/library/mine/:id/delete", use: delete)
        router.get("/library/mine/:id/export", use: export)
    }

    static let notFound = "We couldn't find that item among yours. It may have been deleted; your other items are under My own items."

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }
    private var idleSeconds: Int { Int(services.configuration.sessionIdleTimeout) }

    /// The signed-in therapist's own row for the `:id` in the path, or 404 (also for someone else's item).
    private func ownRow(_ context: AppRequestContext, author: User) async throws -> AuthoredItemStore.Row {
        guard let row = try await services.authoredItems.row(context.parameters.get("id"), ownedBy: author) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return row
    }

    private func checkProblems(_ item: LibraryItem, author: User) async throws -> [String] {
        try await Self.checkProblems(item, author: author, services: services)
    }

    /// The library's checks for one item, against the library its author sees.
    static func checkProblems(_ item: LibraryItem, author: User, services: AppServices) async throws -> [String] {
        let library = try await services.catalog.library(for: author.libraryViewer)
        return ContentCheck(library: library).authoredProblems(item)
    }

    /// Keeps an item (live if it passes the check, else as a draft) and tells this process's
    /// catalog. Returns false when the id belongs to someone else's item.
    static func keep(_ item: LibraryItem, passes: Bool, author: User, address: String, services: AppServices) async throws -> Bool {
        let kept = try await services.authoredItems.save(id: item.id, markdown: ItemWriter.markdown(item), passesCheck: passes,
                                                         author: author, address: address)
        services.catalog.invalidate()
        return kept
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (author, session) = try context.requireRole(.therapist)
        let rows = try await services.authoredItems.items(by: author.id)
        let listed = rows.map { row in
            let item = row.editorItem
            return AuthoringViews.Listed(row: row, title: item?.title ?? "", kind: item?.kind.displayName ?? "Item")
        }
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(AuthoringViews.notice)
        return Responses.html(AuthoringViews.list(user: author, csrfToken: session.csrfToken, items: listed, notice: notice))
    }

    @Sendable func new(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (author, session) = try context.requireRole(.therapist)
        let kind = request.uri.queryParameters["kind"].flatMap { ItemKind(rawValue: String($0)) } ?? .handout
        return Responses.html(AuthoringViews.editor(.init(user: author, csrfToken: session.csrfToken, id: nil,
                                                          input: .blank(kind), idleSeconds: idleSeconds)))
    }

    @Sendable func edit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (author, session) = try context.requireRole(.therapist)
        let row = try await ownRow(context, author: author)
        guard let item = row.editorItem else { throw HTTPError(.notFound, message: Self.notFound) }
        let problems = row.draft != nil ? try await checkProblems(item, author: author) : []
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(AuthoringViews.notice)
        return Responses.html(AuthoringViews.editor(.init(
            user: author, csrfToken: session.csrfToken, id: row.id, input: AuthoredItemInput(item), checkProblems: problems,
            notice: notice, preview: item, idleSeconds: idleSeconds, isLive: row.source != nil)))
    }

    /// Saves the editor (new or existing item), or answers its other buttons: preview, add a
    /// step, add a question. Nothing typed is lost: every answer that isn't a save shows the form
    /// as it was sent.
    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (author, session) = try context.requireRole(.therapist)
        let existing: AuthoredItemStore.Row? = context.parameters.get("id") == nil ? nil : try await ownRow(context, author: author)
        var input = AuthoringViews.input(from: context.form)
        var editor = AuthoringViews.Editor(user: author, csrfToken: session.csrfToken, id: existing?.id, input: input,
                                           idleSeconds: idleSeconds, isLive: existing?.source != nil)
        switch context.form["action"] {
        case "add-step":
            if input.steps.count < AuthoredItemInput.maximumSteps { input.steps.append(.init()) }
            editor.input = input
            return Responses.html(AuthoringViews.editor(editor))
        case "add-field":
            if input.fields.count < AuthoredItemInput.maximumFields { input.fields.append(.init()) }
            editor.input = input
            return Responses.html(AuthoringViews.editor(editor))
        default:
            break
        }
        let id = existing?.id ?? AuthoredItemIDs.make(title: input.title)
        let authorship = Authorship(authorID: author.id, authorName: author.name, published: existing?.isPublished ?? false)
        let item = input.item(id: id, authorship: authorship)
        editor.checkProblems = try await checkProblems(item, author: author)
        editor.inputProblems = input.problems
        if context.form["action"] == "preview" || !editor.inputProblems.isEmpty {
            editor.preview = item
            return Responses.html(AuthoringViews.editor(editor), status: editor.inputProblems.isEmpty ? .ok : .unprocessableContent)
        }
        let passes = editor.checkProblems.isEmpty
        guard try await Self.keep(item, passes: passes, author: author, address: address(request, context), services: services) else {
            throw HTTPError(.notFound, message: Self.notFound)
        }
        return Responses.redirect(to: SiteURL.authoredItem(id).path + "?done=" + (passes ? "saved" : "draft"))
    }

    /// The live preview: the item as a client sees it, and what the check says, as a fragment.
    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (author, _) = try context.requireRole(.therapist)
        let input = AuthoringViews.input(from: context.form)
        let item = input.item(id: "preview", authorship: Authorship(authorID: author.id, authorName: author.name, published: false))
        let problems = input.problems.map(\.message) + (try await checkProblems(item, author: author))
        return Responses.html(AuthoringViews.previewFragment(item, problems: problems))
    }

    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (author, _) = try context.requireRole(.therapist)
        let row = try await ownRow(context, author: author)
        let published = context.form["published"] == "1"
        guard try await services.authoredItems.setPublished(row.id, published, author: author, address: address(request, context)) else {
            throw HTTPError(.conflict, message: "Only an item that has passed the library's checks can be shared. Fix what the editor lists, save, then share it.")
        }
        services.catalog.invalidate()
        return Responses.redirect(to: SiteURL.authoredItems.path + "?done=" + (published ? "published" : "unpublished"))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (author, _) = try context.requireRole(.therapist)
        let row = try await ownRow(context, author: author)
        _ = try await services.authoredItems.delete(row.id, author: author, address: address(request, context))
        services.catalog.invalidate()
        return Responses.redirect(to: SiteURL.authoredItems.path + "?done=deleted")
    }

    /// The item as a library file: the same format as the bundled items, to keep, share or import.
    @Sendable func export(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (author, _) = try context.requireRole(.therapist)
        let row = try await ownRow(context, author: author)
        var response = Responses.markdown(row.editorSource ?? "")
        response.headers[.contentDisposition] = "attachment; filename=\"\(row.id).md\""
        return response
    }

    @Sendable func importForm(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (author, session) = try context.requireRole(.therapist)
        return Responses.html(AuthoringViews.importPage(user: author, csrfToken: session.csrfToken, text: "", problems: []))
    }

    /// Reads a pasted library file into the editor as a new item of the therapist's, unsaved.
    @Sendable func importFile(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (author, session) = try context.requireRole(.therapist)
        let text = context.form["source"]
        let item: LibraryItem
        do {
            item = try ItemParser.parse(text, fileName: "The file")
        } catch {
            return Responses.html(AuthoringViews.importPage(user: author, csrfToken: session.csrfToken, text: text,
                                                            problems: [Self.describe(error)]), status: .unprocessableContent)
        }
        guard AuthoredItemInput.kinds.contains(item.kind) else {
            return Responses.html(AuthoringViews.importPage(
                user: author, csrfToken: session.csrfToken, text: text,
                problems: ["This file is a \(item.kind.displayName.lowercased()). Handouts, worksheets, guided practices and prompt sets can be written here; the others come with the library."]),
                status: .unprocessableContent)
        }
        let input = AuthoredItemInput(item)
        let preview = input.item(id: "preview", authorship: Authorship(authorID: author.id, authorName: author.name, published: false))
        return Responses.html(AuthoringViews.editor(.init(
            user: author, csrfToken: session.csrfToken, id: nil, input: input, inputProblems: input.problems,
            checkProblems: try await checkProblems(preview, author: author), notice: AuthoringViews.notice("imported"),
            preview: preview, idleSeconds: idleSeconds)))
    }

    static func describe(_ error: Error) -> String {
        if let error = error as? ContentError {
            return error.message.hasPrefix("The front matter could not be read")
                ? "The part between the '---' lines could not be read. Check its indentation and that each line reads 'name: value'."
                : error.message
        }
        return "The file could not be read."
    }
}
