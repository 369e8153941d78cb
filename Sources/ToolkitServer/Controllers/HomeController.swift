import Hummingbird
import ToolkitCore

/// The start page: what the product offers, shaped for who is looking.
struct HomeController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.home.path), use: show)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        // A signed-in client's home is Today.
        if let client = context.user, client.userRole == .client, let session = context.session {
            return try await TodayController(services: services)
                .response(for: client, session: session, address: services.clientAddress(request, context: context),
                          generation: context.contentGeneration)
        }
        var clientCount = 0
        if let user = context.user, user.userRole == .therapist {
            clientCount = try await services.accounts.clients(ofTherapist: user.id).count
        }
        var notices: [String] = []
        if let user = context.user { notices = try await services.notices.take(for: user).map(\.text) }
        let page = HomePage(user: context.user, csrfToken: context.session?.csrfToken, clientCount: clientCount, notices: notices,
                            featured: ["self-compassion-break", "grounding-5-4-3-2-1", "reworking-self-critical-thoughts",
                                       "loving-kindness-for-yourself", "eight-week-self-compassion-program"]
                                .compactMap(services.library.item))
        return Responses.html(page.render())
    }
}
