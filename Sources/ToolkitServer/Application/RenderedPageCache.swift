import CompressNIO
import Foundation
import Hummingbird
import HTTPTypes
import NIOCore

/// Pages that are the same for every visitor who isn't signed in (library items) are rendered
/// once and kept in memory, plain and gzipped, with an ETag and their complete response headers.
/// Library content is immutable while the app runs, so entries never go stale.
final class RenderedPageCache: @unchecked Sendable {
    struct Page: Sendable {
        let body: ByteBuffer
        let gzippedBody: ByteBuffer
        let etag: String
        /// Every header of a 200 response except the body's encoding.
        let headers: HTTPFields
    }

    static let cacheControl = "public, max-age=0, must-revalidate"
    private var pages: [String: Page] = [:]
    private let lock = NSLock()
    private let securityFields: [HTTPField]

    init(isSecure: Bool) {
        securityFields = SecurityHeadersMiddleware.fields(isSecure: isSecure)
    }

    func cached(_ key: String) -> Page? {
        lock.lock(); defer { lock.unlock() }
        return pages[key]
    }

    func page(_ key: String, render: () throws -> String) throws -> Page {
        if let page = cached(key) { return page }
        let page = try Self.makePage(html: try render(), securityFields: securityFields)
        lock.lock(); pages[key] = page; lock.unlock()
        return page
    }

    /// A page ready to send: the body plain and gzipped, its ETag and every header.
    static func makePage(html: String, securityFields: [HTTPField]) throws -> Page {
        var body = ByteBuffer(string: html)
        let gzipped = try body.compress(with: .gzip())
        let etag = StaticAssets.etag(for: Array(html.utf8))
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .eTag: etag, .cacheControl: Self.cacheControl,
                                   .vary: "Accept-Encoding"]
        headers.append(contentsOf: securityFields)
        return Page(body: ByteBuffer(string: html), gzippedBody: gzipped, etag: etag, headers: headers)
    }

    /// The full response: 304 when the browser's copy is current, gzipped when it is welcome.
    static func respond(_ page: Page, request: Request) -> Response {
        if request.headers[.ifNoneMatch] == page.etag {
            return Response(status: .notModified, headers: page.headers)
        }
        if CompressionMiddleware.acceptsGzip(request.headers[.acceptEncoding]) {
            var headers = page.headers
            headers[.contentEncoding] = "gzip"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: page.gzippedBody))
        }
        return Response(status: .ok, headers: page.headers, body: .init(byteBuffer: page.body))
    }
}

/// Serves cached public pages to visitors without a cookie before any other work: no routing,
/// no middleware, no session lookup. Anything else, and any page not rendered yet, goes to the
/// router. The cached response carries the same security headers as every other response.
struct CachedPageResponder<Next: HTTPResponder>: HTTPResponder where Next.Context == AppRequestContext {
    let cache: RenderedPageCache
    let enabled: Bool
    let next: Next

    func respond(to request: Request, context: AppRequestContext) async throws -> Response {
        if enabled, request.method == .get, request.headers[.cookie] == nil, request.headers[.authorization] == nil,
           let page = cache.cached(request.uri.path) {
            return RenderedPageCache.respond(page, request: request)
        }
        return try await next.respond(to: request, context: context)
    }
}
