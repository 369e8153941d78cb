import Foundation
import Plot
import ToolkitCore

/// One client's shared work as their therapist sees it: kinds and days only, newest first, each
/// marked new until opened. Nothing the client wrote is on this page.
struct ClientWorkPage {
    var therapist: User
    var csrfToken: String
    var client: User
    var items: SharedWorkStore.ItemPage
    var pageNumber: Int
    var calendar: Calendar

    func render() -> String {
        PageLayout(title: "Shared with you", user: therapist, csrfToken: csrfToken, content: .div(
            .p(.class("meta"), .a(.href(SiteURL.clients.path), "← My clients")),
            .h1(.text("Shared by \(client.name)")),
            .p(.text("Only what \(client.name) chooses to share is listed, as it is now. They can stop sharing at any time, "
                     + "and then it disappears from here.")),
            .if(items.items.isEmpty,
                .p(.class("muted"), pageNumber == 0 ? "Nothing is shared with you at the moment." : "There is nothing older."),
                else: .ul(.class("plain-list shared-items"), .forEach(items.items) { item in
                    .li(.class(item.unread ? "shared-item unread" : "shared-item"),
                        .a(.href(SiteURL.clientSharedItem(client.id, kind: item.kind.rawValue, entry: item.entryID).path),
                           .text(item.kind.title)),
                        .text(" · changed "),
                        .element(named: "time", nodes: [.attribute(named: "datetime", value: RosterRules.isoDay(item.changedAt, in: calendar)),
                                                        .text(RosterRules.dayText(item.changedAt, in: calendar))]),
                        .if(item.unread, .group(.text(" · "), .strong(.class("tag"), "New"))))
                })),
            .p(.a(.href(SiteURL.clientWorksheets(client.id).path), "All shared worksheets on one page")),
            .if(items.hasOlder || pageNumber > 0,
                .ul(.class("action-list"),
                    .if(pageNumber > 0, .li(.a(.class("button"), .href(SiteURL.client(client.id).path + (pageNumber > 1 ? "?page=\(pageNumber - 1)" : "")), "Newer"))),
                    .if(items.hasOlder, .li(.a(.class("button"), .href(SiteURL.client(client.id).path + "?page=\(pageNumber + 1)"), "Older")))))
        )).render()
    }
}

/// One shared item, read-only, with a way back to the client's list.
struct SharedItemPage {
    var therapist: User
    var csrfToken: String
    var client: User
    var kind: SharedWorkKind
    var title: String
    var changedAt: Date
    var calendar: Calendar
    var content: Node<HTML.BodyContext>

    func render() -> String {
        PageLayout(title: kind.title, user: therapist, csrfToken: csrfToken, content: .div(
            .class("narrow"),
            .p(.class("meta"), .a(.href(SiteURL.client(client.id).path), .text("← Shared by \(client.name)"))),
            .h1(.text(title)),
            .p(.class("notice"), .text("\(client.name) shares this with you, read-only. Last changed \(RosterRules.dayText(changedAt, in: calendar)). "
                                       + "They can stop sharing at any time.")),
            content
        )).render()
    }
}
