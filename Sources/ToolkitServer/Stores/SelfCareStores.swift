import ToolkitCore

/// The living self-care plan: one document per client, answers to the library's worksheet.
typealias SelfCarePlanStore = ClientDocumentStore<SelfCareAnswers>
/// Weekly self-care check-ins: a kind of the client's own entries.
typealias WeeklyCheckInStore = ClientEntryStore<WeeklyCheckIn>

extension ClientDocumentStore.Kind where Document == SelfCareAnswers {
    static var selfCarePlans: Self { Self(table: "self_care_plans", actionPrefix: "self-care-plan", targetType: "self-care-plan") }
}

extension ClientEntryStore.Kind where Entry == WeeklyCheckIn {
    static var weeklyCheckIns: Self { Self(table: "self_care_check_ins", actionPrefix: "self-care-check-in", targetType: "self-care-check-in") }
}
