import Foundation

/// Break-glass access: an administrator may open a client's safety plan only by giving a
/// reason, for a short time. The rules for what is asked are here; who may ask, the audit
/// record and the flags are the server's.
public enum EmergencyAccess {
    /// The choices offered, in minutes.
    public static let durations = [15, 30, 60]
    public static let minimumReasonLength = 15
    public static let maximumReasonLength = 500

    /// The reason tidied, the window, and the sentences that say what to change.
    public static func validated(reason: String, minutes: String) -> (reason: String, minutes: Int, problems: [String]) {
        let tidy = reason.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [String] = []
        if tidy.count < minimumReasonLength {
            problems.append("Please give the reason in a sentence (at least \(minimumReasonLength) characters): it is recorded, and the client and their therapist see that access was opened.")
        } else if tidy.count > maximumReasonLength {
            problems.append("Please keep the reason under \(maximumReasonLength) characters (this has \(tidy.count)).")
        }
        if tidy.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) {
            problems.append("The reason can't contain control characters.")
        }
        let chosen = Int(minutes) ?? 0
        if !durations.contains(chosen) {
            problems.append("Please choose how long access stays open: " + durations.map { "\($0)" }.joined(separator: ", ") + " minutes.")
        }
        return (tidy, chosen, problems)
    }
}
