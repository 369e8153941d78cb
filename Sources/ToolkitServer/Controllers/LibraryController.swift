import Hummingbird
import ToolkitCore

/// The library's pages: browse and search, an item, its printable version, practice mode, packets.
struct LibraryController {
    let services: AppServices
    let cache: RenderedPageCache

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.library.path), use: index)
        router.get(RouterPath(SiteURL.libraryPacket.path), use: packet)
        router.post(RouterPath(SiteURL.libraryPacket.path), use: packetWithCover)
        router.get("/library/:id", use: show)
        router.get("/library/:id/print", use: printable)
        router.get("/library/:id/practice", use: practice)
    }

    /// Where the deployment keeps the library private, visitors are asked to sign in first.
    private func checkAccess(_ context: AppRequestContext) throws {
        if services.configuration.libraryRequiresSignIn && context.user == nil { throw HTTPError(.unauthorized) }
    }

    /// The item in the path as this person may see it: the bundled library, plus the items
    /// therapists wrote that the person may see (see `LibraryCatalog`); 404 otherwise.
    private func item(_ context: AppRequestContext) async throws -> LibraryItem {
        guard let id = context.parameters.get("id"), let item = try await services.catalog.item(id, for: context.user.libraryViewer) else {
            throw HTTPError(.notFound)
        }
        return item
    }

    private func library(_ context: AppRequestContext) async throws -> ContentLibrary {
        try await services.catalog.library(for: context.user.libraryViewer)
    }

    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        try checkAccess(context)
        let query = request.uri.queryParameters
        // Forms encode spaces as "+"; the search box should show what the person typed.
        let text = (query["q"].map(String.init) ?? "").replacingOccurrences(of: "+", with: " ")
        let filters = LibraryFilters.parse(query)
        let library = try await library(context)
        let results = library.search.search(text, filters: filters, limit: 200).map(\.item)
        // Items ticked for a packet travel through every search and filter in the query string.
        let ticked = Packet.order(query.getAll("items").map { String($0) }).filter { library.item($0) != nil }
        var page = LibraryIndexPage(query: text, filters: filters, results: results, totalCount: library.items.count,
                                    user: context.user, csrfToken: context.session?.csrfToken,
                                    ticked: Array(ticked.prefix(Packet.maximumItems)))
        if RiskLanguage.detects(text) { page.support = services.crisisLines.lines() }
        return Responses.html(page.render())
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try checkAccess(context)
        let item = try await item(context)
        let library = try await library(context)
        guard context.user == nil else {
            var page = LibraryItemPage(item: item, related: item.related.compactMap(library.item), library: library, user: context.user,
                                       csrfToken: context.session?.csrfToken)
            if context.user?.userRole == .client, let token = context.session?.csrfToken, !item.fields.isEmpty {
                page.savedWorksheetForm = WorksheetForm.form(item: item, id: nil, values: [:], csrfToken: token,
                                                             idleSeconds: Int(services.configuration.sessionIdleTimeout))
            }
            return Responses.html(page.render())
        }
        // The hot path: a visitor's item page comes straight from memory.
        let page = try cache.page(request.uri.path) { LibraryItemPage(item: item, related: item.related.compactMap(library.item), library: library, user: nil).render() }
        return RenderedPageCache.respond(page, request: request)
    }

    @Sendable func printable(_ request: Request, context: AppRequestContext) async throws -> Response {
        try checkAccess(context)
        let item = try await item(context)
        let notes = request.uri.queryParameters["notes"] == "1" && Self.mayPrintNotes(context.user)
        return Responses.html(LibraryPrint.itemPage(item, includeNotes: notes, offerNotes: Self.mayPrintNotes(context.user), library: try await library(context)))
    }

    @Sendable func practice(_ request: Request, context: AppRequestContext) async throws -> Response {
        try checkAccess(context)
        let item = try await item(context)
        guard item.isPractice else { return Responses.redirect(to: SiteURL.libraryItem(item.id).path) }
        var voice: PracticeVoice?
        if let authorship = item.authorship {
            let recorded = try await services.stepRecordings.recorded(item.id)
            if !recorded.isEmpty {
                voice = PracticeVoice(speaker: authorship.authorName, audio: recorded.mapValues { VoiceViews.audioPath(item.id, step: $0.step) + "?v=\($0.updatedAt)" })
            }
        }
        return Responses.html(PracticePage(item: item, user: context.user, csrfToken: context.session?.csrfToken,
                                           idleSeconds: Int(services.configuration.sessionIdleTimeout), voice: voice).render())
    }

    /// Therapist notes go on paper only for a signed-in therapist or administrator, and only when
    /// they ask for them: a client's copy never carries them.
    static func mayPrintNotes(_ user: User?) -> Bool {
        user?.userRole == .therapist || user?.userRole == .admin
    }

    /// The most items one packet takes (see `Packet.maximumItems`).
    static let maximumPacketItems = Packet.maximumItems

    /// The chosen items, in the order chosen, each once.
    private func packetItems(_ ids: [String], library: ContentLibrary) throws -> [LibraryItem] {
        let ids = Packet.order(ids)
        guard ids.count <= Self.maximumPacketItems else {
            throw HTTPError(.badRequest, message: "A packet can hold up to \(Self.maximumPacketItems) items. Please go back, untick a few, and print the rest as a second packet.")
        }
        let items = ids.compactMap(library.item)
        guard !items.isEmpty else {
            throw HTTPError(.badRequest, message: "Please tick at least one item on the library page to make a packet.")
        }
        return items
    }

    private func packetPage(_ request: Request, context: AppRequestContext, items: [LibraryItem], cover: PacketCover,
                            problems: [PacketCover.Problem] = [], includeNotes: Bool, library: ContentLibrary) -> Response {
        func render(_ token: String) -> String {
            LibraryPacketPage(items: items, cover: cover, problems: problems, offerNotes: Self.mayPrintNotes(context.user),
                              includeNotes: includeNotes && Self.mayPrintNotes(context.user), user: context.user,
                              csrfToken: token, crisisLines: services.crisisLines.lines(), library: library).render()
        }
        let status: HTTPResponse.Status = problems.isEmpty ? .ok : .unprocessableContent
        if let token = context.session?.csrfToken { return Responses.html(render(token), status: status) }
        // Not signed in: the cover form's token lives in a cookie, as on the sign-in page.
        let existing = request.cookies[services.cookies.csrfName]?.value
        let token = existing ?? Randomness.token()
        var response = Responses.html(render(token), status: status)
        if existing == nil { response.setCookie(services.cookies.csrf(token)) }
        return response
    }

    /// Several items on paper at once, chosen with the checkboxes on the library page (or a
    /// program's "Print this week"): the order to check, a cover to fill in, and the packet.
    @Sendable func packet(_ request: Request, context: AppRequestContext) async throws -> Response {
        try checkAccess(context)
        let library = try await library(context)
        let items = try packetItems(request.uri.queryParameters.getAll("items").map { String($0) }, library: library)
        let today = ClientCalendar.today(services, in: ClientCalendar.calendar())
        return packetPage(request, context: context, items: items, cover: PacketCover(date: today.description),
                          includeNotes: request.uri.queryParameters["notes"] == "1", library: library)
    }

    /// The cover filled in, or the order changed, without JavaScript. What was typed comes back
    /// on the page and is printed from there; nothing is kept on the server, and a POST keeps the
    /// note out of addresses and browser history.
    @Sendable func packetWithCover(_ request: Request, context: AppRequestContext) async throws -> Response {
        try checkAccess(context)
        let form = context.form
        var ids = Packet.order(form.values("items"))
        if let move = Packet.Move(formValue: form["move"]) { ids = Packet.applying(move, to: ids) }
        let library = try await library(context)
        let items = try packetItems(ids, library: library)
        let (cover, problems) = PacketCover(clientName: form["name"], date: form["date"], note: form["note"]).validated()
        return packetPage(request, context: context, items: items, cover: cover, problems: problems, includeNotes: form["notes"] == "1", library: library)
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
