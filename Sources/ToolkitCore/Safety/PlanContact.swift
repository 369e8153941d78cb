import Foundation

/// A person or service on the safety plan, with a number to call. The plan keeps each one as a
/// line of text ("Sam, 07700 900123"), so older plans and the API stay as they are; the form asks
/// for the name and the number separately, so the number is never forgotten.
public struct PlanContact: Equatable, Sendable {
    public var name: String
    public var phone: String

    public init(name: String, phone: String) {
        self.name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        self.phone = phone.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public var isEmpty: Bool { name.isEmpty && phone.isEmpty }

    /// The line kept in the plan.
    public var entry: String {
        if phone.isEmpty { return name }
        if name.isEmpty { return phone }
        return "\(name), \(phone)"
    }

    /// Splits a line of the plan back into name and number: the longest run that reads as a
    /// phone number is the number, and the rest is the name.
    public static func parse(_ entry: String) -> PlanContact {
        guard let range = PhoneNumber.longestRun(in: entry) else { return PlanContact(name: entry, phone: "") }
        let phone = String(entry[range])
        let rest = (entry[..<range.lowerBound] + " " + entry[range.upperBound...])
        let separators = CharacterSet(charactersIn: ",;:-–— ").union(.whitespacesAndNewlines)
        let name = rest.replacingOccurrences(of: ",  ,", with: ",").replacingOccurrences(of: ", ,", with: ",")
            .trimmingCharacters(in: separators)
        return PlanContact(name: name, phone: phone)
    }

    /// The therapist as the professionals step offers them: name, role and hours, and the number.
    public static func therapist(name: String, phone: String, hours: String) -> PlanContact {
        let hours = hours.trimmingCharacters(in: .whitespacesAndNewlines)
        return PlanContact(name: "\(name) (my therapist)" + (hours.isEmpty ? "" : ", \(hours)"), phone: phone)
    }

    /// A crisis line as the professionals step offers it.
    public static func crisisLine(_ line: CrisisLine) -> PlanContact? {
        guard let phone = line.phone, !phone.isEmpty else { return nil }
        let hours = (line.hours ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return PlanContact(name: line.name + (hours.isEmpty ? "" : ", \(hours)"), phone: phone)
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
