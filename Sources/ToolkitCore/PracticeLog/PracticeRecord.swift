import Foundation

/// One guided practice a client finished: which item (as it was named then), for how long, when,
/// and, if they chose to say, how distressed and how kind to themselves they felt before and
/// after. Private until they choose to share it.
public struct PracticeRecord: Codable, Sendable, Equatable {
    /// The library item's stable id (its slug).
    public var itemID: String
    /// The item's title when it was practised (titles can change later).
    public var itemTitle: String
    public var minutes: Int
    public var finishedAt: Date
    /// 0-10: how much distress, 0 none, 10 the most imaginable.
    public var distressBefore: Int?
    public var distressAfter: Int?
    /// 0-10: "how kind am I being to myself right now", 0 not at all, 10 very kind.
    public var kindnessBefore: Int?
    public var kindnessAfter: Int?
    public var note: String

    public static let minutesRange = 1...240
    public static let ratingRange = 0...10
    public static let maximumNoteLength = 1_000
    static let maximumItemIDLength = 120
    static let maximumTitleLength = 200

    public init(itemID: String, itemTitle: String, minutes: Int, finishedAt: Date, distressBefore: Int? = nil, distressAfter: Int? = nil,
                kindnessBefore: Int? = nil, kindnessAfter: Int? = nil, note: String = "") {
        self.itemID = itemID
        self.itemTitle = itemTitle
        self.minutes = minutes
        self.finishedAt = finishedAt
        self.distressBefore = distressBefore
        self.distressAfter = distressAfter
        self.kindnessBefore = kindnessBefore
        self.kindnessAfter = kindnessAfter
        self.note = note
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        itemID = try container.decode(String.self, forKey: .itemID)
        itemTitle = try container.decodeIfPresent(String.self, forKey: .itemTitle) ?? ""
        minutes = try container.decode(Int.self, forKey: .minutes)
        // Left out by the API, which gives a new record the time it was sent.
        finishedAt = try container.decodeIfPresent(Date.self, forKey: .finishedAt) ?? Date(timeIntervalSince1970: 0)
        distressBefore = try container.decodeIfPresent(Int.self, forKey: .distressBefore)
        distressAfter = try container.decodeIfPresent(Int.self, forKey: .distressAfter)
        kindnessBefore = try container.decodeIfPresent(Int.self, forKey: .kindnessBefore)
        kindnessAfter = try container.decodeIfPresent(Int.self, forKey: .kindnessAfter)
        note = try container.decodeIfPresent(String.self, forKey: .note) ?? ""
    }

    /// Something that keeps a record from being saved, and the field it is about.
    public typealias Problem = FieldProblem

    /// The ratings as form fields name them, with what each asks.
    public static let ratingFields = ["distressBefore", "kindnessBefore", "distressAfter", "kindnessAfter"]

    /// Trims the note's edges (never its inside) and says what can't be kept.
    public func validated() -> (record: PracticeRecord, problems: [Problem]) {
        var record = self
        record.note = note.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        record.itemID = itemID.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [Problem] = []
        if record.itemID.isEmpty || record.itemID.count > Self.maximumItemIDLength || record.itemTitle.count > Self.maximumTitleLength {
            problems.append(Problem(field: "item", message: "This record needs a practice from the library."))
        }
        if !Self.minutesRange.contains(minutes) {
            problems.append(Problem(field: "minutes", message: Self.minutesMessage))
        }
        for (field, value) in zip(Self.ratingFields, [distressBefore, kindnessBefore, distressAfter, kindnessAfter]) {
            if let value, !Self.ratingRange.contains(value) {
                problems.append(Problem(field: field, message: Self.ratingMessage))
            }
        }
        if record.note.count > Self.maximumNoteLength {
            problems.append(Problem(field: "note", message: "Please keep the note under \(Self.maximumNoteLength) characters (this one has \(record.note.count))."))
        }
        if record.note.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) && $0 != "\n" && $0 != "\t" }) {
            problems.append(Problem(field: "note", message: "The note can't contain control characters."))
        }
        return (record, problems)
    }

    static let minutesMessage = "Please give the minutes as a whole number from \(minutesRange.lowerBound) to \(minutesRange.upperBound). A rough guess is fine."
    static let ratingMessage = "Please choose a number from \(ratingRange.lowerBound) to \(ratingRange.upperBound), or leave it blank."

    /// How much distress changed (after minus before), when both were given.
    public var distressChange: Int? { distressBefore.flatMap { before in distressAfter.map { $0 - before } } }
    /// How much self-kindness changed (after minus before), when both were given.
    public var kindnessChange: Int? { kindnessBefore.flatMap { before in kindnessAfter.map { $0 - before } } }
}

extension PracticeRecord {
    /// What was typed into the record form, kept as text so a rejected form comes back exactly
    /// as it was sent.
    public struct Input: Sendable, Equatable {
        public var itemID: String
        public var minutes: String
        public var distressBefore: String
        public var kindnessBefore: String
        public var distressAfter: String
        public var kindnessAfter: String
        public var note: String

        public init(itemID: String, minutes: String = "", distressBefore: String = "", kindnessBefore: String = "",
                    distressAfter: String = "", kindnessAfter: String = "", note: String = "") {
            self.itemID = itemID
            self.minutes = minutes
            self.distressBefore = distressBefore
            self.kindnessBefore = kindnessBefore
            self.distressAfter = distressAfter
            self.kindnessAfter = kindnessAfter
            self.note = note
        }

        /// The form for an item, minutes filled in from its usual length.
        public static func prefilled(itemID: String, minutes: Int) -> Input {
            Input(itemID: itemID, minutes: String(min(max(minutes, minutesRange.lowerBound), minutesRange.upperBound)))
        }

        public func value(_ field: String) -> String {
            switch field {
            case "distressBefore": distressBefore
            case "kindnessBefore": kindnessBefore
            case "distressAfter": distressAfter
            case "kindnessAfter": kindnessAfter
            case "minutes": minutes
            case "note": note
            default: ""
            }
        }

        /// The record this input describes, finished at the given time with the item's present
        /// title, or what keeps it from being saved.
        public func record(itemTitle: String, finishedAt: Date) -> (record: PracticeRecord?, problems: [Problem]) {
            var problems: [Problem] = []
            func number(_ text: String, _ field: String, message: String) -> Int? {
                let trimmed = text.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { return nil }
                guard let value = Int(trimmed) else {
                    problems.append(Problem(field: field, message: message))
                    return nil
                }
                return value
            }
            let minutes = number(minutes, "minutes", message: PracticeRecord.minutesMessage)
            if minutes == nil, self.minutes.trimmingCharacters(in: .whitespaces).isEmpty {
                problems.append(Problem(field: "minutes", message: PracticeRecord.minutesMessage))
            }
            let ratings = zip(PracticeRecord.ratingFields, [distressBefore, kindnessBefore, distressAfter, kindnessAfter]).map { field, text in
                number(text, field, message: PracticeRecord.ratingMessage)
            }
            let candidate = PracticeRecord(itemID: itemID, itemTitle: itemTitle, minutes: minutes ?? PracticeRecord.minutesRange.lowerBound,
                                           finishedAt: finishedAt, distressBefore: ratings[0], distressAfter: ratings[2],
                                           kindnessBefore: ratings[1], kindnessAfter: ratings[3], note: note)
            let (record, more) = candidate.validated()
            // A field already named as unreadable isn't named again for its range.
            problems += more.filter { problem in !problems.contains { $0.field == problem.field } }
            return problems.isEmpty ? (record, []) : (nil, problems)
        }
    }
}
