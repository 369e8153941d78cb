import Foundation
import Hummingbird
import HTTPTypes
import NIOConcurrencyHelpers
import ToolkitCore

/// The crisis page, the same for everyone and kept rendered in memory. It is re-rendered only
/// when the crisis lines change, and never waits on the database or a session lookup.
final class CrisisPageCache: Sendable {
    private let lines: @Sendable () -> [CrisisLine]
    private let render: @Sendable ([CrisisLine]) -> String
    private let securityFields: [HTTPField]
    private let current = NIOLockedValueBox<(lines: [CrisisLine], page: RenderedPageCache.Page)?>(nil)

    init(isSecure: Bool, lines: @escaping @Sendable () -> [CrisisLine], render: @escaping @Sendable ([CrisisLine]) -> String) {
        self.lines = lines
        self.render = render
        self.securityFields = SecurityHeadersMiddleware.fields(isSecure: isSecure)
    }

    func page() throws -> RenderedPageCache.Page {
        let lines = self.lines()
        if let cached = current.withLockedValue({ $0 }), cached.lines == lines { return cached.page }
        let page = try RenderedPageCache.makePage(html: render(lines), securityFields: securityFields)
        current.withLockedValue { $0 = (lines, page) }
        return page
    }
}

/// Answers `GET /crisis` ahead of everything else, signed in or not. What is personal (the
/// client's own links) is fetched by the page's script afterwards, so it can't delay the rest.
struct CrisisPageResponder<Next: HTTPResponder>: HTTPResponder where Next.Context == AppRequestContext {
    let cache: CrisisPageCache
    let next: Next

    func respond(to request: Request, context: AppRequestContext) async throws -> Response {
        if request.method == .get, request.uri.path == SiteURL.crisis.path {
            return RenderedPageCache.respond(try cache.page(), request: request)
        }
        return try await next.respond(to: request, context: context)
    }
}
