import Foundation
import Hummingbird
import NIOCore

/// Pages that are the same for every visitor who isn't signed in (library items, the crisis page)
/// are rendered once and served from memory with an ETag. Library content is immutable while the
/// app runs, so entries never go stale.
final class RenderedPageCache: @unchecked Sendable {
    struct Page {
        let body: ByteBuffer
        let etag: String
    }

    private var pages: [String: Page] = [:]
    private let lock = NSLock()

    func page(_ key: String, render: () throws -> String) rethrows -> Page {
        lock.lock()
        if let page = pages[key] { lock.unlock(); return page }
        lock.unlock()
        let html = try render()
        let page = Page(body: ByteBuffer(string: html), etag: StaticAssets.etag(for: Array(html.utf8)))
        lock.lock(); pages[key] = page; lock.unlock()
        return page
    }

    /// A public, revalidating response, or 304 when the browser's copy is current.
    static func respond(_ page: Page, request: Request) -> Response {
        let cacheControl = "public, max-age=0, must-revalidate"
        if request.headers[.ifNoneMatch] == page.etag {
            return Response(status: .notModified, headers: [.eTag: page.etag, .cacheControl: cacheControl])
        }
        return Response(status: .ok,
                        headers: [.contentType: "text/html; charset=utf-8", .eTag: page.etag, .cacheControl: cacheControl],
                        body: .init(byteBuffer: page.body))
    }
}
