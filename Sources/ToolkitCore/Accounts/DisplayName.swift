/// What a person's name may hold. Names are shown to others (the account list, a therapist's
/// client list, page titles), so characters that are invisible or that reorder the text around
/// them are refused: they let one name pose as another, or hide what it really says.
public enum DisplayName {
    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        case invisibleOrControlCharacter

        public var description: String {
            switch self {
            case .invisibleOrControlCharacter:
                "Please use letters, spaces and punctuation only; the name contains an invisible or control character."
            }
        }
    }

    /// The first problem with the name, or nil when it is fine to show.
    public static func problem(with name: String) -> Problem? {
        name.unicodeScalars.contains(where: isRefused) ? .invisibleOrControlCharacter : nil
    }

    /// The zero-width non-joiner and joiner are format characters that Persian, Arabic and Indic
    /// names (and emoji sequences) need in order to be spelled right; they reorder nothing.
    public static let allowedFormatCharacters: Set<Unicode.Scalar> = ["\u{200C}", "\u{200D}"]

    /// Control characters (NUL, tab, line feed, escape, delete, C1 controls: category Cc); the
    /// line and paragraph separators (Zl, Zp); and the format characters (Cf) apart from the two
    /// joiners: the bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069),
    /// the direction marks (U+200E, U+200F, U+061C), zero-width spaces, the word joiner, the
    /// byte-order mark, the soft hyphen and the tag characters.
    public static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: true
        case .format: !allowedFormatCharacters.contains(scalar)
        default: false
        }
    }
}
