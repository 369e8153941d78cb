import Foundation

/// Several library items printed together, in the order a therapist chose, behind a cover page.
/// Nothing here is stored: the choice travels with the request and the cover is only printed.
public enum Packet {
    /// The most items one packet takes: plenty for a session (the library has about 70), and a
    /// bound on the page a single link can make the server build.
    public static let maximumItems = 30

    /// The ids in the order given, each once (where it first appears).
    public static func order(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }

    /// A change to the order asked for with a button on the packet page.
    public enum Move: Equatable, Sendable {
        case up(String), down(String), remove(String)

        /// "up:<id>", "down:<id>" or "remove:<id>", as the buttons send it.
        public init?(formValue: String) {
            guard let colon = formValue.firstIndex(of: ":") else { return nil }
            let id = String(formValue[formValue.index(after: colon)...])
            guard !id.isEmpty else { return nil }
            switch formValue[..<colon] {
            case "up": self = .up(id)
            case "down": self = .down(id)
            case "remove": self = .remove(id)
            default: return nil
            }
        }

        public var formValue: String {
            switch self {
            case .up(let id): "up:\(id)"
            case .down(let id): "down:\(id)"
            case .remove(let id): "remove:\(id)"
            }
        }
    }

    /// The order after a move. Moving the first item up, the last down, or an id that isn't
    /// there changes nothing; the last item is never removed (a packet holds at least one).
    public static func applying(_ move: Move, to ids: [String]) -> [String] {
        var ids = ids
        switch move {
        case .up(let id):
            if let index = ids.firstIndex(of: id), index > 0 { ids.swapAt(index, index - 1) }
        case .down(let id):
            if let index = ids.firstIndex(of: id), index < ids.count - 1 { ids.swapAt(index, index + 1) }
        case .remove(let id):
            if ids.count > 1 { ids.removeAll { $0 == id } }
        }
        return ids
    }

    /// A program week as one packet: what is done in session, then the home practice, each once.
    public static func items(of week: ProgramWeek) -> [String] {
        order(week.inSession + week.homePractice)
    }
}

/// What the packet's cover says beyond the contents: who it is for, the date, and a few words
/// from the therapist. Typed on the packet page and printed; never saved.
public struct PacketCover: Equatable, Sendable {
    public var clientName: String
    /// "YYYY-MM-DD", or empty for no date.
    public var date: String
    public var note: String

    public static let maximumNameLength = 80
    public static let maximumNoteLength = 1_000

    public init(clientName: String = "", date: String = "", note: String = "") {
        self.clientName = clientName
        self.date = date
        self.note = note
    }

    public typealias Problem = FieldProblem

    /// Trims the edges (never the inside of the note) and says what can't be printed.
    public func validated() -> (cover: PacketCover, problems: [Problem]) {
        var cover = self
        cover.clientName = clientName.trimmingCharacters(in: .whitespacesAndNewlines)
        cover.date = date.trimmingCharacters(in: .whitespaces)
        cover.note = note.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [Problem] = []
        if cover.clientName.count > Self.maximumNameLength {
            problems.append(Problem(field: "name", message: "Please keep the name under \(Self.maximumNameLength) characters (this one has \(cover.clientName.count))."))
        }
        if cover.clientName.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            problems.append(Problem(field: "name", message: "The name can't contain control characters or line breaks."))
        }
        if !cover.date.isEmpty && CalendarDay(cover.date) == nil {
            problems.append(Problem(field: "date", message: "Please give the date as year, month and day, such as 2026-05-14, or leave it empty."))
        }
        if cover.note.count > Self.maximumNoteLength {
            problems.append(Problem(field: "note", message: "Please keep the note under \(Self.maximumNoteLength) characters (this one has \(cover.note.count)). A few lines fit best on the cover."))
        }
        return (cover, problems)
    }
}
