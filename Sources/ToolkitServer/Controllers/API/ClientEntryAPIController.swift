import Foundation
import Hummingbird
import SQLKit
import ToolkitCore

/// What an entry sent over the API may need beyond itself: the library (for a kind built from a
/// worksheet's fields), the client's today, and fresh ids for parts of an entry.
struct ClientEntryAPISetting: Sendable {
    var library: ContentLibrary
    var today: CalendarDay
    var now: Date
    var newID: @Sendable () -> String
}

/// A kind of the client's own entries that the JSON API takes and returns: the entry's own
/// properties, which of them must be sent, and the rules it is checked against.
protocol ClientEntryAPIEntry: Codable, Sendable {
    /// Every property a request may send (anything else is refused).
    static var apiProperties: [String] { get }
    /// Properties a request must send.
    static var requiredAPIProperties: [String] { get }
    /// The entry tidied, and sentences for anything that keeps it from being saved.
    func apiValidated(in setting: ClientEntryAPISetting) -> (entry: Self, problems: [String])
    /// What is kept when a request sends this entry: a new entry when `saved` is nil, otherwise a
    /// replacement for `saved` that keeps what the API does not send (a goal's reflections, the
    /// day a check-in was written). By default the entry as sent.
    func apiKept(replacing saved: Self?, in setting: ClientEntryAPISetting) -> Self
}

extension ClientEntryAPIEntry {
    func apiKept(replacing saved: Self?, in setting: ClientEntryAPISetting) -> Self { self }
}

/// One kind of client entry over the JSON API under /api/v1/me/<segment>: a page at a time, one
/// entry, write, change, delete, share. The same rules as the web pages: only the owner, every
/// write and read audited, sealed at rest.
struct ClientEntryAPIController<Entry: ClientEntryAPIEntry> {
    let services: AppServices
    let store: ClientEntryStore<Entry>
    /// The path segment: "thought-records", "critic-lines", ...
    let segment: String
    /// What one is called in a sentence: "thought record".
    let noun: String
    /// Written in the same transaction as a new entry (a practice that completes an assignment).
    var alongsideCreate: (@Sendable (_ entry: Entry, _ owner: User, _ id: String, _ db: any SQLDatabase) async throws -> Void)? = nil

    /// An entry with its id, times and sharing, its own properties alongside.
    struct EntryResponse: Encodable {
        var id: String
        var createdAt: Date
        var updatedAt: Date
        var shared: Bool
        var entry: Entry

        init(_ loaded: ClientEntryStore<Entry>.Loaded) {
            id = loaded.id; createdAt = loaded.createdAt; updatedAt = loaded.updatedAt; shared = loaded.shared; entry = loaded.entry
        }

        private enum Keys: String, CodingKey { case id, createdAt, updatedAt, shared }

        func encode(to encoder: any Encoder) throws {
            try entry.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(id, forKey: .id)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(updatedAt, forKey: .updatedAt)
            try container.encode(shared, forKey: .shared)
        }
    }

    struct PageResponse: Encodable {
        var entries: [EntryResponse]
        /// Pass as `before` for the next (older) page; absent on the last page.
        var olderBefore: String?
    }

    /// A request body read strictly: only the kind's properties, the required ones present, no nulls.
    struct StrictBody: Decodable {
        var entry: Entry

        init(from decoder: any Decoder) throws {
            try decoder.rejectUnknownProperties(allowed: Set(Entry.apiProperties))
            let container = try decoder.container(keyedBy: JSONPropertyKey.self)
            for key in Entry.requiredAPIProperties where !container.contains(JSONPropertyKey(stringValue: key)) {
                throw APIRequestBody.Problem(message: "\"\(key)\" is missing.")
            }
            for key in container.allKeys where try container.decodeNil(forKey: key) {
                throw APIRequestBody.Problem(message: "\"\(key.stringValue)\" can't be null; leave it out instead.")
            }
            entry = try Entry(from: decoder)
        }
    }

    var base: String { "/api/v1/me/\(segment)" }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(base), use: list)
        router.post(RouterPath(base), use: create)
        router.get(RouterPath(base + "/:id"), use: show)
        router.put(RouterPath(base + "/:id"), use: update)
        router.delete(RouterPath(base + "/:id"), use: delete)
        router.put(RouterPath(base + "/:id/sharing"), use: sharing)
    }

    private func client(_ context: AppRequestContext) throws -> User {
        let user = try context.requireAPIUser()
        guard user.userRole == .client else { throw HTTPError(.forbidden, message: "Only clients keep \(noun)s.") }
        return user
    }

    private func address(_ request: Request, _ context: AppRequestContext) -> String { services.clientAddress(request, context: context) }
    private var notFound: String { "You have no \(noun) with that id." }
    private var expected: String {
        "Send the \(noun) as a JSON object with " + Entry.requiredAPIProperties.map { "\"\($0)\"" }.joined(separator: " and ")
            + " (and optionally " + Entry.apiProperties.filter { !Entry.requiredAPIProperties.contains($0) }.map { "\"\($0)\"" }
            .joined(separator: ", ") + ")."
    }

    private func loaded(_ id: String, _ user: User, _ request: Request, _ context: AppRequestContext) async throws -> ClientEntryStore<Entry>.Loaded {
        guard let loaded = try await store.load(id: id, for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: notFound)
        }
        return loaded
    }

    /// `library` is the one the client sees, where an entry names an item (a practice record).
    private func setting(_ library: ContentLibrary? = nil) -> ClientEntryAPISetting {
        ClientEntryAPISetting(library: library ?? services.library, today: ClientCalendar.today(services, in: DisplayTime.calendar),
                              now: services.configuration.clock(),
                              newID: { Randomness.identifier() })
    }

    private func validated(_ request: Request, _ context: AppRequestContext) async throws -> Entry {
        let submitted = try await APIRequestBody.decode(StrictBody.self, from: request, context: context, expected: expected).entry
        let (entry, problems) = submitted.apiValidated(in: setting(try await services.catalog.library(for: context.user.libraryViewer)))
        guard problems.isEmpty else { throw HTTPError(.unprocessableContent, message: problems.joined(separator: " ")) }
        return entry
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let before = request.uri.queryParameters["before"].map(String.init)
        let page = try await store.page(for: user, before: before, address: address(request, context))
        return try Responses.json(PageResponse(entries: page.entries.map(EntryResponse.init),
                                               olderBefore: page.hasOlder ? page.entries.last?.id : nil))
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let entry = try await validated(request, context)
        let kept = entry.apiKept(replacing: nil, in: setting())
        var alongside: (@Sendable (_ db: any SQLDatabase, _ id: String) async throws -> Void)?
        if let write = alongsideCreate {
            alongside = { db, id in try await write(kept, user, id, db) }
        }
        let id = try await store.create(kept, for: user, address: address(request, context), alongside: alongside)
        return try Responses.json(EntryResponse(try await loaded(id, user, request, context)), status: .created)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        return try Responses.json(EntryResponse(try await loaded(context.parameters.get("id") ?? "", user, request, context)))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let id = context.parameters.get("id") ?? ""
        let entry = try await validated(request, context)
        let setting = self.setting()
        // Changed from what is saved now, so what the API doesn't send (a goal's reflections) stays.
        guard try await store.modify(id: id, for: user, address: address(request, context), { saved in
            entry.apiKept(replacing: saved, in: setting)
        }) != nil else {
            throw HTTPError(.notFound, message: notFound)
        }
        return try Responses.json(EntryResponse(try await loaded(id, user, request, context)))
    }

    @Sendable func delete(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        guard try await store.delete(id: context.parameters.get("id") ?? "", for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: notFound)
        }
        return Response(status: .noContent)
    }

    @Sendable func sharing(_ request: Request, context: AppRequestContext) async throws -> Response {
        let user = try client(context)
        let id = context.parameters.get("id") ?? ""
        let body = try await APIRequestBody.decode(APIRequestBodies.Sharing.self, from: request, context: context,
                                                   expected: "Send {\"shared\": true} or {\"shared\": false}.")
        guard try await store.setShared(body.shared, id: id, for: user, address: address(request, context)) else {
            throw HTTPError(.notFound, message: notFound)
        }
        return try Responses.json(EntryResponse(try await loaded(id, user, request, context)))
    }
}

extension ThoughtRecord: ClientEntryAPIEntry {
    static var apiProperties: [String] {
        ["thought", "beliefBefore", "feelingBefore", "mindful", "commonHumanity", "friend", "beliefAfter", "feelingAfter"]
    }
    static var requiredAPIProperties: [String] { ["thought"] }
    func apiValidated(in setting: ClientEntryAPISetting) -> (entry: ThoughtRecord, problems: [String]) {
        let (record, problems) = validated()
        return (record, problems.map(\.message))
    }
}

extension CriticAnswer: ClientEntryAPIEntry {
    static var apiProperties: [String] { ["critic", "answer"] }
    static var requiredAPIProperties: [String] { ["critic"] }
    func apiValidated(in setting: ClientEntryAPISetting) -> (entry: CriticAnswer, problems: [String]) {
        let (line, problems) = validated()
        return (line, problems.map(\.message))
    }
}

extension Goal: ClientEntryAPIEntry {
    static var apiProperties: [String] { ["title", "value", "goodEnough", "steps"] }
    static var requiredAPIProperties: [String] { ["title", "value", "steps"] }
    func apiValidated(in setting: ClientEntryAPISetting) -> (entry: Goal, problems: [String]) {
        let (goal, problems) = validated()
        return (goal, problems.map(\.message))
    }

    /// Steps sent with the id of a saved step keep that id; any other step gets a new one. The
    /// setback reflections are written on the goal's page and kept as they are.
    func apiKept(replacing saved: Goal?, in setting: ClientEntryAPISetting) -> Goal {
        var goal = self
        let savedIDs = Set(saved?.steps.map(\.id) ?? [])
        var used = Set<String>()
        goal.steps = steps.map { step in
            var step = step
            if step.id.isEmpty || !savedIDs.contains(step.id) || used.contains(step.id) { step.id = setting.newID() }
            used.insert(step.id)
            return step
        }
        goal.reflections = saved?.reflections ?? []
        return goal
    }
}

extension WeeklyCheckIn: ClientEntryAPIEntry {
    static var apiProperties: [String] { ["answers"] }
    static var requiredAPIProperties: [String] { ["answers"] }
    func apiValidated(in setting: ClientEntryAPISetting) -> (entry: WeeklyCheckIn, problems: [String]) {
        let fields = setting.library.item(WeeklyCheckIn.libraryItemID)?.fields ?? []
        let known = Set(fields.map(\.id))
        let (answers, problems) = answers.validated(against: fields)
        var messages = problems.map(\.message)
        let unknown = self.answers.values.keys.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty {
            messages.append("The check-in has no question " + unknown.map { "\"\($0)\"" }.joined(separator: ", ")
                            + ". Its questions are " + fields.map { "\"\($0.id)\"" }.joined(separator: ", ") + ".")
        }
        if messages.isEmpty, answers.isEmpty { messages.append("Please answer at least one question. A single number is enough.") }
        return (WeeklyCheckIn(day: day, answers: answers), messages)
    }

    /// A check-in belongs to the day it was first written, in the client's own time zone.
    func apiKept(replacing saved: WeeklyCheckIn?, in setting: ClientEntryAPISetting) -> WeeklyCheckIn {
        WeeklyCheckIn(day: saved?.day ?? setting.today, answers: answers)
    }
}

extension PracticeRecord: ClientEntryAPIEntry {
    static var apiProperties: [String] {
        ["itemID", "minutes", "distressBefore", "kindnessBefore", "distressAfter", "kindnessAfter", "note"]
    }
    static var requiredAPIProperties: [String] { ["itemID", "minutes"] }

    /// A guided practice or grounding exercise from the library, named as the library names it now.
    func apiValidated(in setting: ClientEntryAPISetting) -> (entry: PracticeRecord, problems: [String]) {
        var record = self
        var messages: [String] = []
        if let item = setting.library.item(itemID.trimmingCharacters(in: .whitespaces)), item.isPractice {
            record.itemTitle = item.title
        } else {
            messages.append("\"\(itemID)\" isn't a practice in the library. Practices are the library's guided practices and grounding exercises.")
        }
        let (validated, problems) = record.validated()
        return (validated, messages + problems.filter { $0.field != "item" }.map(\.message))
    }

    /// A new record is finished when it is sent; a change keeps when that was.
    func apiKept(replacing saved: PracticeRecord?, in setting: ClientEntryAPISetting) -> PracticeRecord {
        var record = self
        record.finishedAt = saved?.finishedAt ?? setting.now
        return record
    }
}
