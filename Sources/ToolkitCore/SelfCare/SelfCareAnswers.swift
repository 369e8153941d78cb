import Foundation

/// What someone wrote into the self-care plan or a weekly check-in, kept by the library item's own field ids, so the
/// library's definition (labels, help, types) decides the form and the answers follow it.
/// Lists are kept one item a line.
public struct SelfCareAnswers: Codable, Sendable, Equatable {
    public var values: [String: String]

    public static let maximumShortLength = 300
    public static let maximumLongLength = 3_000
    public static let maximumListItems = 20

    public init(_ values: [String: String] = [:]) { self.values = values }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        values = try container.decodeIfPresent([String: String].self, forKey: .values) ?? [:]
    }

    public subscript(_ fieldID: String) -> String { values[fieldID] ?? "" }

    public func list(_ fieldID: String) -> [String] {
        self[fieldID].split(separator: "\n").map(String.init)
    }

    public func rating(_ fieldID: String) -> Int? { Int(self[fieldID]) }

    public var isEmpty: Bool { values.values.allSatisfy(\.isEmpty) }

    public typealias Problem = FieldProblem

    /// Keeps only the worksheet's fields, trims them, drops empty list lines, and says what
    /// can't be kept. An empty answer is always fine: no box has to be filled.
    public func validated(against fields: [WorksheetField]) -> (answers: SelfCareAnswers, problems: [Problem]) {
        var clean: [String: String] = [:]
        var problems: [Problem] = []
        for field in fields {
            let raw = self[field.id].replacingOccurrences(of: "\r\n", with: "\n")
            switch field.type {
            case .list:
                let lines = raw.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                if lines.count > Self.maximumListItems {
                    problems.append(.init(field: field.id, message: "Please keep \"\(field.label)\" to \(Self.maximumListItems) lines or fewer."))
                }
                if let long = lines.first(where: { $0.count > Self.maximumShortLength }) {
                    problems.append(.init(field: field.id, message: "Please keep each line of \"\(field.label)\" under \(Self.maximumShortLength) characters (one has \(long.count))."))
                }
                clean[field.id] = lines.joined(separator: "\n")
            case .rating:
                let text = raw.trimmingCharacters(in: .whitespaces)
                if !text.isEmpty, Int(text).map({ (0...10).contains($0) }) != true {
                    problems.append(.init(field: field.id, message: "Please choose a number from 0 to 10 for \"\(field.label)\", or leave it blank."))
                }
                clean[field.id] = text
            case .choice:
                let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty, !(field.options ?? []).contains(text) {
                    problems.append(.init(field: field.id, message: "Please choose one of the options for \"\(field.label)\"."))
                }
                clean[field.id] = text
            case .shortText:
                let text = raw.replacingOccurrences(of: "\n", with: " ").trimmingCharacters(in: .whitespaces)
                if text.count > Self.maximumShortLength {
                    problems.append(.init(field: field.id, message: "Please keep \"\(field.label)\" under \(Self.maximumShortLength) characters (this has \(text.count))."))
                }
                clean[field.id] = text
            case .longText:
                let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                if text.count > Self.maximumLongLength {
                    problems.append(.init(field: field.id, message: "Please keep \"\(field.label)\" under \(Self.maximumLongLength) characters (this has \(text.count))."))
                }
                clean[field.id] = text
            }
        }
        if clean.values.joined().unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) && $0 != "\n" }) {
            problems.append(.init(field: fields.first?.id ?? "", message: "The answers can't contain control characters."))
        }
        return (SelfCareAnswers(clean.filter { !$0.value.isEmpty }), problems)
    }
}

/// A weekly self-care check-in: the answers, and the day it was written where the client lives.
public struct WeeklyCheckIn: Codable, Sendable, Equatable {
    public var day: CalendarDay
    public var answers: SelfCareAnswers

    public static let libraryItemID = "weekly-self-care-check-in"

    public init(day: CalendarDay, answers: SelfCareAnswers) {
        self.day = day
        self.answers = answers
    }

    /// Only the answers need be present: a check-in sent without a day (as the API sends one)
    /// is given its day when it is saved.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        day = try container.decodeIfPresent(CalendarDay.self, forKey: .day) ?? CalendarDay(year: 1970, month: 1, day: 1)
        answers = try container.decodeIfPresent(SelfCareAnswers.self, forKey: .answers) ?? SelfCareAnswers()
    }

    /// Monday of the week a day falls in.
    public static func weekStart(of day: CalendarDay, calendar: Calendar) -> CalendarDay {
        day.adding(days: 1 - day.isoWeekday(in: calendar), in: calendar)
    }

    /// True when none of the check-ins was written in the Monday-to-Sunday week holding `today`.
    public static func isDue(today: CalendarDay, checkInDays: [CalendarDay], calendar: Calendar) -> Bool {
        let week = weekStart(of: today, calendar: calendar)
        return !checkInDays.contains { weekStart(of: $0, calendar: calendar) == week }
    }
}

/// The living self-care plan: answers to the library's self-care-plan worksheet.
public enum SelfCarePlan {
    public static let libraryItemID = "self-care-plan"
}
