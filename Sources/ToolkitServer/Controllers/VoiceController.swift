import Foundation
import Hummingbird
import ToolkitCore

/// A therapist's own voice for the steps of their guided practices: recorded in the browser (or
/// chosen as a file), kept in the database, and played in practice mode to whoever may see the item.
struct VoiceController {
    let services: AppServices

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/library/mine/:id/voice", use: page)
        router.post("/library/mine/:id/voice/:step", use: upload)
        router.post("/library/mine/:id/voice/:step/delete", use: remove)
        router.get("/library/:id/steps/:step/audio", use: audio)
    }

    /// "/library/mine/<id>/voice": the one page allowed to use the microphone.
    static func isRecordingPage(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 5 && parts[1] == "library" && parts[2] == "mine" && parts[4] == "voice"
    }

    /// "/library/mine/<id>/voice/<step>": the one route whose body may be a recording.
    static func isUploadPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count == 6 && parts[1] == "library" && parts[2] == "mine" && parts[4] == "voice" && Int(parts[5]) != nil
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }

    /// The author's own practice and the step in the path, or 404.
    private func ownPractice(_ context: AppRequestContext, author: User) async throws -> (row: AuthoredItemStore.Row, item: LibraryItem) {
        guard let row = try await services.authoredItems.row(context.parameters.get("id"), ownedBy: author),
              let item = row.editorItem, item.kind == .guidedPractice else {
            throw HTTPError(.notFound, message: "We couldn't find that practice among your own items.")
        }
        return (row, item)
    }

    private func step(_ context: AppRequestContext, in item: LibraryItem) throws -> Int {
        guard let step = context.parameters.get("step").flatMap(Int.init), item.steps.indices.contains(step) else {
            throw HTTPError(.notFound, message: "That practice has no such step.")
        }
        return step
    }

    @Sendable func page(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (author, session) = try context.requireRole(.therapist)
        let (_, item) = try await ownPractice(context, author: author)
        let recorded = try await services.stepRecordings.recorded(item.id)
        let notice = request.uri.queryParameters["done"].map(String.init).flatMap(VoiceViews.notice)
        return Responses.html(VoiceViews.page(user: author, csrfToken: session.csrfToken, item: item, recorded: recorded, notice: notice))
    }

    /// The body is the audio itself (sent by voice.js with the form token in a header). The
    /// answer is JSON for the script to show.
    @Sendable func upload(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (author, _) = try context.requireRole(.therapist)
        let (_, item) = try await ownPractice(context, author: author)
        let step = try step(context, in: item)
        var request = request
        guard let buffer = try? await request.collectBody(upTo: StepRecording.maximumBytes) else {
            return Responses.jsonError(.contentTooLarge, StepRecording.Problem.tooLarge.message)
        }
        let bytes = Array(buffer.readableBytesView)
        switch StepRecording.check(bytes) {
        case .failure(let problem):
            return Responses.jsonError(problem == .tooLarge ? .contentTooLarge : .unprocessableContent, problem.message)
        case .success(let format):
            try await services.stepRecordings.save(item.id, step: step, format: format, audio: bytes, author: author,
                                                   address: address(request, context))
            struct Saved: Encodable { var step: Int; var bytes: Int; var audio: String }
            return try Responses.json(Saved(step: step, bytes: bytes.count, audio: VoiceViews.audioPath(item.id, step: step)), status: .created)
        }
    }

    @Sendable func remove(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (author, _) = try context.requireRole(.therapist)
        let (_, item) = try await ownPractice(context, author: author)
        let step = try step(context, in: item)
        try await services.stepRecordings.delete(item.id, step: step, author: author, address: address(request, context))
        return Responses.redirect(to: VoiceViews.pagePath(item.id) + "?done=removed")
    }

    /// A step's recording, to whoever may see its item (and to its author while it is a draft),
    /// with byte ranges so a player can seek.
    @Sendable func audio(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id"), let step = context.parameters.get("step").flatMap(Int.init) else {
            throw HTTPError(.notFound)
        }
        var mayHear = try await services.catalog.item(id, for: context.user.libraryViewer) != nil
        if !mayHear, let user = context.user {
            mayHear = try await services.authoredItems.row(id)?.authorId == user.id
        }
        guard mayHear, let audio = try await services.stepRecordings.audio(id, step: step) else { throw HTTPError(.notFound) }
        var headers: HTTPFields = [.contentType: audio.contentType, .acceptRanges: "bytes",
                                   .cacheControl: "no-store", .eTag: "\"\(audio.updatedAt)-\(audio.bytes.count)\""]
        let total = audio.bytes.count
        if let header = request.headers[.range] {
            guard let range = StepRecording.range(header, length: total) else {
                headers[.contentRange] = "bytes */\(total)"
                return Response(status: .rangeNotSatisfiable, headers: headers)
            }
            headers[.contentRange] = "bytes \(range.lowerBound)-\(range.upperBound)/\(total)"
            headers[.contentLength] = String(range.count)
            return Response(status: .partialContent, headers: headers,
                            body: .init(byteBuffer: ByteBuffer(bytes: audio.bytes[range])))
        }
        headers[.contentLength] = String(total)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: audio.bytes)))
    }
}
