import Foundation
import HTTPTypes
import Hummingbird

/// Answers 405 with an `Allow` header when the path is one the app serves, but not with this
/// method (`PUT /healthz`, `GET /logout`); unknown paths answer 404 for every method. It runs before the
/// session lookup and the form checks, so a wrong method costs no database work. The one
/// exception: a page that isn't there, asked for by someone who may be signed in, goes on to the
/// router's own 404, so the page says who is signed in and keeps their way back.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let routes: RouteMethods
    let sessionCookieName: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let allowed = routes.methods(forPath: request.uri.path) else {
            // No such page, whatever the method: 404 before the session lookup or form checks,
            // unless a signed-in person's browser is asking for a page.
            if [.get, .head].contains(request.method), !request.isAPI, request.cookies[sessionCookieName] != nil {
                return try await next(request, context)
            }
            throw HTTPError(.notFound)
        }
        if !allowed.contains(request.method) {
            throw HTTPError(.methodNotAllowed, headers: [.allow: RouteMethods.allowHeader(allowed)],
                            message: "That action isn't available at this address. Please go back and try again.")
        }
        return try await next(request, context)
    }
}

/// Which methods each routed path answers, taken from the router once its routes are added.
///
/// The middleware that reads it has to be added to the router before the routes, so the table
/// is filled in afterwards (`fill(from:)`, once, before the app serves anything).
final class RouteMethods: @unchecked Sendable {
    private struct Pattern {
        let components: [RouterPath.Element]
        /// Each component's own text when it is literal, so most paths are told apart by plain
        /// string comparison (this runs on every request).
        let literals: [String?]
        let methods: Set<HTTPRequest.Method>

        func matches(_ segments: [Substring]) -> Bool {
            for index in segments.indices {
                if let literal = literals[index] {
                    if literal != segments[index] { return false }
                } else if !(components[index] ~= segments[index]) {
                    return false
                }
            }
            return true
        }
    }

    private let lock = NSLock()
    /// Paths without parameters, looked up directly.
    private var literal: [String: Set<HTTPRequest.Method>] = [:]
    /// Paths with parameters by their number of segments, most specific first.
    private var patterns: [Int: [Pattern]] = [:]

    func fill(from routes: [Router<AppRequestContext>.RouteDescription]) {
        var literal: [String: Set<HTTPRequest.Method>] = [:]
        var patterned: [String: (components: [RouterPath.Element], methods: Set<HTTPRequest.Method>)] = [:]
        for route in routes {
            let components = route.path.components
            if components.allSatisfy({ Self.literalText($0) != nil }) {
                literal["/" + components.compactMap(Self.literalText).joined(separator: "/"), default: []].insert(route.method)
            } else {
                patterned[route.path.description, default: (components, [])].methods.insert(route.method)
            }
        }
        // Like the router, a literal segment wins over a parameter in the same place.
        let patterns = Dictionary(grouping: patterned.values.map {
            Pattern(components: $0.components, literals: $0.components.map(Self.literalText), methods: $0.methods)
        }, by: \.components.count).mapValues {
            $0.sorted { Self.specificity($0.components).lexicographicallyPrecedes(Self.specificity($1.components), by: >) }
        }
        lock.withLock {
            self.literal = literal
            self.patterns = patterns
        }
    }

    /// The methods the path answers to, or nil when no route has this path.
    func methods(forPath path: String) -> Set<HTTPRequest.Method>? {
        let (literal, patterns) = lock.withLock { (self.literal, self.patterns) }
        let trimmed = path.utf8.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        if let methods = literal[trimmed] { return methods }
        let segments = trimmed.split(separator: "/", omittingEmptySubsequences: true)
        return patterns[segments.count]?.first { $0.matches(segments) }?.methods
    }

    /// The `Allow` header's value: a GET route also answers HEAD.
    static func allowHeader(_ methods: Set<HTTPRequest.Method>) -> String {
        var all = methods
        if all.contains(.get) { all.insert(.head) }
        let order: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete, .options]
        return (order.filter(all.contains) + all.filter { !order.contains($0) }.sorted { $0.rawValue < $1.rawValue })
            .map(\.rawValue).joined(separator: ", ")
    }

    private static func literalText(_ element: RouterPath.Element) -> String? {
        // A literal element matches only its own text, and describes itself as that text.
        let text = element.description
        return element == text && !text.isEmpty ? text : nil
    }

    private static func specificity(_ components: [RouterPath.Element]) -> [Int] {
        components.map { literalText($0) != nil ? 1 : 0 }
    }
}
