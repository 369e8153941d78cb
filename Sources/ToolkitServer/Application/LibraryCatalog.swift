import Foundation
import Logging
import NIOConcurrencyHelpers
import ToolkitCore

/// The library as one person sees it: the bundled items plus the therapist-written items they
/// may see (see `LibraryViewer.maySee`). Visitors get the bundled library straight from memory.
///
/// Written items come from the database, so every app process serves the same ones: a process
/// reloads them when its copy is older than `maximumAge`, at once after it saved a change itself,
/// and when someone asks for an id it doesn't know (an item another process just saved). Only
/// rows whose text changed are parsed again. Each distinct view of the library (its search
/// index included) is built once and reused until the items change.
final class LibraryCatalog: Sendable {
    let bundled: ContentLibrary
    private let store: AuthoredItemStore
    private let maximumAge: TimeInterval
    private let logger: Logger

    private struct Entry {
        /// The file the item was read from: a change is a different text, however soon it came
        /// (time stamps are whole seconds, and two saves can fall in one).
        var source: String
        var item: LibraryItem
        var authorship: Authorship { item.authorship! }
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var loadedAt: Date = .distantPast
        var generation = 0
        var views: [String: ContentLibrary] = [:]
        /// Counts this process's own changes, so a reload that began before one ends stale.
        var invalidations = 0
    }

    private let state = NIOLockedValueBox(State())
    /// One reload at a time; others use the copy they have.
    private let reloading = NIOLockedValueBox(false)

    init(bundled: ContentLibrary, store: AuthoredItemStore, maximumAge: TimeInterval = 2, logger: Logger = Logger(label: "library")) {
        self.bundled = bundled
        self.store = store
        self.maximumAge = maximumAge
        self.logger = logger
    }

    /// The library `viewer` sees; nil is a visitor.
    func library(for viewer: LibraryViewer?) async throws -> ContentLibrary {
        guard let viewer else { return bundled }
        try await reloadIfOld()
        return view(for: viewer)
    }

    /// One item as `viewer` may see it, reloading once for an id this process hasn't heard of.
    func item(_ id: String, for viewer: LibraryViewer?) async throws -> LibraryItem? {
        let library = try await library(for: viewer)
        if let item = library.item(id) { return item }
        guard viewer != nil, bundled.item(id) == nil, Self.mayBeWritten(id) else { return nil }
        try await reload(ifOlderThan: 0.25)
        return view(for: viewer!).item(id)
    }

    /// Every item, whoever wrote it and whoever may see it: for naming what people already have
    /// (a saved worksheet's questions, an assignment's title), never for browsing.
    func everything() async throws -> ContentLibrary {
        try await reloadIfOld()
        return state.withLockedValue { state in
            let key = "\(state.generation):*"
            if let cached = state.views[key] { return cached }
            let library = ContentLibrary(items: bundled.items + state.entries.values.map(\.item))
            state.views[key] = library
            return library
        }
    }

    /// After a change saved by this process: the next request reads the database again.
    func invalidate() {
        state.withLockedValue { state in
            state.loadedAt = .distantPast
            state.invalidations += 1
        }
    }

    /// Written items have ids made by `AuthoredItemIDs`, which always end in a dash and six characters.
    private static func mayBeWritten(_ id: String) -> Bool {
        id.count > 7 && id.dropLast(6).hasSuffix("-")
    }

    private func view(for viewer: LibraryViewer) -> ContentLibrary {
        state.withLockedValue { state in
            let visible = state.entries.values.filter { LibraryViewer.maySee($0.authorship, viewer: viewer) }
            guard !visible.isEmpty else { return bundled }
            let ids = visible.map(\.item.id).sorted()
            let key = "\(state.generation):" + ids.joined(separator: ",")
            if let cached = state.views[key] { return cached }
            if state.views.count > 500 { state.views.removeAll() }
            let library = ContentLibrary(items: bundled.items + visible.map(\.item))
            state.views[key] = library
            return library
        }
    }

    private func reloadIfOld() async throws {
        try await reload(ifOlderThan: maximumAge)
    }

    private func reload(ifOlderThan age: TimeInterval) async throws {
        let loadedAt = state.withLockedValue { $0.loadedAt }
        guard Date().timeIntervalSince(loadedAt) > age else { return }
        let mine = reloading.withLockedValue { busy -> Bool in
            if busy { return false }
            busy = true
            return true
        }
        // Someone else is reloading: use what is here, unless nothing has been loaded yet.
        guard mine else {
            if loadedAt == .distantPast { try await Task.sleep(for: .milliseconds(20)); return try await reload(ifOlderThan: age) }
            return
        }
        defer { reloading.withLockedValue { $0 = false } }
        let started = Date()
        let invalidationsBefore = state.withLockedValue { $0.invalidations }
        let rows = try await store.servable()
        let known = state.withLockedValue { $0.entries }
        var entries: [String: Entry] = [:]
        for row in rows {
            let authorship = Authorship(authorID: row.authorId, authorName: row.authorName, published: row.isPublished)
            if let old = known[row.id], old.source == row.source, old.authorship == authorship {
                entries[row.id] = old
                continue
            }
            guard let source = row.source else { continue }
            do {
                var item = try ItemParser.parse(source, fileName: row.id)
                item.id = row.id
                item.authorship = authorship
                entries[row.id] = Entry(source: source, item: item)
            } catch {
                logger.error("A written library item could not be read and is left out", metadata: ["item": "\(row.id)"])
            }
        }
        state.withLockedValue { state in
            let changed = Set(entries.keys) != Set(state.entries.keys)
                || entries.contains { state.entries[$0.key]?.source != $0.value.source
                    || state.entries[$0.key]?.authorship != $0.value.authorship }
            state.entries = entries
            // A change saved while this reload read the database may be missing from what it read.
            state.loadedAt = state.invalidations == invalidationsBefore ? started : .distantPast
            if changed {
                state.generation += 1
                state.views.removeAll()
            }
        }
    }
}

/// Ids for written items: the title's words and six random characters, so they read well in
/// an address, never collide with a bundled item, and can be told apart from one.
enum AuthoredItemIDs {
    static func make(title: String) -> String {
        let base = Slug.make(title, maximumLength: 40)
        let suffix = String(Randomness.identifier().replacingOccurrences(of: "-", with: "").prefix(6))
        return (base.isEmpty ? "item" : base) + "-" + suffix
    }
}

extension User {
    var libraryViewer: LibraryViewer {
        LibraryViewer(id: id, role: userRole, therapistID: therapistId)
    }
}

extension Optional where Wrapped == User {
    var libraryViewer: LibraryViewer? { self?.libraryViewer }
}
