import ToolkitCore

/// The journal: the first kind of the client's own entries.
typealias JournalStore = ClientEntryStore<JournalEntry>

extension ClientEntryStore.Kind where Entry == JournalEntry {
    static var journal: Self { Self(table: "journal_entries", actionPrefix: "journal", targetType: "journal-entry") }
}
