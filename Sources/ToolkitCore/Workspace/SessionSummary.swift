import Foundation

/// What a client sends their therapist before a session: how the time since a day they choose
/// (usually their last session) went, in numbers and titles. The assignments done against
/// planned, the minutes practised, how the before and after ratings moved week by week, how much
/// they shared, and a note in their own words. The client sees exactly this before it is sent and
/// can leave any part out; a part left out is simply absent, never marked as withheld.
public struct SessionSummary: Codable, Sendable, Equatable {
    /// A part the client can leave out.
    public enum Part: String, Codable, Sendable, CaseIterable {
        case assignments, practice, ratings, shared

        public var title: String {
            switch self {
            case .assignments: "Assignments"
            case .practice: "Practice"
            case .ratings: "Before and after ratings"
            case .shared: "Newly shared"
            }
        }

        /// What including it shows, in the client's words.
        public var explanation: String {
            switch self {
            case .assignments: "Each assignment from your therapist: how many were planned, how many you did, and any \"not this week\" reasons you gave."
            case .practice: "How many practices you recorded, on how many days, and the minutes in all."
            case .ratings: "The averages of the distress and kindness ratings you gave before and after practising, week by week."
            case .shared: "How many things of each kind you shared in this time (not what they say)."
            }
        }
    }

    public struct AssignmentLine: Codable, Sendable, Equatable {
        public var title: String
        public var planned: Int
        public var done: Int
        public var minutes: Int
        public var weeksSetAside: Int
        /// The reasons given for weeks set aside, when the client gave any.
        public var reasons: [String]

        public init(title: String, planned: Int, done: Int, minutes: Int, weeksSetAside: Int, reasons: [String]) {
            self.title = title
            self.planned = planned
            self.done = done
            self.minutes = minutes
            self.weeksSetAside = weeksSetAside
            self.reasons = reasons
        }
    }

    public struct Practice: Codable, Sendable, Equatable {
        public var practices: Int
        public var days: Int
        public var minutes: Int
    }

    /// One week's ratings: averages over the records that gave both a before and an after.
    public struct RatingWeek: Codable, Sendable, Equatable {
        /// The Monday the week starts on.
        public var start: CalendarDay
        public var distress: Pair?
        public var kindness: Pair?
    }

    public struct Pair: Codable, Sendable, Equatable {
        public var records: Int
        public var before: Double
        public var after: Double
    }

    public struct Ratings: Codable, Sendable, Equatable {
        public var distress: Pair?
        public var kindness: Pair?
        /// Oldest first; only weeks with ratings.
        public var weeks: [RatingWeek]
    }

    public struct SharedCount: Codable, Sendable, Equatable {
        public var kind: SharedWorkKind
        public var count: Int
    }

    public var from: CalendarDay
    public var through: CalendarDay
    /// Nil when the client left the part out.
    public var assignments: [AssignmentLine]?
    public var practice: Practice?
    public var ratings: Ratings?
    public var shared: [SharedCount]?
    /// What the client would like to talk about, in their own words; may be empty.
    public var note: String

    public var includedParts: [Part] {
        Part.allCases.filter { part in
            switch part {
            case .assignments: assignments != nil
            case .practice: practice != nil
            case .ratings: ratings != nil
            case .shared: shared != nil
            }
        }
    }

    // MARK: Building one

    /// One assignment as the summary needs it: its title, its progress, and the reasons given for
    /// weeks set aside (by the week's Monday).
    public struct AssignmentFacts: Sendable {
        public var title: String
        public var progress: AssignmentProgress
        public var reasons: [CalendarDay: String]

        public init(title: String, progress: AssignmentProgress, reasons: [CalendarDay: String] = [:]) {
            self.title = title
            self.progress = progress
            self.reasons = reasons
        }
    }

    /// The summary of `from` through `through` (whole days in `calendar`), without the parts in
    /// `leftOut`. Assignments count only what was planned and done inside the span, so a week
    /// still under way plans only its days so far.
    public init(from: CalendarDay, through: CalendarDay, leftOut: Set<Part> = [], note: String = "",
                assignments: [AssignmentFacts], practices: [PracticeRecord], shared: [(kind: SharedWorkKind, changedAt: Date)],
                calendar: Calendar) {
        self.from = from
        self.through = through
        self.note = note.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        let inSpan = { (date: Date) -> Bool in
            let day = CalendarDay(date, in: calendar)
            return day >= from && day <= through
        }
        if !leftOut.contains(.assignments) {
            let mondays = Self.mondays(from: from, through: through, calendar: calendar)
            self.assignments = assignments.compactMap { facts in
                let progress = facts.progress.clipped(from: from, through: through)
                let weeks = mondays.map { progress.week(of: $0) }
                let line = AssignmentLine(title: facts.title, planned: weeks.reduce(0) { $0 + $1.planned },
                                          done: weeks.reduce(0) { $0 + $1.done }, minutes: weeks.reduce(0) { $0 + $1.minutes },
                                          weeksSetAside: weeks.filter(\.setAside).count,
                                          reasons: weeks.filter(\.setAside).compactMap { facts.reasons[$0.start] }.filter { !$0.isEmpty })
                return line.planned == 0 && line.done == 0 && line.weeksSetAside == 0 ? nil : line
            }
        }
        let records = practices.filter { inSpan($0.finishedAt) }
        if !leftOut.contains(.practice) {
            self.practice = Practice(practices: records.count,
                                     days: Set(records.map { CalendarDay($0.finishedAt, in: calendar) }).count,
                                     minutes: records.reduce(0) { $0 + $1.minutes })
        }
        if !leftOut.contains(.ratings) {
            let byWeek = Dictionary(grouping: records) { AssignmentSchedule.weekStart(of: CalendarDay($0.finishedAt, in: calendar), calendar: calendar) }
            let weeks = byWeek.keys.sorted().compactMap { monday -> RatingWeek? in
                let week = RatingWeek(start: monday, distress: Self.distress(byWeek[monday] ?? []), kindness: Self.kindness(byWeek[monday] ?? []))
                return week.distress == nil && week.kindness == nil ? nil : week
            }
            self.ratings = Ratings(distress: Self.distress(records), kindness: Self.kindness(records), weeks: weeks)
        }
        if !leftOut.contains(.shared) {
            let counts = Dictionary(grouping: shared.filter { inSpan($0.changedAt) }, by: \.kind).mapValues(\.count)
            self.shared = SharedWorkKind.allCases.filter { $0 != .sessionSummary }.compactMap { kind in counts[kind].map { SharedCount(kind: kind, count: $0) } }
        }
    }

    static func mondays(from: CalendarDay, through: CalendarDay, calendar: Calendar) -> [CalendarDay] {
        var monday = AssignmentSchedule.weekStart(of: from, calendar: calendar)
        var mondays: [CalendarDay] = []
        while monday <= through && mondays.count < 60 {
            mondays.append(monday)
            monday = monday.adding(days: 7, in: calendar)
        }
        return mondays
    }

    private static func distress(_ records: [PracticeRecord]) -> Pair? {
        pair(records.compactMap { record in record.distressBefore.flatMap { before in record.distressAfter.map { (before, $0) } } })
    }

    private static func kindness(_ records: [PracticeRecord]) -> Pair? {
        pair(records.compactMap { record in record.kindnessBefore.flatMap { before in record.kindnessAfter.map { (before, $0) } } })
    }

    private static func pair(_ pairs: [(Int, Int)]) -> Pair? {
        guard !pairs.isEmpty else { return nil }
        let count = Double(pairs.count)
        return Pair(records: pairs.count, before: Double(pairs.reduce(0) { $0 + $1.0 }) / count,
                    after: Double(pairs.reduce(0) { $0 + $1.1 }) / count)
    }

    // MARK: Words

    /// "Assignments: 5 of 7 planned done, 48 minutes."
    public var assignmentsSentence: String? {
        guard let assignments else { return nil }
        guard !assignments.isEmpty else { return "Nothing was assigned for this time." }
        let planned = assignments.reduce(0) { $0 + $1.planned }
        let done = assignments.reduce(0) { $0 + $1.done }
        let minutes = assignments.reduce(0) { $0 + $1.minutes }
        return "\(done) of \(planned) planned done, \(PracticeHistory.count(minutes, "minute")) of practice."
    }

    public var practiceSentence: String? {
        guard let practice else { return nil }
        guard practice.practices > 0 else { return "No practice recorded in this time." }
        return "\(PracticeHistory.count(practice.practices, "practice")) on \(PracticeHistory.count(practice.days, "day")), \(PracticeHistory.count(practice.minutes, "minute")) in all."
    }

    public var ratingsSentence: String? {
        guard let ratings else { return nil }
        var parts: [String] = []
        if let distress = ratings.distress {
            parts.append("distress \(PracticeHistory.decimal(distress.before)) before and \(PracticeHistory.decimal(distress.after)) after on average (\(PracticeHistory.count(distress.records, "practice")))")
        }
        if let kindness = ratings.kindness {
            parts.append("kindness to oneself \(PracticeHistory.decimal(kindness.before)) before and \(PracticeHistory.decimal(kindness.after)) after (\(PracticeHistory.count(kindness.records, "practice")))")
        }
        guard !parts.isEmpty else { return "No before and after ratings in this time." }
        return "On a scale of 0 to 10: " + parts.joined(separator: "; ") + "."
    }

    public var sharedSentence: String? {
        guard let shared else { return nil }
        guard !shared.isEmpty else { return "Nothing newly shared in this time." }
        return shared.map { "\($0.count) × \($0.kind.title.lowercased())" }.joined(separator: ", ") + "."
    }
}

extension AssignmentProgress {
    /// The same assignment seen only between two days: nothing planned or done outside them (a
    /// once-only assignment keeps its day, which plans it only when that day or its doing falls inside).
    func clipped(from: CalendarDay, through: CalendarDay) -> AssignmentProgress {
        var schedule = self.schedule
        if schedule.frequency != .once {
            schedule.start = max(schedule.start, from)
            schedule.end = min(schedule.end ?? through, through)
        }
        return AssignmentProgress(schedule: schedule, completions: completions.filter { $0.day >= from && $0.day <= through },
                                  setAsideWeeks: setAsideWeeks, endedOn: endedOn, calendar: calendar)
    }
}

/// What the client asks for on the preview form: the first day, the parts to leave out and a note.
public struct SessionSummaryRequest: Sendable, Equatable {
    public var from: CalendarDay
    public var leftOut: Set<SessionSummary.Part>
    public var note: String

    public static let maximumNoteLength = 2_000
    /// The longest time one summary covers: about three months.
    public static let longestSpanDays = 92
    /// The first day offered when the client has sent no summary yet: two weeks ago.
    public static let firstSpanDays = 14

    public init(from: CalendarDay, leftOut: Set<SessionSummary.Part> = [], note: String = "") {
        self.from = from
        self.leftOut = leftOut
        self.note = note
    }

    public typealias Problem = FieldProblem

    /// The first day offered: the day after the last summary's end, or two weeks ago; never after today.
    public static func defaultFrom(lastThrough: CalendarDay?, today: CalendarDay, calendar: Calendar) -> CalendarDay {
        guard let lastThrough else { return today.adding(days: -(firstSpanDays - 1), in: calendar) }
        let next = lastThrough.adding(days: 1, in: calendar)
        let earliest = today.adding(days: -(longestSpanDays - 1), in: calendar)
        return min(max(next, earliest), today)
    }

    public func problems(today: CalendarDay, calendar: Calendar) -> [Problem] {
        var problems: [Problem] = []
        if from > today {
            problems.append(Problem(field: "from", message: "Please choose a day that has already begun: today or earlier."))
        } else if from.days(until: today, in: calendar) >= Self.longestSpanDays {
            problems.append(Problem(field: "from", message: "A summary covers up to \(Self.longestSpanDays) days. Please choose a later first day."))
        }
        if note.count > Self.maximumNoteLength {
            problems.append(Problem(field: "note", message: "The note can be up to \(Self.maximumNoteLength) characters; it has \(note.count). Everything you typed is still here."))
        }
        return problems
    }
}
