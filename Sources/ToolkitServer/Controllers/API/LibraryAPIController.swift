import Hummingbird
import ToolkitCore

/// `GET /api/v1/library` and `GET /api/v1/library/{id}`.
struct LibraryAPIController {
    let services: AppServices

    struct Summary: Encodable {
        var id, title, summary, kind, category: String
        var components: [String]
        var minutes: Int
    }

    struct ItemList: Encodable {
        var items: [Summary]
        /// The search text contains risk language: show the crisis lines first.
        var riskLanguage: Bool
        var crisisLines: [CrisisLine]?
    }

    struct Step: Encodable { var title: String; var text: String; var seconds: Int?; var inhale: Int?; var exhale: Int?; var stepBack: String? }
    struct Field: Encodable { var id, type, label: String; var help: String?; var options: [String]? }
    struct Detail: Encodable {
        var id, title, summary, kind, category, audience: String
        var components: [String]
        var minutes: Int
        var situations: [String]
        var text: String
        var therapistNotes: String?
        var evidence: [String]
        var safetyLine: String?
        var steps: [Step]
        var fields: [Field]
        var prompts: PromptSet?
        var weeks: [ProgramWeek]
        var related: [String]
        var readingGrade: Double
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/api/v1/library", use: list)
        router.get("/api/v1/library/:id", use: show)
    }

    private func checkAccess(_ context: AppRequestContext) throws {
        if services.configuration.libraryRequiresSignIn { _ = try context.requireAPIUser() }
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        try checkAccess(context)
        let query = request.uri.queryParameters
        let limit = try Self.integer("limit", in: query, range: 1...Self.maximumLimit) ?? Self.maximumLimit
        let text = (query["q"].map(String.init) ?? "").replacingOccurrences(of: "+", with: " ")
        let results = try await services.catalog.library(for: context.user.libraryViewer).search.search(text, filters: try Self.filters(query), limit: limit)
        let risk = RiskLanguage.detects(text)
        return try Responses.json(ItemList(items: results.map { Self.summary($0.item) }, riskLanguage: risk,
                                           crisisLines: risk ? services.crisisLines.lines() : nil))
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        try checkAccess(context)
        guard let id = context.parameters.get("id"), let item = try await services.catalog.item(id, for: context.user.libraryViewer) else {
            throw HTTPError(.notFound, message: "No library item has that id.")
        }
        let notesAllowed = context.user?.userRole != .client
        return try Responses.json(Detail(
            id: item.id, title: item.title, summary: item.summary, kind: item.kind.rawValue, category: item.category.rawValue,
            audience: item.audience.rawValue, components: item.components.map(\.rawValue), minutes: item.minutes,
            situations: item.situations.map(\.rawValue), text: TextBlock.plainText(item.clientText),
            therapistNotes: notesAllowed ? TextBlock.plainText(item.therapistNotes) : nil, evidence: item.evidence,
            safetyLine: item.safetyLine, steps: item.steps.map { Step(title: $0.title, text: $0.text, seconds: $0.seconds, inhale: $0.breathing?.inhale, exhale: $0.breathing?.exhale, stepBack: $0.stepBack) },
            fields: item.fields.map { Field(id: $0.id, type: $0.type.rawValue, label: $0.label, help: $0.help, options: $0.options) },
            prompts: item.prompts, weeks: item.weeks, related: item.related,
            readingGrade: (item.readingGrade * 10).rounded() / 10))
    }

    static let maximumLimit = 500

    /// The filters, held to the values docs/openapi.yaml lists: a value outside them is a 400
    /// naming the ones that work, not a filter silently dropped (which would return everything).
    static func filters(_ query: Parameters) throws -> LibrarySearch.Filters {
        LibrarySearch.Filters(
            category: try value("category", in: query, as: ItemCategory.self),
            component: try value("component", in: query, as: CompassionComponent.self),
            kind: try value("kind", in: query, as: ItemKind.self),
            situation: try value("situation", in: query, as: Situation.self),
            maxMinutes: try integer("maxMinutes", in: query, range: 1...Int.max))
    }

    private static func value<T: RawRepresentable & CaseIterable>(_ name: String, in query: Parameters, as type: T.Type) throws -> T?
    where T.RawValue == String {
        guard let raw = query[Substring(name)] else { return nil }
        guard let value = T(rawValue: String(raw)) else {
            throw HTTPError(.badRequest, message: "\(name) must be one of: \(T.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return value
    }

    private static func integer(_ name: String, in query: Parameters, range: ClosedRange<Int>) throws -> Int? {
        guard let raw = query[Substring(name)] else { return nil }
        guard let value = Int(raw), range.contains(value) else {
            let bounds = range.upperBound == Int.max ? "\(range.lowerBound) or more" : "from \(range.lowerBound) to \(range.upperBound)"
            throw HTTPError(.badRequest, message: "\(name) must be a whole number \(bounds).")
        }
        return value
    }

    static func summary(_ item: LibraryItem) -> Summary {
        Summary(id: item.id, title: item.title, summary: item.summary, kind: item.kind.rawValue, category: item.category.rawValue,
                components: item.components.map(\.rawValue), minutes: item.minutes)
    }
}
