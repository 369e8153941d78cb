import ToolkitCore

/// Summaries sent before a session: a kind of the client's own entries, shared when sent.
typealias SessionSummaryStore = ClientEntryStore<SessionSummary>

extension ClientEntryStore.Kind where Entry == SessionSummary {
    static var sessionSummaries: Self { Self(table: "session_summaries", actionPrefix: "session-summary", targetType: "session-summary") }
}
