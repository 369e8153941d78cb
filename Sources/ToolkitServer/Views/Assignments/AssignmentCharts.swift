import Foundation
import Plot
import ToolkitCore

/// The therapist's progress charts, drawn on the server like the practice log's (an SVG with a
/// title and a description for screen readers), each beside a plain table with the same numbers
/// and a one-line summary. Bars only: no colours that judge, no targets, no streaks.
enum AssignmentCharts {
    static let slot = 56.0, barWidth = 18.0, plotHeight = 120.0, top = 22.0, bottom = 30.0, side = 8.0

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// "6 Oct" under a bar, "6 Oct 2026" in a table.
    static func short(_ day: CalendarDay) -> String { "\(day.day) \(months[day.month - 1])" }
    static func long(_ day: CalendarDay) -> String { "\(short(day)) \(day.year)" }

    /// One or two bars per group (such as planned and done in each week).
    struct Series {
        var name: String
        var cssClass: String
        var values: [Double]
    }

    static func chart(id: String, title: String, groups: [String], series: [Series]) -> Node<HTML.BodyContext> {
        let width = side * 2 + slot * Double(groups.count)
        let height = top + plotHeight + bottom
        let most = max(series.flatMap(\.values).max() ?? 0, 1)
        let description = groups.enumerated().map { index, group in
            "\(group): " + series.map { "\($0.name) \(number($0.values[index]))" }.joined(separator: ", ")
        }.joined(separator: "; ") + "."
        let width1 = barWidth * Double(series.count)
        return .element(named: "svg", nodes: [
            .class("assignment-chart"),
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
            .attribute(named: "viewBox", value: "0 0 \(number(width)) \(number(height))"),
            .attribute(named: "role", value: "img"),
            .attribute(named: "aria-labelledby", value: "\(id)-title \(id)-desc"),
            .element(named: "title", nodes: [.id("\(id)-title"), .text(title)]),
            .element(named: "desc", nodes: [.id("\(id)-desc"), .text(description)]),
            .element(named: "line", nodes: [
                .class("baseline"),
                .attribute(named: "x1", value: number(side)), .attribute(named: "x2", value: number(width - side)),
                .attribute(named: "y1", value: number(top + plotHeight)), .attribute(named: "y2", value: number(top + plotHeight)),
            ]),
            .forEach(Array(groups.enumerated())) { index, group in
                let left = side + slot * Double(index) + (slot - width1) / 2
                return .element(named: "g", nodes: [
                    .forEach(Array(series.enumerated())) { position, one in
                        let value = one.values[index]
                        let barHeight = plotHeight * value / most
                        let x = left + barWidth * Double(position)
                        return .element(named: "rect", nodes: [
                            .class("bar \(one.cssClass)"),
                            .attribute(named: "data-value", value: number(value)),
                            .attribute(named: "x", value: number(x)), .attribute(named: "y", value: number(top + plotHeight - barHeight)),
                            .attribute(named: "width", value: number(barWidth - 2)), .attribute(named: "height", value: number(barHeight)),
                            .attribute(named: "rx", value: "2"),
                        ])
                    },
                    .element(named: "text", nodes: [
                        .class("week"), .attribute(named: "x", value: number(left + width1 / 2)),
                        .attribute(named: "y", value: number(top + plotHeight + 18)),
                        .attribute(named: "text-anchor", value: "middle"), .text(group),
                    ]),
                ])
            },
        ])
    }

    /// Done against planned each week: summary, chart, table.
    static func adherence(_ weeks: [AssignmentWeek], id: String) -> Node<HTML.BodyContext> {
        .div(.class("assignment-progress"),
             .p(.class("summary"), .text(Adherence.summary(weeks))),
             chart(id: "\(id)-adherence", title: "Done and planned each week, the last \(weeks.count) weeks",
                   groups: weeks.map { short($0.start) },
                   series: [Series(name: "planned", cssClass: "planned", values: weeks.map { Double($0.planned) }),
                            Series(name: "done", cssClass: "done", values: weeks.map { Double($0.done) })]),
             .div(.class("table-wrap"),
                  .table(.class("assignment-weeks"),
                         .caption(.text("Done and planned each week")),
                         .thead(.tr(.th(.attribute(named: "scope", value: "col"), "Week starting"),
                                    .th(.attribute(named: "scope", value: "col"), "Planned"),
                                    .th(.attribute(named: "scope", value: "col"), "Done"),
                                    .th(.attribute(named: "scope", value: "col"), "Minutes"))),
                         .tbody(.forEach(weeks) { week in
                             .tr(.attribute(named: "data-week", value: week.start.description),
                                 .th(.attribute(named: "scope", value: "row"), .text(long(week.start)),
                                     .if(week.setAside, .span(.class("meta"), " (not this week)"))),
                                 .td(.class("planned"), .text(String(week.planned))),
                                 .td(.class("done"), .text(String(week.done))),
                                 .td(.class("minutes"), .text(String(week.minutes))))
                         }))))
    }

    /// Practice minutes each week: summary, chart (the table is the adherence table's last column).
    static func minutes(_ weeks: [AssignmentWeek], id: String) -> Node<HTML.BodyContext> {
        let total = weeks.reduce(0) { $0 + $1.minutes }
        return .div(.class("assignment-minutes"),
                    .p(.class("summary"), .text("\(PracticeHistory.count(total, "minute")) of assigned practice in the last \(weeks.count) weeks.")),
                    chart(id: "\(id)-minutes", title: "Minutes of assigned practice each week",
                          groups: weeks.map { short($0.start) },
                          series: [Series(name: "minutes", cssClass: "minutes", values: weeks.map { Double($0.minutes) })]),
                    .div(.class("table-wrap"),
                         .table(.class("assignment-minutes-table"),
                                .caption(.text("Minutes of assigned practice each week")),
                                .thead(.tr(.th(.attribute(named: "scope", value: "col"), "Week starting"),
                                           .th(.attribute(named: "scope", value: "col"), "Minutes"))),
                                .tbody(.forEach(weeks) { week in
                                    .tr(.th(.attribute(named: "scope", value: "row"), .text(long(week.start))),
                                        .td(.text(String(week.minutes))))
                                }))))
    }

    /// Before and after ratings from the practice records the client shares, nothing else.
    static func ratings(_ history: PracticeHistory?, id: String) -> Node<HTML.BodyContext> {
        let rows: [(String, PracticeHistory.Change)] = [("Distress", history?.distress), ("Kindness to themselves", history?.kindness)]
            .compactMap { name, change in change.map { (name, $0) } }
        guard !rows.isEmpty else {
            return .p(.class("muted"), "No shared ratings. Ratings appear here only from practice records your client chooses to share.")
        }
        let summary = rows.map { name, change in
            "\(name): \(PracticeHistory.decimal(change.averageBefore)) before, \(PracticeHistory.decimal(change.averageAfter)) after, over \(PracticeHistory.count(change.records, "shared practice"))"
        }.joined(separator: "; ") + "."
        return .div(.class("assignment-ratings"),
                    .p(.class("summary"), .text(summary)),
                    chart(id: "\(id)-ratings", title: "Average ratings before and after, from shared practice records",
                          groups: rows.map { $0.0 == "Distress" ? "Distress" : "Kindness" },
                          series: [Series(name: "before", cssClass: "before", values: rows.map { $0.1.averageBefore }),
                                   Series(name: "after", cssClass: "after", values: rows.map { $0.1.averageAfter })]),
                    .div(.class("table-wrap"),
                         .table(.class("assignment-ratings-table"),
                                .caption(.text("Average ratings from 0 to 10, shared practice records only")),
                                .thead(.tr(.th(.attribute(named: "scope", value: "col"), "Rating"),
                                           .th(.attribute(named: "scope", value: "col"), "Before"),
                                           .th(.attribute(named: "scope", value: "col"), "After"),
                                           .th(.attribute(named: "scope", value: "col"), "Records"))),
                                .tbody(.forEach(rows) { name, change in
                                    .tr(.th(.attribute(named: "scope", value: "row"), .text(name)),
                                        .td(.text(PracticeHistory.decimal(change.averageBefore))),
                                        .td(.text(PracticeHistory.decimal(change.averageAfter))),
                                        .td(.text(String(change.records))))
                                }))))
    }

    private static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
    }
}
