import Foundation
import Plot
import ToolkitCore

/// Minutes of practice each week as a bar chart drawn on the server (an SVG with a title and a
/// description for screen readers), always next to a plain table holding the same numbers.
/// Quiet weeks are simply short bars: no colours that judge, no targets.
enum PracticeChart {
    static let slot = 56.0, barWidth = 36.0, plotHeight = 140.0, top = 24.0, bottom = 34.0, side = 8.0

    /// "2025-10-06": the week's Monday in the history's time zone, the key tests and scripts use.
    static func key(_ week: PracticeHistory.Week, calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: week.start)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// Short and long names for a week: "6 Oct" under a bar, "6 Oct 2025" in the table.
    struct Labels {
        let calendar: Calendar
        private let short: DateFormatter
        private let long: DateFormatter

        init(timeZone: TimeZone) {
            calendar = PracticeHistory.calendar(in: timeZone)
            short = Self.formatter("d MMM", timeZone)
            long = Self.formatter("d MMM yyyy", timeZone)
        }

        private static func formatter(_ format: String, _ timeZone: TimeZone) -> DateFormatter {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_GB")
            formatter.timeZone = timeZone
            formatter.dateFormat = format
            return formatter
        }

        func short(_ week: PracticeHistory.Week) -> String { short.string(from: week.start) }
        func long(_ week: PracticeHistory.Week) -> String { long.string(from: week.start) }
    }

    static func chart(_ history: PracticeHistory, labels: Labels) -> Node<HTML.BodyContext> {
        let width = side * 2 + slot * Double(history.weeks.count)
        let height = top + plotHeight + bottom
        let most = max(history.weeks.map(\.minutes).max() ?? 0, 1)
        let first = history.weeks.first.map(labels.long) ?? ""
        let description = "Week by week from the week of \(first): "
            + history.weeks.map { "\(labels.short($0)), \(PracticeHistory.count($0.minutes, "minute"))" }.joined(separator: "; ") + "."
        return .element(named: "svg", nodes: [
            .class("practice-chart"),
            .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
            .attribute(named: "viewBox", value: "0 0 \(number(width)) \(number(height))"),
            .attribute(named: "role", value: "img"),
            .attribute(named: "aria-labelledby", value: "practice-chart-title practice-chart-desc"),
            .element(named: "title", nodes: [.id("practice-chart-title"), .text("Minutes of practice each week, the last \(history.weeks.count) weeks")]),
            .element(named: "desc", nodes: [.id("practice-chart-desc"), .text(description)]),
            .element(named: "line", nodes: [
                .class("baseline"),
                .attribute(named: "x1", value: number(side)), .attribute(named: "x2", value: number(width - side)),
                .attribute(named: "y1", value: number(top + plotHeight)), .attribute(named: "y2", value: number(top + plotHeight)),
            ]),
            .forEach(Array(history.weeks.enumerated())) { index, week in
                let barHeight = plotHeight * Double(week.minutes) / Double(most)
                let x = side + slot * Double(index) + (slot - barWidth) / 2
                let middle = x + barWidth / 2
                return .element(named: "g", nodes: [
                    .element(named: "rect", nodes: [
                        .class("bar"),
                        .attribute(named: "data-week", value: key(week, calendar: labels.calendar)),
                        .attribute(named: "data-minutes", value: String(week.minutes)),
                        .attribute(named: "x", value: number(x)), .attribute(named: "y", value: number(top + plotHeight - barHeight)),
                        .attribute(named: "width", value: number(barWidth)), .attribute(named: "height", value: number(barHeight)),
                        .attribute(named: "rx", value: "3"),
                    ]),
                    .element(named: "text", nodes: [
                        .class("value"), .attribute(named: "x", value: number(middle)),
                        .attribute(named: "y", value: number(top + plotHeight - barHeight - 6)),
                        .attribute(named: "text-anchor", value: "middle"), .text(String(week.minutes)),
                    ]),
                    .element(named: "text", nodes: [
                        .class("week"), .attribute(named: "x", value: number(middle)),
                        .attribute(named: "y", value: number(top + plotHeight + 20)),
                        .attribute(named: "text-anchor", value: "middle"), .text(labels.short(week)),
                    ]),
                ])
            },
        ])
    }

    /// The same numbers as the chart, in the same order, for anyone who reads tables more easily
    /// (or can't see the chart).
    static func table(_ history: PracticeHistory, labels: Labels) -> Node<HTML.BodyContext> {
        .div(.class("table-wrap"),
             .table(.class("practice-weeks"),
                    .caption(.text("Minutes of practice each week")),
                    .thead(.tr(.th(.attribute(named: "scope", value: "col"), "Week starting"),
                               .th(.attribute(named: "scope", value: "col"), "Minutes"),
                               .th(.attribute(named: "scope", value: "col"), "Practices"))),
                    .tbody(.forEach(history.weeks) { week in
                        .tr(.attribute(named: "data-week", value: key(week, calendar: labels.calendar)),
                            .th(.attribute(named: "scope", value: "row"), .text(labels.long(week))),
                            .td(.class("minutes"), .text(String(week.minutes))),
                            .td(.class("practices"), .text(String(week.practices))))
                    }),
                    .tfoot(.tr(.th(.attribute(named: "scope", value: "row"), "In all"),
                               .td(.text(String(history.totalMinutes))),
                               .td(.text(String(history.practices)))))))
    }

    /// The before and after averages, as a small table with a calm sentence for each.
    static func change(_ history: PracticeHistory) -> Node<HTML.BodyContext> {
        let rows: [(String, PracticeHistory.Change)] = [("Distress", history.distress), ("Kindness to yourself", history.kindness)]
            .compactMap { name, change in change.map { (name, $0) } }
        guard !rows.isEmpty else {
            return .p(.class("muted"), "When you give ratings before and after a practice, you'll see here how they compare.")
        }
        return .group(
            .forEach([history.distressSentence, history.kindnessSentence].compactMap { $0 }) { .p(.text($0)) },
            .div(.class("table-wrap"),
                 .table(.class("practice-change"),
                        .caption(.text("Average ratings from 0 to 10, over practices rated both before and after")),
                        .thead(.tr(.th(.attribute(named: "scope", value: "col"), "Rating"),
                                   .th(.attribute(named: "scope", value: "col"), "Before"),
                                   .th(.attribute(named: "scope", value: "col"), "After"))),
                        .tbody(.forEach(rows) { name, change in
                            .tr(.th(.attribute(named: "scope", value: "row"), .text(name),
                                    .span(.class("meta"), .text(" (\(PracticeHistory.count(change.records, "practice")))"))),
                                .td(.text(PracticeHistory.decimal(change.averageBefore))),
                                .td(.text(PracticeHistory.decimal(change.averageAfter))))
                        }))))
    }

    /// Whole numbers without a decimal point, anything else to one place.
    private static func number(_ value: Double) -> String {
        value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)
    }
}
