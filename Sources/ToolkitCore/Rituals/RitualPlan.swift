import Foundation

/// A client's small daily rituals: the ones they chose from the menu or wrote themselves, and the
/// calendar days they made time for each. Kept as one document per client. Rituals put aside keep
/// their days, so nothing practised is ever lost.
public struct RitualPlan: Codable, Sendable, Equatable {
    public var rituals: [Ritual]

    public static let maximumTextLength = 200
    /// Enough for a personal menu, few enough to stay a gentle practice.
    public static let maximumActive = 12
    /// Including rituals put aside, so the document stays small.
    public static let maximumKept = 60
    /// Days without a tick after which returning is greeted (see `welcomesBack`).
    public static let welcomeBackGap = 4

    public struct Ritual: Codable, Sendable, Equatable, Identifiable {
        public var id: String
        public var text: String
        /// The menu group it came from ("Morning", ...), or "" for the client's own.
        public var group: String
        public var addedOn: CalendarDay
        /// Put aside: no longer offered for today, its days still count.
        public var retired: Bool
        /// The days it was done, oldest first, each once.
        public var days: [CalendarDay]

        public init(id: String, text: String, group: String, addedOn: CalendarDay, retired: Bool = false, days: [CalendarDay] = []) {
            self.id = id
            self.text = text
            self.group = group
            self.addedOn = addedOn
            self.retired = retired
            self.days = days
        }

        public func isDone(on day: CalendarDay) -> Bool { days.contains(day) }
    }

    /// Something that keeps a change from being made, and the field it is about.
    public typealias Problem = FieldProblem

    /// What a client can do to their rituals. Each is applied to the latest saved plan, so
    /// changes made at the same moment on two devices are both kept.
    public enum Change: Sendable, Equatable {
        case add(id: String, text: String, group: String)
        case mark(ritualID: String, day: CalendarDay, done: Bool)
        case retire(ritualID: String)
        case restore(ritualID: String)
    }

    public init(rituals: [Ritual] = []) { self.rituals = rituals }

    public var active: [Ritual] { rituals.filter { !$0.retired } }
    public var retired: [Ritual] { rituals.filter(\.retired) }

    /// The text of a ritual the client writes, trimmed, and what is wrong with it.
    public static func validatedText(_ text: String) -> (text: String, problems: [Problem]) {
        let trimmed = text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [Problem] = []
        if trimmed.isEmpty {
            problems.append(Problem(field: "text", message: "Please write a few words about your ritual, or choose one from the menu."))
        } else if trimmed.count > maximumTextLength {
            problems.append(Problem(field: "text", message: "Please keep a ritual under \(maximumTextLength) characters (this one has \(trimmed.count)). Small is good."))
        }
        if trimmed.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            problems.append(Problem(field: "text", message: "The ritual can't contain control characters."))
        }
        return (trimmed, problems)
    }

    /// Applies a change made on `today`; when there are problems the plan is left as it was.
    /// Ticks are for today or yesterday only (a forgotten evening), never the future.
    public mutating func apply(_ change: Change, today: CalendarDay, calendar: Calendar) -> [Problem] {
        switch change {
        case .add(let id, let text, let group):
            let (text, problems) = Self.validatedText(text)
            guard problems.isEmpty else { return problems }
            if let index = rituals.firstIndex(where: { $0.text.lowercased() == text.lowercased() }) {
                // Chosen again: the same ritual comes back and its days carry on.
                guard rituals[index].retired else { return [] }
                guard active.count < Self.maximumActive else { return [Self.fullProblem] }
                rituals[index].retired = false
                return []
            }
            guard active.count < Self.maximumActive else { return [Self.fullProblem] }
            guard rituals.count < Self.maximumKept else {
                return [Problem(field: "text", message: "You have kept \(Self.maximumKept) rituals, which is as many as this page holds.")]
            }
            rituals.append(Ritual(id: id, text: text, group: group, addedOn: today))
            return []
        case .mark(let ritualID, let day, let done):
            guard let index = rituals.firstIndex(where: { $0.id == ritualID && !$0.retired }) else {
                return [Problem(field: Self.missingField, message: "We couldn't find that ritual. It may have been put aside on another device.")]
            }
            guard (-1...0).contains(today.days(until: day, in: calendar)) else {
                return [Problem(field: "ritual", message: "You can mark a ritual for today or yesterday.")]
            }
            var days = Set(rituals[index].days)
            if done { days.insert(day) } else { days.remove(day) }
            rituals[index].days = days.sorted()
            return []
        case .retire(let ritualID):
            guard let index = rituals.firstIndex(where: { $0.id == ritualID }) else { return [Self.missingProblem] }
            rituals[index].retired = true
            return []
        case .restore(let ritualID):
            guard let index = rituals.firstIndex(where: { $0.id == ritualID }) else { return [Self.missingProblem] }
            guard rituals[index].retired else { return [] }
            guard active.count < Self.maximumActive else { return [Self.fullProblem] }
            rituals[index].retired = false
            return []
        }
    }

    private static let fullProblem = Problem(field: "text", message: "You have \(maximumActive) rituals already. You could put one aside first; its days stay counted.")
    private static let missingProblem = Problem(field: missingField, message: "We couldn't find that ritual.")
    /// The field of a problem that means the ritual isn't (or is no longer) among the client's own.
    public static let missingField = "ritual-missing"

    /// Every day on which at least one ritual was done, put aside or not.
    public var practiceDays: Set<CalendarDay> { Set(rituals.flatMap(\.days)) }

    /// How many different days the client has made time for a ritual. Only ever grows with
    /// practice; a gap never takes anything away.
    public var cumulativeDays: Int { practiceDays.count }

    /// One day of the current week, Monday to Sunday.
    public struct WeekDay: Sendable, Equatable {
        public var day: CalendarDay
        public var done: Bool
        public var isToday: Bool
        public var isFuture: Bool
    }

    /// Monday to Sunday of the week holding `today`, in the calendar's time zone.
    public func week(of today: CalendarDay, calendar: Calendar) -> [WeekDay] {
        let monday = today.adding(days: 1 - today.isoWeekday(in: calendar), in: calendar)
        let done = practiceDays
        return (0..<7).map { offset in
            let day = monday.adding(days: offset, in: calendar)
            return WeekDay(day: day, done: done.contains(day), isToday: day == today, isFuture: day > today)
        }
    }

    /// True when the client comes back after a while: some practice before, and the latest day
    /// before today is `welcomeBackGap` or more days ago. Stays true for the day they return,
    /// whether or not they have ticked yet.
    public func welcomesBack(today: CalendarDay, calendar: Calendar) -> Bool {
        guard let previous = practiceDays.filter({ $0 < today }).max() else { return false }
        return previous.days(until: today, in: calendar) >= Self.welcomeBackGap
    }

    public static let welcomeBackMessage = "Welcome back. Everyone's practice comes and goes; today counts just as much as any day."
}
