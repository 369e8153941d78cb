import HTTPTypes
import Hummingbird
import NIOCore

/// Answers `HEAD` exactly as `GET` would, without the body: monitors and link checkers probe
/// with `HEAD`, and it should find every page `GET` finds, cached pages included. GET never
/// changes state, so serving HEAD through the GET handlers is safe.
struct HeadRequestResponder<Next: HTTPResponder>: HTTPResponder where Next.Context == AppRequestContext {
    let next: Next

    func respond(to request: Request, context: AppRequestContext) async throws -> Response {
        guard request.method == .head else { return try await next.respond(to: request, context: context) }
        var head = request.head
        head.method = .get
        var context = context
        context.isHeadRequest = true
        let response = try await next.respond(to: Request(head: head, body: request.body), context: context)
        return try await Self.withoutBody(response)
    }

    /// The response's status and headers, with the Content-Length its body would have had.
    static func withoutBody(_ response: Response) async throws -> Response {
        var headers = response.headers
        if headers[.contentLength] == nil, response.status != .notModified, response.status != .noContent {
            // A body built on the fly (compressed, say) has no length until it is written.
            let counter = ByteCounter()
            try await response.body.write(CountingWriter(counter: counter))
            headers[.contentLength] = String(counter.count)
        }
        return Response(status: response.status, headers: headers, body: ResponseBody())
    }
}

/// Counts the bytes a body writes, and keeps none of them.
private final class ByteCounter: @unchecked Sendable {
    var count = 0
}

private struct CountingWriter: ResponseBodyWriter {
    let counter: ByteCounter

    mutating func write(_ buffer: ByteBuffer) async throws { counter.count += buffer.readableBytes }
    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
