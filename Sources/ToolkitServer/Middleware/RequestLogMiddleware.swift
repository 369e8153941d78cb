import Hummingbird
import Logging

/// One line per request: method, path (never the query string, which may hold what someone searched
/// for), status and duration. No bodies, cookies or tokens.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        context.logger.info("\(context.isHeadRequest ? HTTPRequest.Method.head : request.method) \(SiteURL.loggable(request.uri.path)) \(response.status.code) \(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)ms")
        return response
    }
}
