import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// The JSON API for the client's entries beyond the journal (thought records, critic lines):
/// the same round trip, the same strict bodies, the same walls between people.
@Suite struct ClientEntryAPITests {
    struct Kind: Sendable, CustomTestStringConvertible {
        var segment: String
        var table: String
        var valid: String
        var changed: String
        var changedKey: String
        var changedValue: String
        var invalid: String
        var missingRequired: String
        var testDescription: String { segment }
    }

    static let kinds = [
        Kind(segment: "thought-records", table: "thought_records",
             valid: #"{"thought":"I always fail","beliefBefore":80,"feelingBefore":7}"#,
             changed: #"{"thought":"I always fail","friend":"You tried hard and you're learning."}"#,
             changedKey: "friend", changedValue: "You tried hard and you're learning.",
             invalid: #"{"thought":"   "}"#, missingRequired: #"{"friend":"kind words"}"#),
        Kind(segment: "critic-lines", table: "critic_answers",
             valid: #"{"critic":"You're useless"}"#,
             changed: #"{"critic":"You're useless","answer":"I'm having a hard day, not a useless life."}"#,
             changedKey: "answer", changedValue: "I'm having a hard day, not a useless life.",
             invalid: #"{"critic":""}"#, missingRequired: #"{"answer":"kind words"}"#),
        Kind(segment: "goals", table: "goals",
             valid: #"{"title":"Sleep a little earlier","value":"Rest","steps":[{"text":"Phone out of the bedroom"}]}"#,
             changed: #"{"title":"Sleep a little earlier","value":"Rest","steps":[{"text":"Phone out of the bedroom"}],"goodEnough":"Three nights a week."}"#,
             changedKey: "goodEnough", changedValue: "Three nights a week.",
             invalid: #"{"title":" ","value":"Rest","steps":[{"text":"x"}]}"#, missingRequired: #"{"goodEnough":"kind words"}"#),
        Kind(segment: "practice-log", table: "practice_log_entries",
             valid: #"{"itemID":"affectionate-breathing","minutes":10,"distressBefore":6,"distressAfter":4}"#,
             changed: #"{"itemID":"affectionate-breathing","minutes":12,"note":"Calmer after the second round."}"#,
             changedKey: "note", changedValue: "Calmer after the second round.",
             invalid: #"{"itemID":"affectionate-breathing","minutes":0}"#, missingRequired: #"{"minutes":5}"#),
    ]

    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.bodyText.utf8)) as? [String: Any])
    }

    @Test(arguments: kinds) func theAPIWritesReadsPagesChangesSharesAndDeletes(_ kind: Kind) async throws {
        try await withApp { app in
            // setup
            _ = try await JournalTests.setUp(app)
            let token = try await app.apiToken("c@example.org")
            let base = "/api/v1/me/\(kind.segment)"
            func call(_ method: HTTPRequest.Method, _ path: String, _ json: String? = nil) async throws -> TestResponse {
                try await ConcurrencyTests.call(app, method, path, token: token, json: json)
            }
            // act + check: write, read, change, share
            let created = try await call(.post, base, kind.valid)
            #expect(created.status == .created)
            let id = try #require(try Self.object(created)["id"] as? String)
            #expect(try Self.object(created)["shared"] as? Bool == false)
            #expect(try await call(.get, "\(base)/\(id)").status == .ok)
            let changed = try await call(.put, "\(base)/\(id)", kind.changed)
            #expect(try Self.object(changed)[kind.changedKey] as? String == kind.changedValue)
            let shared = try await call(.put, "\(base)/\(id)/sharing", #"{"shared":true}"#)
            #expect(try Self.object(shared)["shared"] as? Bool == true)
            // pages
            for _ in 0..<ClientEntryStore<CriticAnswer>.pageSize { _ = try await call(.post, base, kind.valid) }
            let first = try Self.object(try await call(.get, base))
            let older = try #require(first["olderBefore"] as? String)
            let second = try Self.object(try await call(.get, "\(base)?before=\(older)"))
            #expect((first["entries"] as? [Any])?.count == ClientEntryStore<CriticAnswer>.pageSize)
            #expect((second["entries"] as? [Any])?.count == 1)
            #expect(second["olderBefore"] == nil)
            // refused: unknown property, null, missing, invalid, an id that isn't there
            #expect(try await call(.post, base, String(kind.valid.dropLast()) + #","mood":"calm"}"#).status == .badRequest)
            #expect(try await call(.post, base, String(kind.valid.dropLast()) + #","\#(kind.changedKey)":null}"#).status == .badRequest)
            let missing = try await call(.post, base, kind.missingRequired)
            #expect(missing.status == .badRequest)
            #expect(missing.bodyText.contains("is missing"))
            #expect(try await call(.post, base, kind.invalid).status == .unprocessableContent)
            #expect(try await call(.get, "\(base)/not-an-entry").status == .notFound)
            // delete
            #expect(try await call(.delete, "\(base)/\(id)").status == .noContent)
            #expect(try await call(.get, "\(base)/\(id)").status == .notFound)
            #expect(try await app.count(kind.table) == ClientEntryStore<CriticAnswer>.pageSize)
        }
    }

    @Test(arguments: kinds) func theAPIKeepsOtherPeopleOut(_ kind: Kind) async throws {
        try await withApp { app in
            // setup
            _ = try await JournalTests.setUp(app)
            try await app.createUser(.client, email: "other@example.org", therapist: "t@example.org")
            let owner = try await app.apiToken("c@example.org")
            let other = try await app.apiToken("other@example.org")
            let therapist = try await app.apiToken("t@example.org")
            let base = "/api/v1/me/\(kind.segment)"
            let created = try await ConcurrencyTests.call(app, .post, base, token: owner, json: kind.valid)
            let id = try #require(try Self.object(created)["id"] as? String)
            // act + check
            #expect(try await ConcurrencyTests.call(app, .get, "\(base)/\(id)", token: other).status == .notFound)
            #expect(try await ConcurrencyTests.call(app, .put, "\(base)/\(id)", token: other, json: kind.changed).status == .notFound)
            #expect(try await ConcurrencyTests.call(app, .put, "\(base)/\(id)/sharing", token: other, json: #"{"shared":true}"#).status == .notFound)
            #expect(try await ConcurrencyTests.call(app, .delete, "\(base)/\(id)", token: other).status == .notFound)
            #expect(try await ConcurrencyTests.call(app, .get, base, token: therapist).status == .forbidden)
            #expect(try await ConcurrencyTests.call(app, .get, base, token: nil).status == .unauthorized)
            let othersList = try Self.object(try await ConcurrencyTests.call(app, .get, base, token: other))
            #expect((othersList["entries"] as? [Any])?.isEmpty == true)
            #expect(try await app.count(kind.table) == 1)
        }
    }
}
