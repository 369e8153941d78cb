import Foundation

/// The fields of an `application/x-www-form-urlencoded` body, in order, repeated names kept.
struct FormData: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    init() {}

    init(pairs: [(name: String, value: String)]) { self.pairs = pairs }

    init(urlEncoded body: String) {
        for part in body.split(separator: "&", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(pieces[0])
            let value = pieces.count > 1 ? Self.decode(pieces[1]) : ""
            pairs.append((name, value))
        }
    }

    /// The first value for the name, or "" when absent.
    subscript(_ name: String) -> String {
        pairs.first { $0.name == name }?.value ?? ""
    }

    func values(_ name: String) -> [String] {
        pairs.filter { $0.name == name }.map(\.value)
    }

    func has(_ name: String) -> Bool { pairs.contains { $0.name == name } }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
