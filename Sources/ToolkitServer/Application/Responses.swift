import Foundation
import Hummingbird
import NIOCore

/// Small builders for the responses handlers return.
enum Responses {
    static func html(_ body: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status,
                 headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func html(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: body))
    }

    static func redirect(to path: String) -> Response {
        // 303 so that a POST is followed by a GET.
        Response(status: .seeOther, headers: [.location: path])
    }

    /// A library item file, as the bundled library keeps them.
    static func markdown(_ text: String) -> Response {
        var response = html(text)
        response.headers[.contentType] = "text/markdown; charset=utf-8"
        return response
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(status: status,
                 headers: [.contentType: "application/json; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(bytes: try jsonData(value))))
    }

    /// An answer already encoded (a kept one).
    static func json(_ body: ByteBuffer) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }

    /// The JSON `json(_:status:)` sends, as text.
    static func jsonText<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try jsonData(value), as: UTF8.self)
    }

    private static func jsonData<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    /// A JSON error body with a sentence a person can act on.
    static func jsonError(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let body = (try? JSONEncoder().encode(["error": message])) ?? Data()
        return Response(status: status,
                        headers: [.contentType: "application/json; charset=utf-8"],
                        body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension Request {
    /// Whether the caller wants JSON rather than a page.
    var isAPI: Bool { uri.path.hasPrefix("/api/") }
}
