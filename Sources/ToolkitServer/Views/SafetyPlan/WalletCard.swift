import Foundation
import ToolkitCore

/// What goes on the wallet card: two panels the size of a bank card (85.6 x 54 mm), side by side,
/// folded in the middle. Every entry takes one line: a long one is cut short with an ellipsis on
/// the card, but a phone number is never cut. Every heading takes one line too.
///
/// When a plan holds more than fits, the card keeps the most important steps and the first
/// entries of each: people I can ask (entries with a phone number first), professionals, the
/// deployment's crisis lines, things I can do on my own, then warning signs, what matters most,
/// taking my mind off things and safer surroundings. Steps go on the front in that order; the
/// first one that doesn't fit there starts the back. Room left on a panel goes to further
/// entries of its steps, most important first. A step with no room at all is left off, and the
/// card then says that the full plan has more.
struct WalletCard: Equatable {
    struct Line: Equatable {
        var text: String
        /// A phone number as written, shown whole after the text.
        var number: String?
    }

    struct Section: Equatable {
        var title: String
        var lines: [Line]
    }

    var front: [Section] = []
    var back: [Section] = []
    /// Some of the plan (or of the crisis lines) is not on the card.
    var isAbridged = false

    /// Lines one panel holds at the card's type (7.5 pt text on a 1.2 line height, see app.css).
    static let linesPerPanel = 14
    /// The front also carries the card's title and the line about emergencies.
    static let frontReserved = 3

    init(plan: SafetyPlan, crisisLines: [CrisisLine]) {
        let sections: [(section: Section, first: Int)] = [
            (Section(title: SafetyPlanStep.peopleToAsk.shortTitle, lines: Self.numbersFirst(plan.peopleToAsk)), 3),
            (Section(title: SafetyPlanStep.professionals.shortTitle, lines: Self.numbersFirst(plan.professionals)), 2),
            (Section(title: "Crisis lines", lines: crisisLines.map(Self.line)), 2),
            (Section(title: SafetyPlanStep.copingStrategies.shortTitle, lines: plan.copingStrategies.map { Line(text: $0) }), 3),
            (Section(title: SafetyPlanStep.warningSigns.shortTitle, lines: plan.warningSigns.map { Line(text: $0) }), 2),
            (Section(title: SafetyPlanStep.reasonsForLiving.shortTitle, lines: plan.reasonsForLiving.map { Line(text: $0) }), 2),
            (Section(title: SafetyPlanStep.distractions.shortTitle, lines: plan.distractions.map { Line(text: $0) }), 2),
            (Section(title: SafetyPlanStep.saferSurroundings.shortTitle, lines: plan.saferSurroundings.map { Line(text: $0) }), 2),
        ].filter { !$0.section.lines.isEmpty }
        self = Self.fill(sections, backLines: Self.linesPerPanel)
        if isAbridged {
            // The back's last line says the full plan has more.
            self = Self.fill(sections, backLines: Self.linesPerPanel - 1)
            isAbridged = true
        }
    }

    private init() {}

    private static func fill(_ sections: [(section: Section, first: Int)], backLines: Int) -> WalletCard {
        var room = [linesPerPanel - frontReserved, backLines]
        var placed: [[(index: Int, count: Int)]] = [[], []]
        var panel = 0
        for (index, candidate) in sections.enumerated() {
            let wanted = 1 + min(candidate.first, candidate.section.lines.count)
            if panel == 0 && wanted > room[0] { panel = 1 }
            let count = min(wanted, room[panel]) - 1
            guard count >= 1 else { continue }
            placed[panel].append((index, count))
            room[panel] -= count + 1
        }
        var card = WalletCard()
        for panel in 0..<2 {
            for slot in placed[panel].indices {
                let available = sections[placed[panel][slot].index].section.lines.count - placed[panel][slot].count
                let more = min(room[panel], available)
                placed[panel][slot].count += more
                room[panel] -= more
            }
            let filled = placed[panel].map { slot in
                Section(title: sections[slot.index].section.title, lines: Array(sections[slot.index].section.lines.prefix(slot.count)))
            }
            if panel == 0 { card.front = filled } else { card.back = filled }
        }
        let shown = (card.front + card.back).reduce(0) { $0 + $1.lines.count }
        card.isAbridged = shown < sections.reduce(0) { $0 + $1.section.lines.count }
        return card
    }

    /// Entries with a phone number before the rest, each keeping its order.
    static func numbersFirst(_ entries: [String]) -> [Line] {
        let lines = entries.map(contactLine)
        return lines.filter { $0.number != nil } + lines.filter { $0.number == nil }
    }

    /// "Sam, 07700 900123, after 6pm" becomes "Sam (after 6pm)" and "07700 900123", so the
    /// number can be shown whole.
    static func contactLine(_ entry: String) -> Line {
        let contact = PlanContact.parse(entry)
        guard !contact.phone.isEmpty else { return Line(text: entry) }
        let note = contact.note.hasPrefix("(") && contact.note.hasSuffix(")") ? contact.note : "(\(contact.note))"
        let text = contact.note.isEmpty ? contact.name : (contact.name.isEmpty ? contact.note : "\(contact.name) \(note)")
        return Line(text: text, number: contact.phone)
    }

    /// A crisis line as its name (and hours), with its phone number, or else its text number.
    static func line(_ line: CrisisLine) -> Line {
        func present(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        var text = line.name + (present(line.hours).map { " (\($0))" } ?? "")
        let number = present(line.phone) ?? present(line.text).map { "text " + $0 }
        if number == nil, let website = present(line.website) { text += " " + website }
        return Line(text: text, number: number)
    }
}
