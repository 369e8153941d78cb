import Foundation
import Yams

/// The loaded library: every item, by id and in a stable order, with a search index.
public struct ContentLibrary: Sendable {
    public let items: [LibraryItem]
    private let byID: [String: Int]
    public let search: LibrarySearch

    public init(items: [LibraryItem]) {
        self.items = items.sorted { ($0.category.rawValue, $0.title) < ($1.category.rawValue, $1.title) }
        self.byID = Dictionary(self.items.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.search = LibrarySearch(items: self.items)
    }

    public func item(_ id: String) -> LibraryItem? { byID[id].map { items[$0] } }

    /// Loads the library shipped inside the package and refuses content that fails the check.
    public static func loadBundled() throws -> ContentLibrary {
        guard let folder = Bundle.module.url(forResource: "Library", withExtension: nil) else {
            throw ContentError(file: "Library", message: "The library folder is missing from the app bundle.")
        }
        let library = try load(from: folder)
        let report = ContentCheck(library: library).run()
        guard report.problems.isEmpty else {
            throw ContentError(file: "Library", message: "The library has problems:\n" + report.problems.joined(separator: "\n"))
        }
        return library
    }

    public static func bundledFolder() -> URL? { Bundle.module.url(forResource: "Library", withExtension: nil) }

    public static func load(from folder: URL) throws -> ContentLibrary {
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let items = try files.map { file in
            try ItemParser.parse(String(contentsOf: file, encoding: .utf8), fileName: file.deletingPathExtension().lastPathComponent)
        }
        return ContentLibrary(items: items)
    }
}

public struct ContentError: Error, CustomStringConvertible {
    public let file: String
    public let message: String
    public var description: String { "\(file): \(message)" }
}

/// Reads one item file: YAML front matter between `---` lines, then "## For you" and
/// "## Therapist notes" sections.
public enum ItemParser {
    /// The YAML header; `ItemWriter` writes the same type back out.
    struct FrontMatter: Codable {
        var id: String
        var title: String
        var summary: String
        var kind: ItemKind
        var category: ItemCategory
        var components: [CompassionComponent]
        var minutes: Int
        var audience: Audience
        var situations: [Situation]?
        var keywords: [String]?
        var related: [String]?
        var evidence: [String]?
        var steps: [PracticeStep]?
        var fields: [WorksheetField]?
        var prompts: PromptSet?
        var weeks: [ProgramWeek]?
        var safetyLine: String?

        enum CodingKeys: String, CodingKey {
            case id, title, summary, kind, category, components, minutes, audience, situations, keywords
            case related, evidence, steps, fields, prompts, weeks
            case safetyLine = "safety_line"
        }
    }

    public static func parse(_ text: String, fileName: String) throws -> LibraryItem {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        guard normalized.hasPrefix("---\n") else {
            throw ContentError(file: fileName, message: "The file must start with a '---' line and front matter.")
        }
        let rest = normalized.dropFirst(4)
        guard let end = rest.range(of: "\n---\n") else {
            throw ContentError(file: fileName, message: "The front matter has no closing '---' line.")
        }
        let yaml = String(rest[..<end.lowerBound])
        let body = String(rest[end.upperBound...])
        let front: FrontMatter
        do {
            front = try YAMLDecoder().decode(FrontMatter.self, from: yaml)
        } catch {
            throw ContentError(file: fileName, message: "The front matter could not be read: \(error)")
        }
        let sections = splitSections(body)
        return LibraryItem(
            id: front.id, title: front.title, summary: front.summary, kind: front.kind, category: front.category,
            components: front.components, minutes: front.minutes, audience: front.audience,
            situations: front.situations ?? [], keywords: front.keywords ?? [], related: front.related ?? [],
            evidence: front.evidence ?? [], steps: front.steps ?? [], fields: front.fields ?? [],
            prompts: front.prompts, weeks: front.weeks ?? [],
            clientText: TextBlock.parse(sections["for you"] ?? ""),
            therapistNotes: TextBlock.parse(sections["therapist notes"] ?? ""),
            safetyLine: front.safetyLine)
    }

    /// Splits the body at "## " headings, keyed by the lower-cased heading.
    static func splitSections(_ body: String) -> [String: String] {
        var sections: [String: String] = [:]
        var current: String?
        var lines: [Substring] = []
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("## ") {
                if let current { sections[current] = lines.joined(separator: "\n") }
                current = line.dropFirst(3).trimmingCharacters(in: .whitespaces).lowercased()
                lines = []
            } else {
                lines.append(line)
            }
        }
        if let current { sections[current] = lines.joined(separator: "\n") }
        return sections
    }
}
