import ToolkitCore

/// The practice log: each guided practice a client finished, a kind of the client's own entries.
typealias PracticeLogStore = ClientEntryStore<PracticeRecord>

extension ClientEntryStore.Kind where Entry == PracticeRecord {
    static var practiceLog: Self { Self(table: "practice_log_entries", actionPrefix: "practice", targetType: "practice-record") }
}
