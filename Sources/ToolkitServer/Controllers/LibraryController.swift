import Hummingbird
import ToolkitCore

/// The library's pages: browse and search, an item, its printable version, practice mode, packets.
struct LibraryController {
    let services: AppServices
    let cache: RenderedPageCache

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.library.path), use: index)
        router.get(RouterPath(SiteURL.libraryPacket.path), use: packet)
        router.get("/library/:id", use: show)
        router.get("/library/:id/print", use: printable)
        router.get("/library/:id/practice", use: practice)
    }

    /// Where the deployment keeps the library private, visitors are asked to sign in first.
    private func checkAccess(_ context: AppRequestContext) throws {
        if services.configuration.libraryRequiresSignIn && context.user == nil { throw HTTPError(.unauthorized) }
    }

    private func item(_ context: AppRequestContext) throws -> LibraryItem {
        guard let id = context.parameters.get("id"), let item = services.library.item(id) else { throw HTTPError(.notFound) }
        return item
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        try checkAccess(context)
        let query = request.uri.queryParameters
        // Forms encode spaces as "+"; the search box should show what the person typed.
        let text = (query["q"].map(String.init) ?? "").replacingOccurrences(of: "+", with: " ")
        let filters = LibraryFilters.parse(query)
        let results = services.library.search.search(text, filters: filters, limit: 200).map(\.item)
        var page = LibraryIndexPage(query: text, filters: filters, results: results, totalCount: services.library.items.count,
                                    user: context.user, csrfToken: context.session?.csrfToken)
        if RiskLanguage.detects(text) { page.support = services.crisisLines.lines() }
        return Responses.html(page.render())
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try checkAccess(context)
        let item = try item(context)
        let library = services.library
        guard context.user == nil else {
            var page = LibraryItemPage(item: item, related: item.related.compactMap(library.item), user: context.user,
                                       csrfToken: context.session?.csrfToken)
            if context.user?.userRole == .client, let token = context.session?.csrfToken, !item.fields.isEmpty {
                page.savedWorksheetForm = WorksheetForm.form(item: item, id: nil, values: [:], csrfToken: token,
                                                             idleSeconds: Int(services.configuration.sessionIdleTimeout))
            }
            return Responses.html(page.render())
        }
        // The hot path: a visitor's item page comes straight from memory.
        let page = try cache.page(request.uri.path) { LibraryItemPage(item: item, related: item.related.compactMap(library.item), user: nil).render() }
        return RenderedPageCache.respond(page, request: request)
    }

    @Sendable func printable(_ request: Request, context: AppRequestContext) async throws -> Response {
        try checkAccess(context)
        let item = try item(context)
        let notes = request.uri.queryParameters["notes"] == "1" && context.user?.userRole != .client
        return Responses.html(LibraryPrint.itemPage(item, includeNotes: notes))
    }

    @Sendable func practice(_ request: Request, context: AppRequestContext) async throws -> Response {
        try checkAccess(context)
        let item = try item(context)
        guard item.isPractice else { return Responses.redirect(to: SiteURL.libraryItem(item.id).path) }
        return Responses.html(PracticePage(item: item, user: context.user, csrfToken: context.session?.csrfToken,
                                           idleSeconds: Int(services.configuration.sessionIdleTimeout)).render())
    }

    /// The most items one packet takes: plenty for a session (the library has about 55), and a
    /// bound on the page a single link can make the server build.
    static let maximumPacketItems = 30

    /// Several items on paper at once, chosen with the checkboxes on the library page.
    @Sendable func packet(_ request: Request, context: AppRequestContext) async throws -> Response {
        try checkAccess(context)
        var seen = Set<String>()
        let ids = request.uri.queryParameters.getAll("items").map { String($0) }.filter { seen.insert($0).inserted }
        guard ids.count <= Self.maximumPacketItems else {
            throw HTTPError(.badRequest, message: "A packet can hold up to \(Self.maximumPacketItems) items. Please go back, untick a few, and print the rest as a second packet.")
        }
        let items = ids.compactMap(services.library.item)
        guard !items.isEmpty else {
            throw HTTPError(.badRequest, message: "Please tick at least one item on the library page to make a packet.")
        }
        let notes = request.uri.queryParameters["notes"] == "1" && context.user?.userRole != .client
        return Responses.html(LibraryPrint.packet(items, includeNotes: notes, user: context.user, crisisLines: services.crisisLines.lines()))
    }
}

/// Reads browse filters from a query string, ignoring values that aren't recognised.
enum LibraryFilters {
    static func parse(_ query: Parameters) -> LibrarySearch.Filters {
        LibrarySearch.Filters(
            category: query["category"].flatMap { ItemCategory(rawValue: String($0)) },
            component: query["component"].flatMap { CompassionComponent(rawValue: String($0)) },
            kind: query["kind"].flatMap { ItemKind(rawValue: String($0)) },
            situation: query["situation"].flatMap { Situation(rawValue: String($0)) },
            maxMinutes: query["maxMinutes"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil })
    }
}
