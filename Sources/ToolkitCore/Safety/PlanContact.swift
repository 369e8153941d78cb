import Foundation

/// A person or service on the safety plan, with a number to call. The plan keeps each one as a
/// line of text ("Sam, 07700 900123"), so older plans and the API stay as they are; the form asks
/// for the name and the number separately, so the number is never forgotten.
public struct PlanContact: Equatable, Sendable {
    public var name: String
    public var phone: String
    /// When to call, or anything else worth knowing ("24 hours", "after 6pm").
    public var note: String

    public init(name: String, phone: String, note: String = "") {
        self.name = Self.oneLine(name)
        self.phone = Self.oneLine(phone)
        self.note = Self.oneLine(note)
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces)
    }

    public var isEmpty: Bool { name.isEmpty && phone.isEmpty && note.isEmpty }

    /// The line kept in the plan: "Sam, 07700 900123, after 6pm".
    public var entry: String { [name, phone, note].filter { !$0.isEmpty }.joined(separator: ", ") }

    /// Splits a line of the plan back into its parts: the longest run that reads as a phone
    /// number is the number, what comes before it the name, what comes after it the note.
    public static func parse(_ entry: String) -> PlanContact {
        guard let range = PhoneNumber.longestRun(in: entry) else { return PlanContact(name: entry, phone: "") }
        let separators = CharacterSet(charactersIn: ",;:-–—").union(.whitespacesAndNewlines)
        let before = entry[..<range.lowerBound].trimmingCharacters(in: separators)
        let after = entry[range.upperBound...].trimmingCharacters(in: separators)
        if before.isEmpty { return PlanContact(name: after, phone: String(entry[range])) }
        return PlanContact(name: before, phone: String(entry[range]), note: after)
    }

    /// The therapist as the professionals step offers them: name and role, number, hours.
    public static func therapist(name: String, phone: String, hours: String) -> PlanContact {
        PlanContact(name: "\(name) (my therapist)", phone: phone, note: hours)
    }

    /// A crisis line as the professionals step offers it.
    public static func crisisLine(_ line: CrisisLine) -> PlanContact? {
        guard let phone = line.phone, !phone.isEmpty else { return nil }
        return PlanContact(name: line.name, phone: phone, note: line.hours ?? "")
    }
}

/// How a therapist can be reached by their clients, for the professionals step of a plan.
public struct PracticeContact: Codable, Equatable, Sendable {
    public var phone: String
    public var hours: String

    public init(phone: String, hours: String) {
        self.phone = phone.trimmingCharacters(in: .whitespacesAndNewlines)
        self.hours = hours.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static let maximumLength = 120

    public func problems() -> [String] {
        var problems: [String] = []
        if !phone.isEmpty && CrisisLine.dialable(phone).count < 3 {
            problems.append("The phone number should have at least 3 digits, such as 020 7946 0000.")
        }
        if phone.count > Self.maximumLength || hours.count > Self.maximumLength {
            problems.append("Please keep the number and the hours under \(Self.maximumLength) characters each.")
        }
        if (phone + hours).unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            problems.append("The number and the hours can't contain control characters.")
        }
        return problems
    }
}
