import Foundation

/// Whether the person is still working on a worksheet or has finished it for now. Either can be
/// changed later; "completed" is never a judgement of how well it was done.
public enum WorksheetStatus: String, Codable, Sendable, CaseIterable {
    case draft, completed

    public var displayName: String {
        switch self {
        case .draft: "Draft"
        case .completed: "Completed"
        }
    }

    /// The button that was pressed; anything else (pressing Enter in a field) keeps a draft.
    public init(formValue: String) {
        self = formValue == Self.completed.rawValue ? .completed : .draft
    }
}

/// One filled-in library worksheet, as one saved version holds it (sealed as a whole).
public struct SavedWorksheet: Codable, Sendable, Equatable {
    /// The library item the answers belong to.
    public var itemID: String
    /// The worksheet's title when it was saved, shown if the item ever leaves the library.
    public var title: String
    public var status: WorksheetStatus
    public var answers: WorksheetAnswers

    public init(itemID: String, title: String, status: WorksheetStatus, answers: WorksheetAnswers) {
        self.itemID = itemID
        self.title = title
        self.status = status
        self.answers = answers
    }
}

/// Turns what a worksheet form sent into answers, and answers back into what the form shows.
/// Pure: the same fields and values always give the same answers and problems.
public enum WorksheetSubmission {
    /// Builds the answers from the submitted values (keyed by field id, as typed) for the given
    /// fields; values for anything the worksheet doesn't have are ignored. Text is trimmed at
    /// its edges only, list lines one by one with blank lines dropped; empty fields stay
    /// unanswered. The problems say what can't be saved, each linked to its field.
    public static func answers(from submitted: [String: String], fields: [WorksheetField])
        -> (answers: WorksheetAnswers, problems: [WorksheetAnswers.Problem]) {
        var answers = WorksheetAnswers()
        var problems: [WorksheetAnswers.Problem] = []
        for field in fields {
            // Browsers send a form's line breaks as CR LF; keep plain line feeds.
            let raw = (submitted[field.id] ?? "").replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { continue }
            switch field.type {
            case .shortText, .longText, .choice:
                answers.values[field.id] = .text(trimmed)
            case .rating:
                if let number = Int(trimmed) {
                    answers.values[field.id] = .rating(number)
                } else {
                    problems.append(.init(field: field.id, message: "Please choose a whole number from 0 to 10 for “\(field.label)”."))
                }
            case .list:
                let lines = trimmed.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                answers.values[field.id] = .list(lines)
            }
        }
        problems += answers.problems(against: fields)
        if answers.isEmpty && problems.isEmpty, let first = fields.first {
            problems.append(.init(field: first.id, message: "Please fill in at least one part before saving. A few words are enough."))
        }
        return (answers, problems)
    }

    /// What each field of the form shows for saved answers: a list one line per item.
    public static func formValues(of answers: WorksheetAnswers) -> [String: String] {
        answers.values.mapValues { answer in
            switch answer {
            case .text(let text): text
            case .rating(let number): String(number)
            case .list(let lines): lines.joined(separator: "\n")
            }
        }
    }
}
