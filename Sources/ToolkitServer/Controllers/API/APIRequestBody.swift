import Foundation
import Hummingbird
import NIOCore

/// Request bodies read as strictly as docs/openapi.yaml describes them: a property the
/// description doesn't list, a `null`, or a value of the wrong type is refused with a sentence
/// saying which, rather than quietly ignored or read as empty.
enum APIRequestBody {
    /// What was wrong with a body, in words for the person writing the client.
    struct Problem: Error {
        let message: String
    }

    /// The decoded body; otherwise a 400 in the API's usual error shape (`{"error": "..."}`,
    /// written by `ErrorPageMiddleware`) that names the problem, then says what to send.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, context: AppRequestContext,
                                     expected: String) async throws -> T {
        var request = request
        guard let buffer = try? await request.collectBody(upTo: context.maxUploadSize) else {
            throw HTTPError(.badRequest, message: expected)
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
        } catch let problem as Problem {
            throw HTTPError(.badRequest, message: problem.message + " " + expected)
        } catch let error as DecodingError {
            throw HTTPError(.badRequest, message: (describe(error).map { $0 + " " } ?? "") + expected)
        } catch {
            throw HTTPError(.badRequest, message: expected)
        }
    }

    /// A sentence for a type or missing-value error, naming the property; nil when the body isn't JSON at all.
    static func describe(_ error: DecodingError) -> String? {
        switch error {
        case .typeMismatch(let type, let context):
            guard !context.codingPath.isEmpty else { return nil }
            return "\"\(path(context.codingPath))\" should be \(kind(of: type))."
        case .valueNotFound(_, let context):
            return "\"\(path(context.codingPath))\" can't be null."
        case .keyNotFound(let key, let context):
            return "\"\(path(context.codingPath + [key]))\" is missing."
        default:
            return nil
        }
    }

    static func path(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            .replacingOccurrences(of: ".[", with: "[")
    }

    private static func kind(of type: Any.Type) -> String {
        switch type {
        case is String.Type: "text"
        case is Int.Type: "a whole number"
        case is Bool.Type: "true or false"
        case is [String].Type: "a list of text"
        default: type is any Collection.Type ? "a list" : "an object"
        }
    }
}

/// Any property name, for listing what a body holds.
struct JSONPropertyKey: CodingKey {
    let stringValue: String
    let intValue: Int? = nil
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

extension Decoder {
    /// Refuses a JSON object with properties other than `allowed`, naming the first stranger.
    func rejectUnknownProperties(allowed: Set<String>) throws {
        let container = try self.container(keyedBy: JSONPropertyKey.self)
        let unknown = container.allKeys.map(\.stringValue).filter { !allowed.contains($0) }.sorted()
        if let first = unknown.first {
            let prefix = codingPath.isEmpty ? "" : APIRequestBody.path(codingPath) + "."
            throw APIRequestBody.Problem(message: "\"\(prefix)\(first)\" is not a property this takes.")
        }
    }
}

extension KeyedDecodingContainer {
    /// A property that may be left out but, when present, may not be null.
    func decodeUnlessAbsent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard contains(key) else { return nil }
        if try decodeNil(forKey: key) {
            throw APIRequestBody.Problem(message: "\"\(APIRequestBody.path(codingPath + [key as any CodingKey]))\" can't be null; leave it out instead.")
        }
        return try decode(T.self, forKey: key)
    }
}

/// The name of the one property a `SingleProperty` body holds.
protocol APIPropertyName { static var name: String { get } }

/// A body of exactly one property, such as `{"done": true}`: anything beside it, a null or a
/// missing property is refused, as the schema's `additionalProperties: false` says.
struct SingleProperty<Name: APIPropertyName, Value: Decodable>: Decodable {
    var value: Value

    init(from decoder: any Decoder) throws {
        try decoder.rejectUnknownProperties(allowed: [Name.name])
        value = try decoder.container(keyedBy: JSONPropertyKey.self).decode(Value.self, forKey: JSONPropertyKey(stringValue: Name.name))
    }
}
