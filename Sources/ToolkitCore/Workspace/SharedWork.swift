import Foundation

/// A kind of thing a client can share with their therapist, as the therapist's workspace and the
/// client's "Who saw my data" page name it: plain words only, never anything the client wrote.
public enum SharedWorkKind: String, CaseIterable, Sendable, Codable {
    case journal = "journal"
    case thoughtRecord = "thought-record"
    case criticLine = "critic-line"
    case practiceRecord = "practice-record"
    case worksheet = "worksheet"
    case goal = "goal"
    case selfCareCheckIn = "self-care-check-in"
    case selfCarePlan = "self-care-plan"
    case safetyPlan = "safety-plan"
    case sessionSummary = "session-summary"

    /// One of them in a sentence: "a journal entry".
    public var one: String {
        switch self {
        case .journal: "a journal entry"
        case .thoughtRecord: "a thought record"
        case .criticLine: "a line of the critic script"
        case .practiceRecord: "a practice record"
        case .worksheet: "a worksheet"
        case .goal: "a goal"
        case .selfCareCheckIn: "a weekly self-care check-in"
        case .selfCarePlan: "the self-care plan"
        case .safetyPlan: "the safety plan"
        case .sessionSummary: "a summary sent before a session"
        }
    }

    /// A heading for one of them: "Journal entry".
    public var title: String {
        switch self {
        case .journal: "Journal entry"
        case .thoughtRecord: "Thought record"
        case .criticLine: "Critic line and answer"
        case .practiceRecord: "Practice record"
        case .worksheet: "Worksheet"
        case .goal: "Goal"
        case .selfCareCheckIn: "Weekly self-care check-in"
        case .selfCarePlan: "Self-care plan"
        case .safetyPlan: "Safety plan"
        case .sessionSummary: "Summary before a session"
        }
    }

    /// All of them at once, as a therapist reads a whole list: "the shared journal entries".
    public var many: String {
        switch self {
        case .journal: "the shared journal entries"
        case .thoughtRecord: "the shared thought records"
        case .criticLine: "the shared critic script"
        case .practiceRecord: "the shared practice records"
        case .worksheet: "the shared worksheets"
        case .goal: "the shared goals"
        case .selfCareCheckIn: "the shared weekly check-ins"
        case .selfCarePlan: "the self-care plan"
        case .safetyPlan: "the safety plan"
        case .sessionSummary: "the summaries sent before sessions"
        }
    }

    /// One kind per client, kept as a single document (its id is the client's own).
    public var isDocument: Bool { self == .selfCarePlan || self == .safetyPlan }

    /// The kind an audit record's target type names, if it is one of these.
    public init?(auditTargetType: String?) {
        switch auditTargetType {
        case "journal-entry"?: self = .journal
        case "thought-record"?: self = .thoughtRecord
        case "critic-answer"?: self = .criticLine
        case "practice-record"?: self = .practiceRecord
        case "worksheet"?: self = .worksheet
        case "goal"?: self = .goal
        case "self-care-check-in"?: self = .selfCareCheckIn
        case "self-care-plan"?: self = .selfCarePlan
        case "safety-plan"?: self = .safetyPlan
        case "session-summary"?: self = .sessionSummary
        default: return nil
        }
    }
}

/// The rules of the therapist's roster. They draw ONLY on what a client shares: the "last
/// activity" is the latest change to something the client shares right now, and a missed week is
/// seven days without a change to anything shared. What a client writes privately moves neither,
/// so the roster can never hint at private writing. A client who shares nothing has no last
/// activity and no missed-week flag: not sharing is their choice, not something to flag.
public enum RosterRules {
    /// How long without a change to anything shared before the roster says "a missed week".
    public static let quietDays = 7

    /// Whether the latest shared change is a week or more before `now`; false when nothing is shared.
    public static func missedWeek(latestShared: Date?, now: Date) -> Bool {
        guard let latestShared else { return false }
        return now.timeIntervalSince(latestShared) >= TimeInterval(quietDays * 24 * 60 * 60)
    }

    /// Whether anything shared is waiting for the therapist: never opened, or changed since they
    /// last opened it.
    public static func isUnread(changedAt: Date, readAt: Date?) -> Bool {
        guard let readAt else { return true }
        return readAt < changedAt
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// A day for people, never a time: "2 December 2026", in the reader's calendar.
    public static func dayText(_ date: Date, in calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(parts.day ?? 1) \(months[(parts.month ?? 1) - 1]) \(parts.year ?? 1970)"
    }

    /// The same day for machines: "2026-12-02".
    public static func isoDay(_ date: Date, in calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }
}
