import Foundation

/// What a therapist typed into the assignment form, kept as text so a rejected form comes back
/// exactly as it was sent.
public struct AssignmentInput: Sendable, Equatable {
    public var itemID: String
    public var note: String
    public var frequency: String
    public var timesPerWeek: String
    public var weekdays: [String]
    public var start: String
    public var end: String

    public static let maximumNoteLength = 1_000

    public init(itemID: String = "", note: String = "", frequency: String = AssignmentSchedule.Frequency.daily.rawValue,
                timesPerWeek: String = "3", weekdays: [String] = [], start: String = "", end: String = "") {
        self.itemID = itemID
        self.note = note
        self.frequency = frequency
        self.timesPerWeek = timesPerWeek
        self.weekdays = weekdays
        self.start = start
        self.end = end
    }

    /// The form showing a saved assignment.
    public init(itemID: String, note: String, schedule: AssignmentSchedule) {
        self.init(itemID: itemID, note: note, frequency: schedule.frequency.rawValue, timesPerWeek: String(schedule.timesPerWeek),
                  weekdays: schedule.weekdays.map(String.init), start: schedule.start.description, end: schedule.end?.description ?? "")
    }

    /// The note (edges trimmed) and schedule this input describes, or what keeps them from being saved.
    /// `knownItem` says whether the library has the item.
    public func validated(knownItem: (String) -> Bool) -> (note: String, schedule: AssignmentSchedule?, problems: [AssignmentSchedule.Problem]) {
        typealias Problem = AssignmentSchedule.Problem
        var problems: [Problem] = []
        if !knownItem(itemID.trimmingCharacters(in: .whitespaces)) {
            problems.append(Problem(field: "item", message: "Please choose an item from the library."))
        }
        let note = note.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if note.count > Self.maximumNoteLength {
            problems.append(Problem(field: "note", message: "Please keep the note under \(Self.maximumNoteLength) characters (this one has \(note.count))."))
        }
        if note.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) && $0 != "\n" && $0 != "\t" }) {
            problems.append(Problem(field: "note", message: "The note can't contain control characters."))
        }
        let frequency = AssignmentSchedule.Frequency(rawValue: frequency)
        if frequency == nil {
            problems.append(Problem(field: "frequency", message: "Please choose how often: once, every day, a number of times a week or chosen days."))
        }
        let startDay = CalendarDay(start.trimmingCharacters(in: .whitespaces))
        if startDay == nil {
            problems.append(Problem(field: "start", message: "Please give the start date as a date, such as 2026-05-04."))
        }
        let trimmedEnd = end.trimmingCharacters(in: .whitespaces)
        let endDay = trimmedEnd.isEmpty ? nil : CalendarDay(trimmedEnd)
        if !trimmedEnd.isEmpty, endDay == nil {
            problems.append(Problem(field: "end", message: "Please give the end date as a date, such as 2026-06-01, or leave it empty."))
        }
        let times = Int(timesPerWeek.trimmingCharacters(in: .whitespaces))
        let days = weekdays.compactMap { Int($0) }
        if frequency == .weekdays, days.count != weekdays.count {
            problems.append(Problem(field: "weekdays", message: "Please choose days of the week from the list."))
        }
        guard let frequency, let startDay, problems.isEmpty || problems.allSatisfy({ $0.field == "item" || $0.field == "note" }) else {
            return (note, nil, problems)
        }
        let schedule = AssignmentSchedule(frequency: frequency, timesPerWeek: frequency == .timesPerWeek ? (times ?? 0) : 1,
                                          weekdays: frequency == .weekdays ? days : [], start: startDay, end: endDay)
        problems += schedule.problems()
        return (note, problems.isEmpty ? schedule : nil, problems)
    }
}
