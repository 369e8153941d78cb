import ToolkitCore

/// Thought records from the thought coach: a kind of the client's own entries.
typealias ThoughtRecordStore = ClientEntryStore<ThoughtRecord>

extension ClientEntryStore.Kind where Entry == ThoughtRecord {
    static var thoughtRecords: Self { Self(table: "thought_records", actionPrefix: "thought-record", targetType: "thought-record") }
}
