import ToolkitCore

/// Small daily rituals: one document per client.
typealias RitualStore = ClientDocumentStore<RitualPlan>

extension ClientDocumentStore.Kind where Document == RitualPlan {
    static var rituals: Self { Self(table: "ritual_plans", actionPrefix: "rituals", targetType: "ritual-plan") }
}
