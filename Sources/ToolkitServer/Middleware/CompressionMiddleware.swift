import CompressNIO
import Hummingbird
import HTTPTypes

/// Gzips pages, styles, scripts and JSON for browsers that accept it: phones on slow
/// connections get the crisis page in a fraction of the bytes.
struct CompressionMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let minimumSize = 1024

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        guard Self.acceptsGzip(request.headers[.acceptEncoding]),
              response.headers[.contentEncoding] == nil,
              let type = response.headers[.contentType], Self.isCompressible(type),
              (response.body.contentLength ?? Self.minimumSize) >= Self.minimumSize else { return response }
        response.body = response.body.map { buffer in
            var input = buffer
            return try input.compress(with: .gzip())
        }
        response.headers[.contentEncoding] = "gzip"
        response.headers[.contentLength] = nil
        response.headers[.vary] = "Accept-Encoding"
        return response
    }

    static func acceptsGzip(_ header: String?) -> Bool {
        guard let header else { return false }
        return header.split(separator: ",").contains { part in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            return pieces.first == "gzip" && !pieces.dropFirst().contains("q=0")
        }
    }

    static func isCompressible(_ contentType: String) -> Bool {
        let type = contentType.lowercased()
        return type.hasPrefix("text/") || type.hasPrefix("application/json") || type.hasPrefix("application/yaml")
            || type.hasPrefix("application/manifest+json") || type.hasPrefix("image/svg")
    }
}
