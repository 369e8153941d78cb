import Foundation

/// A crisis line configured for this deployment. Numbers are always local: the app never
/// guesses a line for another country.
public struct CrisisLine: Codable, Sendable, Equatable {
    public var name: String
    public var phone: String?
    /// A number that takes text messages, when the line offers that.
    public var text: String?
    public var hours: String?
    public var website: String?
    public var region: String?

    public init(name: String, phone: String? = nil, text: String? = nil, hours: String? = nil,
                website: String? = nil, region: String? = nil) {
        self.name = name
        self.phone = phone
        self.text = text
        self.hours = hours
        self.website = website
        self.region = region
    }

    /// Digits and a leading plus only, for `tel:` and `sms:` links.
    public static func dialable(_ number: String) -> String {
        String(number.enumerated().compactMap { index, character in
            character.isNumber || (character == "+" && index == 0) ? character : nil
        })
    }

    public func problems() -> [String] {
        var problems: [String] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append("Each line needs a name.") }
        if (phone ?? "").isEmpty && (text ?? "").isEmpty && (website ?? "").isEmpty {
            problems.append("\(name.isEmpty ? "A line" : name) needs a phone number, a text number or a website.")
        }
        for number in [phone, text].compactMap({ $0 }) where !number.isEmpty && Self.dialable(number).count < 3 {
            problems.append("\(number) doesn't look like a phone number.")
        }
        if let website, !website.isEmpty, !(website.hasPrefix("https://") || website.hasPrefix("http://")) {
            problems.append("Websites should start with https://.")
        }
        return problems
    }
}
