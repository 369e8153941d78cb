import Foundation

/// One answer on a worksheet, shaped by its field's type: text for short text, long text and a
/// choice; a whole number for a rating; lines for a list. Stored as the plain JSON value (a
/// string, a number or an array of strings) so an export reads naturally.
public enum WorksheetAnswer: Codable, Sendable, Equatable {
    case text(String)
    case rating(Int)
    case list([String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .rating(number)
        } else if let lines = try? container.decode([String].self) {
            self = .list(lines)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .rating(let number): try container.encode(number)
        case .list(let lines): try container.encode(lines)
        }
    }
}

/// What a person wrote on one worksheet: answers keyed by the id of the field they answer.
/// Fields left empty have no answer.
public struct WorksheetAnswers: Codable, Sendable, Equatable {
    public var values: [String: WorksheetAnswer]

    public init(_ values: [String: WorksheetAnswer] = [:]) { self.values = values }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: WorksheetAnswer].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }

    public subscript(_ fieldID: String) -> WorksheetAnswer? { values[fieldID] }

    public var isEmpty: Bool { values.isEmpty }

    public func text(_ fieldID: String) -> String {
        if case .text(let text)? = values[fieldID] { return text }
        return ""
    }

    public func rating(_ fieldID: String) -> Int? {
        if case .rating(let number)? = values[fieldID] { return number }
        return nil
    }

    public func list(_ fieldID: String) -> [String] {
        if case .list(let lines)? = values[fieldID] { return lines }
        return []
    }

    /// The limits each type of field keeps to; shown beside the field and checked on saving.
    public enum Limits {
        public static let shortText = 500
        public static let longText = 10_000
        public static let listItems = 30
        public static let listItemLength = 500
        public static let ratings = 0...10
    }

    /// Something that keeps a worksheet from being saved, and the field it is about.
    public typealias Problem = FieldProblem

    /// Checks stored or submitted answers against the worksheet's own field definitions: only
    /// fields the worksheet has, each of the type its field expects and within its limits.
    public func problems(against fields: [WorksheetField]) -> [Problem] {
        var problems: [Problem] = []
        let known = Set(fields.map(\.id))
        for id in values.keys.sorted() where !known.contains(id) {
            problems.append(Problem(field: id, message: "This worksheet has no part called \(id)."))
        }
        for field in fields {
            guard let answer = values[field.id] else { continue }
            problems += Self.problems(with: answer, for: field)
        }
        return problems
    }

    private static func problems(with answer: WorksheetAnswer, for field: WorksheetField) -> [Problem] {
        func problem(_ message: String) -> [Problem] { [Problem(field: field.id, message: message)] }
        switch (field.type, answer) {
        case (.shortText, .text(let text)):
            if text.count > Limits.shortText {
                return problem("Please keep “\(field.label)” under \(Limits.shortText) characters (it has \(text.count)). A longer answer could go in a part with more room.")
            }
            return hasControlCharacters(text, allowingLineBreaks: false) ? problem("“\(field.label)” is one line: please take out the line breaks or special characters.") : []
        case (.longText, .text(let text)):
            if text.count > Limits.longText {
                return problem("Please keep “\(field.label)” under \(Limits.longText) characters (it has \(text.count)). You could keep the rest in your journal.")
            }
            return hasControlCharacters(text, allowingLineBreaks: true) ? problem("“\(field.label)” has special characters that can't be saved. Please take them out.") : []
        case (.rating, .rating(let number)):
            return Limits.ratings.contains(number) ? [] : problem("Please choose a whole number from 0 to 10 for “\(field.label)”.")
        case (.choice, .text(let choice)):
            return (field.options ?? []).contains(choice) ? [] : problem("Please choose one of the options for “\(field.label)”.")
        case (.list, .list(let lines)):
            if lines.count > Limits.listItems {
                return problem("Please keep “\(field.label)” to \(Limits.listItems) lines or fewer (it has \(lines.count)).")
            }
            if let long = lines.first(where: { $0.count > Limits.listItemLength }) {
                return problem("Please keep each line of “\(field.label)” under \(Limits.listItemLength) characters (one has \(long.count)).")
            }
            return lines.contains { hasControlCharacters($0, allowingLineBreaks: false) } ? problem("“\(field.label)” has special characters that can't be saved. Please take them out.") : []
        default:
            return problem("The answer to “\(field.label)” isn't the kind this part takes.")
        }
    }

    /// Control characters only (not format characters: emoji sequences use joiners).
    private static func hasControlCharacters(_ text: String, allowingLineBreaks: Bool) -> Bool {
        text.unicodeScalars.contains { scalar in
            scalar.properties.generalCategory == .control && !(scalar == "\t" || (allowingLineBreaks && scalar == "\n"))
        }
    }
}
