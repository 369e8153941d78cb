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
                   .forEach(otherLines) { line in
                       .unwrap(line.phone.flatMap { $0.isEmpty ? nil : $0 }, { phone in
                           item(name: line.name, number: phone, note: line.hours ?? "")
                       }, else: .li(.class("call-item"), .strong(.text(line.name)),
                                    .unwrap(line.text.flatMap { $0.isEmpty ? nil : $0 }) { number in
                                        .a(.class("button"), .href("sms:" + CrisisLine.dialable(number)), .text("Text " + number))
                                    }))
                   })
    }

    static func item(name: String, number: String, note: String) -> Node<HTML.ListContext> {
        .li(.class("call-item"),
            .a(.class("button primary call-button"), .safeAttribute(named: "href", value: "tel:" + CrisisLine.dialable(number)),
               .text(name.isEmpty ? "Call \(number)" : "Call \(name): \(number)")),
            .if(!note.isEmpty, .span(.class("call-note"), .text(note))))
    }
}
