import Foundation
import Hummingbird
import ToolkitCore

/// A finished practice saved over the JSON API (what practice mode's "I've finished" form does):
/// the item's title comes from the library, never from the body, and an assignment the practice
/// counts toward is completed in the same transaction.
struct PracticeLogAPIController {
    let services: AppServices

    struct Body: Decodable {
        var itemId: String
        var minutes: Int
        var distressBefore: Int?
        var distressAfter: Int?
        var kindnessBefore: Int?
        var kindnessAfter: Int?
        var note: String?

        private enum Keys: String, CodingKey, CaseIterable { case itemId, minutes, distressBefore, distressAfter, kindnessBefore, kindnessAfter, note }

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(Keys.allCases.map(\.rawValue)))
            let container = try decoder.container(keyedBy: Keys.self)
            itemId = try container.decode(String.self, forKey: .itemId)
            minutes = try container.decode(Int.self, forKey: .minutes)
            distressBefore = try container.decodeUnlessAbsent(Int.self, forKey: .distressBefore)
            distressAfter = try container.decodeUnlessAbsent(Int.self, forKey: .distressAfter)
            kindnessBefore = try container.decodeUnlessAbsent(Int.self, forKey: .kindnessBefore)
            kindnessAfter = try container.decodeUnlessAbsent(Int.self, forKey: .kindnessAfter)
            note = try container.decodeUnlessAbsent(String.self, forKey: .note)
        }
    }

    struct RecordResponse: Encodable {
        var id: String
        var shared: Bool
        var record: PracticeRecord
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.post("/api/v1/me/practice-log", use: create)
    }

    private static let expected = #"Send JSON: {"itemId": "self-compassion-break", "minutes": 5}, optionally with ratings from 0 to 10 (distressBefore, distressAfter, kindnessBefore, kindnessAfter) and a "note"."#

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let client = try context.requireAPIUser()
        guard client.userRole == .client else { throw HTTPError(.forbidden, message: "Only clients keep a practice log.") }
        let body = try await APIRequestBody.decode(Body.self, from: request, context: context, expected: Self.expected)
        guard let item = services.library.item(body.itemId), item.isPractice else {
            throw HTTPError(.unprocessableContent, message: "There is no practice with that itemId in the library.")
        }
        let (record, problems) = PracticeRecord(itemID: item.id, itemTitle: item.title, minutes: body.minutes, finishedAt: services.configuration.clock(),
                                                distressBefore: body.distressBefore, distressAfter: body.distressAfter,
                                                kindnessBefore: body.kindnessBefore, kindnessAfter: body.kindnessAfter, note: body.note ?? "").validated()
        guard problems.isEmpty else { throw HTTPError(.unprocessableContent, message: problems.map(\.message).joined(separator: " ")) }
        let assignments = services.assignments
        let day = CalendarDay(record.finishedAt, in: AssignmentStore.calendar(for: client))
        let address = services.clientAddress(request, context: context)
        let id = try await services.practiceLog.create(record, for: client, address: address) { db, id in
            try await assignments.recordCompletion(of: record.itemID, minutes: record.minutes, sourceKind: "practice", sourceID: id,
                                                   day: day, client: client, on: db)
        }
        guard let loaded = try await services.practiceLog.load(id: id, for: client, address: address) else { throw HTTPError(.notFound) }
        return try Responses.json(RecordResponse(id: id, shared: loaded.shared, record: loaded.entry), status: .created)
    }
}
