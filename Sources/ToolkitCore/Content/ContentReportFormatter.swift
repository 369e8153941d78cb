import Foundation

/// Prints the content check as a readable report: problems, coverage and reading grades.
public enum ContentReportFormatter {
    public static func format(_ report: ContentCheck.Report, library: ContentLibrary) -> String {
        var lines: [String] = []
        lines.append("Library: \(library.items.count) items")
        lines.append("")
        lines.append("Coverage")
        for line in report.coverage {
            let mark = line.items.count >= line.required ? "ok " : "MISSING"
            lines.append("  \(mark) \(line.line): \(line.items.count) (needs \(line.required))")
        }
        lines.append("")
        lines.append("Reading grade (Flesch-Kincaid), client text")
        for entry in report.grades.sorted(by: { $0.grade > $1.grade }) {
            lines.append(String(format: "  %5.1f  %@", entry.grade, entry.id))
        }
        lines.append(String(format: "  median %.1f (must be %.1f or below)", report.medianGrade, ContentCheck.maximumMedianGrade))
        lines.append("  ranges: handouts, worksheets and programs \(ContentCheck.describe(ContentCheck.proseGrades)); "
                     + "crisis and grounding \(ContentCheck.describe(ContentCheck.hardMomentGrades)); "
                     + "everything else \(ContentCheck.describe(0...ContentCheck.maximumGrade))")
        lines.append("")
        if report.problems.isEmpty {
            lines.append("No problems found.")
        } else {
            lines.append("Problems (\(report.problems.count))")
            lines += report.problems.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
