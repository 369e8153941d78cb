/// How the "I'm struggling" flow meets a person, graded to the distress they report, the way
/// crisis services grade their response to the risk in front of them.
///
/// - At lower distress the gentler order holds: ground first, then a short self-compassion
///   break, then the safety plan and the crisis lines.
/// - At high distress (a rating at or above the deployment's threshold, 8 by default), or when
///   the second rating is worse than the first, reaching people comes first: the client's own
///   plan contacts and the crisis lines as call buttons, then grounding. Turning warmth inward is
///   left for a calmer moment, because at that level it can stir up more pain than it soothes.
public enum DistressResponse: String, Sendable, Equatable {
    case gentle
    case steppedUp

    public static let defaultHighThreshold = 8
    /// A threshold outside this range would step up for everyone or for no one.
    public static let allowedThresholds = 1...10

    /// The parts of the flow, in the order they are shown.
    public enum Section: String, Sendable, Equatable {
        /// Plan contacts and crisis lines, as call buttons.
        case reachSomeone
        case ground
        case selfCompassionBreak
        /// The rest of the plan: things to do alone, what matters most.
        case ownPlan
    }

    /// The response to the first rating.
    public static func forRating(_ rating: Int, threshold: Int = defaultHighThreshold) -> DistressResponse {
        rating >= threshold ? .steppedUp : .gentle
    }

    /// The response once the second rating is in: stepped up when it is high, or worse than before.
    public static func afterCheckIn(before: Int, after: Int, threshold: Int = defaultHighThreshold) -> DistressResponse {
        after >= threshold || after > before ? .steppedUp : .gentle
    }

    public var sections: [Section] {
        switch self {
        case .gentle: [.ground, .selfCompassionBreak, .ownPlan, .reachSomeone]
        case .steppedUp: [.reachSomeone, .ground, .ownPlan]
        }
    }
}
