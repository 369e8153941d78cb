import Plot
import ToolkitCore

/// Browse and search: filters that work without JavaScript (a GET form), situation shortcuts,
/// and the results as cards.
struct LibraryIndexPage {
    var query: String
    var filters: LibrarySearch.Filters
    var results: [LibraryItem]
    var totalCount: Int
    var user: User?
    var csrfToken: String?
    /// Items ticked for a packet, in the order chosen; they are carried through every search.
    var ticked: [String] = []
    /// Set when the search text carries risk language: the crisis lines, shown before the results.
    var support: [CrisisLine]?

    /// Clients read the library; everyone else can also gather items into a printed packet.
    var makesPackets: Bool { user?.userRole != .client }

    var isFiltered: Bool { !query.isEmpty || filters != LibrarySearch.Filters() }

    func render() -> String {
        PageLayout(title: "Library", user: user, csrfToken: csrfToken, scripts: makesPackets ? ["packet.js"] : [], content: .div(
            .h1("Library"),
            .unwrap(support) { supportBanner($0) },
            .p(.class("lead"), "Practices, worksheets and guides for meeting yourself with more kindness. Search in your own words, such as “I feel stupid after a mistake”."),
            .if(user?.userRole == .therapist, .p(.a(.class("button"), .href(SiteURL.authoredItems.path), "My own items"),
                                                 .text(" Write your own handouts, worksheets and practices."))),
            // One form holds the search, the filters and the ticks, so searching or filtering
            // carries the ticked items along (without JavaScript too); the packet button sends
            // the same form to the packet page.
            .form(.class("search-form library-form"), .id("library-form"), .method(.get), .action(SiteURL.library.path),
                  .safeAttribute(named: "data-packet-order", value: makesPackets ? ticked.joined(separator: " ") : nil),
                  .div(.class("search-row"), .attribute(named: "role", value: "search"),
                       .div(.class("field"),
                            .label(.for("q"), "Search in your own words"),
                            .input(.type(.search), .id("q"), .name("q"), .safeValue(query), .attribute(named: "autocomplete", value: "off"))),
                       .button(.type(.submit), .class("button primary"), "Search")),
                  .details(.class("filters-panel"), .if(filters != LibrarySearch.Filters(), .open(true)),
                           .summary("Filter by topic, length and more"),
                           .div(.class("filters"),
                                select("category", label: "Topic", options: ItemCategory.allCases.map { ($0.rawValue, $0.displayName) },
                                       selected: filters.category?.rawValue),
                                select("component", label: "Part of self-compassion",
                                       options: CompassionComponent.allCases.map { ($0.rawValue, $0.displayName) }, selected: filters.component?.rawValue),
                                select("kind", label: "Kind", options: ItemKind.allCases.map { ($0.rawValue, $0.displayName) },
                                       selected: filters.kind?.rawValue),
                                select("maxMinutes", label: "Length", options: [("5", "5 minutes or less"), ("10", "10 minutes or less"), ("20", "20 minutes or less")],
                                       selected: filters.maxMinutes.map(String.init)),
                                select("situation", label: "Situation", options: Situation.allCases.map { ($0.rawValue, $0.displayName) },
                                       selected: filters.situation?.rawValue),
                                .div(.class("field"), .button(.type(.submit), .class("button"), "Apply filters")))),
                  .if(!isFiltered, .section(
                      .attribute(named: "aria-labelledby", value: "moments"),
                      .h2(.id("moments"), "For a moment like this"),
                      .ul(.class("situations"), .forEach(Situation.allCases.filter { $0 != .inSession }) { situation in
                          .li(.a(.safeAttribute(named: "href", value: SiteURL.library.path + "?situation=\(situation.rawValue)" + tickedQuery),
                                 .text(situation.displayName)))
                      }))),
                  .h2(.id("results"), .attribute(named: "aria-live", value: "polite"),
                      .text(isFiltered ? "\(results.count) \(results.count == 1 ? "item" : "items") found" : "All \(totalCount) items")),
                  .if(results.isEmpty && isFiltered,
                      .p("Nothing matched. Try fewer words, or ", .a(.safeAttribute(named: "href", value: SiteURL.library.path + (tickedQuery.isEmpty ? "" : "?" + String(tickedQuery.dropFirst()))), "see everything"), ".")),
                  .if(makesPackets, packetChoice, else: .ul(.class("card-list"), .forEach(results) { LibraryCards.card($0, headingLevel: 3) })))
        )).render()
    }

    /// The ticked items as query parameters ("&items=a&items=b"), for links that leave the form.
    private var tickedQuery: String {
        makesPackets ? ticked.map { "&items=\($0)" }.joined() : ""
    }

    /// The results with a box to tick on each, the ticked items that this search doesn't show
    /// (so they stay ticked), and the packet button, which stays in view as the list scrolls.
    private var packetChoice: Node<HTML.FormContext> {
        let shown = Set(results.map(\.id))
        return .group(
            .p(.class("muted no-print"), "Therapists: tick items and print them as one packet with a cover page. Ticked items stay ticked when you search or filter."),
            .forEach(ticked.filter { !shown.contains($0) }) { id in
                .input(.type(.hidden), .name("items"), .safeValue(id), .attribute(named: "data-carried", value: "true"))
            },
            .ul(.class("card-list"), .forEach(results) { item in
                .li(.class("card"),
                    .h3(.a(.href(SiteURL.libraryItem(item.id).path), .text(item.title))),
                    .p(.text(item.summary)),
                    .p(.class("meta"), .text("\(item.kind.displayName) · \(item.minutes) min")),
                    .label(.class("no-print packet-tick"), .input(.type(.checkbox), .name("items"), .value(item.id), .checked(ticked.contains(item.id))),
                           .text(" Add to packet"), .span(.class("visually-hidden"), .text(": \(item.title)"))))
            }),
            .div(.class("packet-bar no-print"),
                 .button(.type(.submit), .class("button primary"), .attribute(named: "formaction", value: SiteURL.libraryPacket.path),
                         .attribute(named: "data-packet-button", value: "true"),
                         .text("Print packet ("), .span(.attribute(named: "data-packet-count", value: "true"), .text(String(ticked.count))), .text(")")),
                 .span(.class("packet-bar-hint"), .attribute(named: "data-packet-hint", value: "true"), .attribute(named: "role", value: "status"),
                       .text(ticked.isEmpty ? "Tick items to add them." : "\(ticked.count) ticked. You can put them in order on the next page.")),
                 .button(.type(.button), .class("link-button"), .attribute(named: "data-packet-clear", value: "true"),
                         .attribute(named: "hidden", value: "hidden"), "Untick all")))
    }

    /// Calm, first, and the same for anyone: people to talk to now, the client's own plan, and
    /// the way to the grounding on the crisis page. The results stay below it.
    private func supportBanner(_ lines: [CrisisLine]) -> Node<HTML.BodyContext> {
        .section(.class("support-banner"), .attribute(named: "aria-labelledby", value: "support"),
                 .h2(.id("support"), "You don't have to go through this alone"),
                 .p("If you're thinking about ending your life or hurting yourself, please talk to someone now."),
                 CallButtons.list([], lines: lines),
                 .p(.class("emergency"), "In danger, or might act on these thoughts? Call your local emergency number now."),
                 .ul(.class("action-list"),
                     .if(user?.userRole == .client, .li(.a(.class("button primary"), .href(SiteURL.safetyPlan.path), "Open my safety plan"))),
                     .if(user?.userRole == .client, .li(.a(.class("button"), .href(SiteURL.struggling.path), "Go through it with me"))),
                     .li(.a(.class("button"), .href(SiteURL.crisis.path), "Need help now: grounding and more"))),
                 .if(user == nil, .p(.class("muted"), "If you have a safety plan here, ", .a(.href(SiteURL.login.path), "sign in"), " to open it.")),
                 .p(.class("muted"), "Your search results are below."))
    }

    private func select(_ name: String, label: String, options: [(String, String)], selected: String?) -> Node<HTML.DetailsContext> {
        .div(.class("field"),
             .label(.for(name), .text(label)),
             .select(.id(name), .attribute(named: "name", value: name),
                     FormFields.option(value: "", label: "Any", selected: selected == nil),
                     .forEach(options) { FormFields.option(value: $0.0, label: $0.1, selected: selected == $0.0) }))
    }
}
