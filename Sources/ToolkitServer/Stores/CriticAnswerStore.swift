import ToolkitCore

/// "My critic and my answers": each line of the client's calming script is one entry.
typealias CriticAnswerStore = ClientEntryStore<CriticAnswer>

extension ClientEntryStore.Kind where Entry == CriticAnswer {
    static var criticAnswers: Self { Self(table: "critic_answers", actionPrefix: "critic-answer", targetType: "critic-answer") }
}
