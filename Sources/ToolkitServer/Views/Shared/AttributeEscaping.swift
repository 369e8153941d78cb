import Plot

/// Plot escapes text nodes but writes attribute values as given, so every value that can hold
/// what someone typed goes through here before it becomes an attribute.
extension String {
    var attributeEscaped: String {
        var escaped = ""
        escaped.reserveCapacity(count)
        for character in self {
            switch character {
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

extension Attribute where Context: HTMLValueContext {
    /// A `value` attribute holding untrusted text.
    static func safeValue(_ value: String) -> Attribute { .value(value.attributeEscaped) }
}

extension Node where Context: HTMLContext {
    /// Any attribute holding untrusted text.
    static func safeAttribute(named name: String, value: String?) -> Node {
        .attribute(named: name, value: value?.attributeEscaped)
    }
}
