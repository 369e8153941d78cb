import AsyncKit
import Hummingbird

/// Turns every error into a calm page (or a JSON error under /api) that names what went wrong in
/// words a person can act on, never a stack trace, a path or SQL. Unexpected errors are logged.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let moved as GenerationMoved {
            // Not an error to show: the authentication middleware answers the request again.
            throw moved
        } catch let error as HTTPError {
            var response = render(status: error.status, message: error.body, request: request, context: context)
            // Headers the error carries (such as Allow on a 405) belong on the page too.
            for field in error.headers where response.headers[field.name] == nil { response.headers.append(field) }
            return response
        } catch let error as any HTTPResponseError {
            return render(status: error.status, message: nil, request: request, context: context)
        } catch is ConnectionPoolTimeoutError {
            // Every database connection stayed busy for longer than the pool waits: the app is
            // overloaded, not broken. Say so, and when to try again, instead of a 500.
            context.logger.warning("Database busy on \(request.method) \(SiteURL.loggable(request.uri.path)): no connection within the pool's wait")
            var response = render(status: .serviceUnavailable, message: Self.busyMessage, request: request, context: context)
            response.headers[.retryAfter] = "5"
            return response
        } catch {
            context.logger.error("Unhandled error on \(request.method) \(SiteURL.loggable(request.uri.path)): \(String(reflecting: type(of: error)))")
            return render(status: .internalServerError, message: nil, request: request, context: context)
        }
    }

    private func render(status: HTTPResponse.Status, message: String?, request: Request, context: Context) -> Response {
        let sentence = message ?? Self.defaultMessage(for: status)
        if request.isAPI {
            return Responses.jsonError(status, sentence)
        }
        return Responses.html(ErrorPage(status: status, message: sentence, user: context.user, csrfToken: context.session?.csrfToken).render(), status: status)
    }

    static let busyMessage = "The app is very busy right now, so this wasn't done. Nothing was saved; please try again in a few seconds."

    static func defaultMessage(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "Something in that request didn't look right. Please go back and try again."
        case 401: "Please sign in to see this page."
        case 403: "This page isn't available to your account."
        case 404: "We couldn't find that page. It may have moved, or the link may be incomplete."
        case 405: "That action isn't available here."
        case 413: BodyLimitMiddleware.message(BodyLimitMiddleware.defaultLimit)
        case 429: "Too many attempts. Please wait a few minutes and try again."
        default: "Something went wrong on our side. Nothing you did caused this. Please try again in a moment."
        }
    }
}
