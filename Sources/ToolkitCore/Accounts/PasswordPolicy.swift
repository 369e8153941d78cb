/// What makes a password acceptable: long enough, not absurdly long for bcrypt, not a common one.
/// No composition rules: long passphrases are the easiest strong passwords to remember.
public struct PasswordPolicy: Sendable {
    public static let minimumLength = 8
    /// bcrypt reads only the first 72 bytes; longer passwords are refused rather than silently cut.
    public static let maximumBytes = 72

    public init() {}

    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        case tooShort
        case tooLong
        case tooCommon
        case matchesEmail

        public var description: String {
            switch self {
            case .tooShort:
                "Please use at least \(PasswordPolicy.minimumLength) characters. A few words strung together work well."
            case .tooLong:
                "Please keep the password under \(PasswordPolicy.maximumBytes) bytes (about 70 plain letters)."
            case .tooCommon:
                "That password is one of the most common ones and easy to guess. Please choose another."
            case .matchesEmail:
                "Please choose a password that is different from your email address."
            }
        }
    }

    /// Returns the first problem with the password, or nil when it is acceptable.
    public func problem(with password: String, email: String? = nil) -> Problem? {
        if password.count < Self.minimumLength { return .tooShort }
        if password.utf8.count > Self.maximumBytes { return .tooLong }
        let folded = password.lowercased()
        if CommonPasswords.list.contains(folded) { return .tooCommon }
        if let email, folded == email.lowercased() || folded == email.lowercased().split(separator: "@").first.map(String.init) {
            return .matchesEmail
        }
        return nil
    }
}
