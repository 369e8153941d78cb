/// The library's menu of small daily rituals, read from the item's own text: each bullet list
/// under a subheading ("Morning", "During the day", ...) is one group. The wording lives only in
/// the library; a change there shows here.
public struct RitualMenu: Sendable, Equatable {
    public static let libraryItemID = "daily-rituals-menu"

    public struct Group: Sendable, Equatable {
        public var title: String
        public var items: [String]
    }

    public var groups: [Group]

    public init(clientText: [TextBlock]) {
        var groups: [Group] = []
        var heading: String?
        for block in clientText {
            switch block {
            case .heading(let text): heading = text
            case .bulletList(let items):
                guard let heading else { continue }
                let texts = items.map { $0.map(\.plain).joined().trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                if let index = groups.firstIndex(where: { $0.title == heading }) {
                    groups[index].items += texts
                } else {
                    groups.append(Group(title: heading, items: texts))
                }
            case .paragraph, .numberedList: continue
            }
        }
        self.groups = groups
    }

    /// "<group>.<item>", both counted from 0: how a choice from the menu is posted.
    public static func reference(group: Int, item: Int) -> String { "\(group).\(item)" }

    /// The group title and ritual text a reference names, if it exists.
    public func choice(_ reference: String) -> (group: String, text: String)? {
        let parts = reference.split(separator: ".")
        guard parts.count == 2, let group = Int(parts[0]), let item = Int(parts[1]),
              groups.indices.contains(group), groups[group].items.indices.contains(item) else { return nil }
        return (groups[group].title, groups[group].items[item])
    }
}
