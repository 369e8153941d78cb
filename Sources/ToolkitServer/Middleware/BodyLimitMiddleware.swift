import Hummingbird
import NIOCore
import ToolkitCore

/// Collects request bodies once, refusing oversized ones with 413 and a sentence, and parses forms.
struct BodyLimitMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    static let defaultLimit = 256 * 1024
    let limit: Int

    /// A therapist's recording of one practice step is the one body allowed to be larger.
    static func limit(for path: String, default limit: Int) -> Int {
        VoiceController.isUploadPath(path) ? max(limit, StepRecording.maximumBytes) : limit
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.post, .put, .patch, .delete].contains(request.method) else { return try await next(request, context) }
        let limit = Self.limit(for: request.uri.path, default: self.limit)
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw HTTPError(.contentTooLarge, message: Self.message(limit))
        }
        var request = request
        var context = context
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw HTTPError(.contentTooLarge, message: Self.message(limit))
        }
        if request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true {
            context.form = FormData(urlEncoded: String(buffer: buffer))
        }
        return try await next(request, context)
    }

    static func message(_ limit: Int) -> String {
        "That was more than we can take in one go (the limit is \(limit / 1024) KB). Please shorten it and try again."
    }
}
