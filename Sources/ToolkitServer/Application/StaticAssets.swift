import CompressNIO
import Crypto
import Foundation
import Hummingbird
import NIOCore

/// The stylesheet, scripts and other files in `Public/`, read once at start and served from memory
/// with an ETag, so a phone on a slow connection revalidates instead of downloading again. Text
/// files are gzipped once here rather than on every request.
final class StaticAssets: Sendable {
    struct Asset: Sendable {
        let body: ByteBuffer
        /// The gzipped body, for text files worth compressing.
        let gzippedBody: ByteBuffer?
        let contentType: String
        let etag: String
    }

    static let shared = StaticAssets()
    private let assets: [String: Asset]

    private init() {
        var assets: [String: Asset] = [:]
        if let folder = Bundle.module.url(forResource: "Public", withExtension: nil),
           let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) {
            for name in names where !name.hasPrefix(".") {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
                let contentType = Self.contentType(for: name)
                var input = ByteBuffer(bytes: data)
                let gzipped = CompressionMiddleware.isCompressible(contentType) && data.count >= CompressionMiddleware.minimumSize
                    ? try? input.compress(with: .gzip()) : nil
                assets[name] = Asset(body: ByteBuffer(bytes: data), gzippedBody: gzipped, contentType: contentType,
                                     etag: Self.etag(for: data))
            }
        }
        self.assets = assets
    }

    func file(named name: String) -> Asset? { assets[name] }

    static func etag(for data: some DataProtocol) -> String {
        "\"" + SHA256.hash(data: Data(data)).prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
    }

    static func contentType(for name: String) -> String {
        switch (name as NSString).pathExtension {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "json", "webmanifest": "application/manifest+json"
        case "yaml": "application/yaml; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    /// Answers 304 when the browser already holds this version.
    static func respond(with asset: Asset, request: Request, cacheControl: String) -> Response {
        if request.headers[.ifNoneMatch] == asset.etag {
            return Response(status: .notModified, headers: [.eTag: asset.etag, .cacheControl: cacheControl])
        }
        var headers: HTTPFields = [.contentType: asset.contentType, .eTag: asset.etag, .cacheControl: cacheControl]
        if let gzipped = asset.gzippedBody {
            headers[.vary] = "Accept-Encoding"
            if CompressionMiddleware.acceptsGzip(request.headers[.acceptEncoding]) {
                headers[.contentEncoding] = "gzip"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: gzipped))
            }
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.body))
    }
}

/// Serves `/static/NAME` and the crisis page's service worker.
struct StaticController {
    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/static/:name") { request, context in
            guard let name = context.parameters.get("name"), let asset = StaticAssets.shared.file(named: name) else {
                throw HTTPError(.notFound)
            }
            return StaticAssets.respond(with: asset, request: request, cacheControl: "public, max-age=3600")
        }
        router.get(RouterPath(SiteURL.serviceWorker.path)) { request, _ in
            guard let asset = StaticAssets.shared.file(named: "crisis-sw.js") else { throw HTTPError(.notFound) }
            // The worker must revalidate so that a fixed version reaches phones quickly.
            var response = StaticAssets.respond(with: asset, request: request, cacheControl: "no-cache")
            response.headers[.init("Service-Worker-Allowed")!] = "/"
            return response
        }
    }
}
