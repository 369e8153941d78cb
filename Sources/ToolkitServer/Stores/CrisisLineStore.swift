import Foundation
import ToolkitCore

/// The deployment's crisis lines, kept in `crisis-lines.json` in the data folder so they can be
/// edited by hand or on the admin page. Re-read when the file changes.
final class CrisisLineStore: @unchecked Sendable {
    private let file: URL
    private let lock = NSLock()
    private var cached: (modified: Date, lines: [CrisisLine])?

    init(file: URL) { self.file = file }

    func lines() -> [CrisisLine] {
        lock.lock(); defer { lock.unlock() }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
              let modified = attributes[.modificationDate] as? Date else { return [] }
        if let cached, cached.modified == modified { return cached.lines }
        let lines = (try? JSONDecoder().decode([CrisisLine].self, from: Data(contentsOf: file))) ?? []
        cached = (modified, lines)
        return lines
    }

    func save(_ lines: [CrisisLine]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(lines).write(to: file, options: .atomic)
        lock.lock(); cached = nil; lock.unlock()
    }
}
