import Plot
import ToolkitCore

/// One button per person or line to call: who, and the number as it was written, so it can be
/// read back; the link dials the digits.
enum CallButtons {
    static func list<C: HTML.BodyContext>(_ contacts: [PlanContact], lines: [CrisisLine] = []) -> Node<C> {
        let planNumbers = Set(contacts.map { CrisisLine.dialable($0.phone) })
        // A crisis line already on the plan (as offered when it was made) is shown once.
        let otherLines = lines.filter { line in line.phone.map { !planNumbers.contains(CrisisLine.dialable($0)) } ?? true }
        return .ul(.class("call-list"),
                   .forEach(contacts) { contact in
                       item(name: contact.name, number: contact.phone, note: contact.note)
                   },
                   .forEach(otherLines) { line in lineItem(line) })
    }

    /// A crisis line: a call button when it has a phone number, and its text number and website
    /// beside it, with the hours.
    static func lineItem(_ line: CrisisLine) -> Node<HTML.ListContext> {
        func present(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        return .li(.class("call-item"),
                   .unwrap(present(line.phone), { phone in
                       .a(.class("button primary call-button"), .safeAttribute(named: "href", value: "tel:" + CrisisLine.dialable(phone)),
                          .text("Call \(line.name): \(phone)"))
                   }, else: .strong(.text(line.name))),
                   .unwrap(present(line.text)) { number in
                       .a(.class("button call-extra"), .safeAttribute(named: "href", value: "sms:" + CrisisLine.dialable(number)),
                          .text("Text \(number)"))
                   },
                   .unwrap(present(line.website)) { site in
                       .a(.class("call-extra"), .safeAttribute(named: "href", value: site), .attribute(named: "rel", value: "noopener noreferrer"),
                          .text("Website: " + site))
                   },
                   .if(present(line.hours) != nil || present(line.region) != nil,
                       .span(.class("call-note"), .text([present(line.hours), present(line.region)].compactMap { $0 }.joined(separator: " · ")))))
    }

    static func item(name: String, number: String, note: String) -> Node<HTML.ListContext> {
        .li(.class("call-item"),
            .a(.class("button primary call-button"), .safeAttribute(named: "href", value: "tel:" + CrisisLine.dialable(number)),
               .text(name.isEmpty ? "Call \(number)" : "Call \(name): \(number)")),
            .if(!note.isEmpty, .span(.class("call-note"), .text(note))))
    }
}
