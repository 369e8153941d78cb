/// The short code that goes with an invitation link, for typing on a phone.
///
/// Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B, U/V),
/// shown in two groups of four (`K7QM-3XPD`). 23 symbols over 8 places is about 36 bits: far too
/// many to guess while every wrong guess is throttled, and each code lasts days, not forever.
public enum OneTimeCode {
    public static let alphabet: [Character] = Array("ACDEFGHJKMNPQRTWXY34679")
    public static let length = 8

    /// A code from random bytes (one byte per character; bytes beyond an even share of the
    /// alphabet are skipped so every symbol is equally likely). Nil when the bytes run out.
    public static func make(fromRandomBytes bytes: [UInt8]) -> String? {
        let limit = 256 - (256 % alphabet.count)
        var code = ""
        for byte in bytes where Int(byte) < limit {
            code.append(alphabet[Int(byte) % alphabet.count])
            if code.count == length { return code }
        }
        return nil
    }

    /// `K7QM3XPD` → `K7QM-3XPD`, for reading aloud or copying by eye.
    public static func grouped(_ code: String) -> String {
        guard code.count == length else { return code }
        return String(code.prefix(length / 2)) + "-" + String(code.suffix(length / 2))
    }

    /// What someone typed, as the stored code would be: upper case, with spaces and dashes gone.
    /// Nil when it can't be a code (wrong length or a character the alphabet never uses).
    public static func normalized(_ typed: String) -> String? {
        let separators: Set<Character> = ["-", " ", "\u{2010}", "\u{2013}"]
        var result = ""
        for character in typed.uppercased() where !separators.contains(character) {
            guard alphabet.contains(character) else { return nil }
            result.append(character)
        }
        return result.count == length ? result : nil
    }
}

/// How long the one-time links last, said the same way on every page that shows one.
public enum OneTimeLinkLifetime {
    public static let invitationSeconds = 7 * 24 * 60 * 60
    public static let passwordResetSeconds = 24 * 60 * 60
    public static let invitationWords = "7 days"
    public static let passwordResetWords = "24 hours"
}
