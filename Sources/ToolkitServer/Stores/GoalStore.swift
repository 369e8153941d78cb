import ToolkitCore

/// Goals with their small steps and setback reflections: a kind of the client's own entries.
typealias GoalStore = ClientEntryStore<Goal>

extension ClientEntryStore.Kind where Entry == Goal {
    static var goals: Self { Self(table: "goals", actionPrefix: "goal", targetType: "goal") }
}
