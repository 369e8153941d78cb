import Foundation
import Hummingbird
import ToolkitCore

/// A person's own data: all of it as JSON or a printable page, and erasing the account.
struct DataRightsController {
    let services: AppServices

    struct Export: Encodable {
        struct Account: Encodable { var name, email, role: String; var createdAt: Date }
        struct PlanVersion: Encodable { var version: Int; var savedAt: Date; var plan: SafetyPlan }
        struct CheckIn: Encodable { var at: Date; var before: Int; var after: Int? }
        struct JournalEntryExport: Encodable {
            var writtenAt: Date; var changedAt: Date; var shared: Bool
            var prompt: String; var feeling: String; var body: String
        }
        var exportedAt: Date
        var account: Account
        var safetyPlanShared: Bool
        var safetyPlanVersions: [PlanVersion]
        var distressCheckIns: [CheckIn]
        var journal: [JournalEntryExport]
        var thoughtRecords: [ThoughtRecordExport]
        struct ThoughtRecordExport: Encodable { var writtenAt: Date; var changedAt: Date; var shared: Bool; var record: ThoughtRecord }
        /// My critic and my answers, oldest first.
        var criticAnswers: [CriticAnswerExport]
        struct CriticAnswerExport: Encodable { var writtenAt: Date; var changedAt: Date; var shared: Bool; var critic: String; var answer: String }
        var worksheets: [WorksheetExport] = []
        /// A filled-in worksheet with every saved version, oldest first; answers keyed by question id.
        struct WorksheetExport: Encodable {
            var worksheet: String; var title: String; var firstSavedAt: Date; var shared: Bool
            var questions: [String: String]
            var versions: [Version]
            struct Version: Encodable { var version: Int; var savedAt: Date; var status: WorksheetStatus; var answers: WorksheetAnswers }
        }
        var practiceLog: [PracticeRecordExport]
        struct PracticeRecordExport: Encodable { var savedAt: Date; var shared: Bool; var record: PracticeRecord }
        var rituals: RitualPlan?
        var goals: [GoalExport]
        struct GoalExport: Encodable { var writtenAt: Date; var changedAt: Date; var shared: Bool; var goal: Goal }
        var selfCarePlan: SelfCarePlanExport?
        struct SelfCarePlanExport: Encodable { var changedAt: Date; var shared: Bool; var answers: [String: String] }
        var weeklyCheckIns: [CheckInExport]
        struct CheckInExport: Encodable { var writtenAt: Date; var day: CalendarDay; var shared: Bool; var answers: [String: String] }
        /// What the client's therapist assigned, the days done and the weeks set aside.
        var assignments: [AssignmentExport] = []
        /// Summaries sent to the therapist before sessions, exactly as sent.
        var sessionSummaries: [SessionSummaryExport] = []
        /// Practice reminders in a calendar, if on: when, not the secret address (only its hash is kept).
        var reminders: RemindersExport?
        struct RemindersExport: Encodable {
            var turnedOnAt: Date; var time: String; var weekdays: [String]; var alsoOnDaysWithAPlannedPractice: Bool
            /// The same in words, as the printable page shows it.
            var summary: String
        }
        struct SessionSummaryExport: Encodable { var sentAt: Date; var shared: Bool; var summary: SessionSummary }
        struct AssignmentExport: Encodable {
            var item: String; var assignedAt: Date; var note: String; var schedule: AssignmentSchedule; var endedOn: CalendarDay?
            var completedOn: [CalendarDay]; var setAside: [SetAsideExport]
            struct SetAsideExport: Encodable { var week: CalendarDay; var reason: String? }
        }
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get(RouterPath(SiteURL.accountExport.path), use: exportJSON)
        router.get("/account/export/print", use: exportPage)
        router.post("/account/erase", use: erase)
    }

    private func export(_ user: User, address: String) async throws -> Export {
        let library = try await services.catalog.everything()
        var versions: [SafetyPlanStore.Loaded] = []
        var checkIns: [DistressCheckInStore.Entry] = []
        var journal: [JournalStore.Loaded] = []
        var thoughtRecords: [ThoughtRecordStore.Loaded] = []
        var criticAnswers: [CriticAnswerStore.Loaded] = []
        var worksheets: [WorksheetStore.Exported] = []
        var practiceLog: [PracticeLogStore.Loaded] = []
        var rituals: RitualPlan?
        var goals: [GoalStore.Loaded] = []
        var selfCarePlan: SelfCarePlanStore.Loaded?
        var weeklyCheckIns: [WeeklyCheckInStore.Loaded] = []
        if user.userRole == .client {
            versions = try await services.safetyPlans.allVersions(for: user, address: address)
            checkIns = try await services.checkIns.history(for: user, address: address)
            journal = try await services.journal.all(for: user, address: address)
            thoughtRecords = try await services.thoughtRecords.all(for: user, address: address)
            criticAnswers = try await services.criticAnswers.all(for: user, address: address).reversed()
            worksheets = try await services.worksheets.export(for: user, address: address)
            practiceLog = try await services.practiceLog.all(for: user, address: address)
            rituals = try await services.rituals.load(for: user, address: address)?.document
            goals = try await services.goals.all(for: user, address: address)
            selfCarePlan = try await services.selfCarePlans.load(for: user, address: address)
            weeklyCheckIns = try await services.weeklyCheckIns.all(for: user, address: address)
        }
        let assignments = user.userRole == .client ? try await services.assignments.export(for: user, address: address) : nil
        let summaries = user.userRole == .client ? try await services.sessionSummaries.all(for: user, address: address) : []
        let reminders = user.userRole == .client ? try await services.calendarFeeds.feed(for: user) : nil
        try await services.audit.append(AuditEvent(actorID: user.id, actorRole: user.role, action: "account.export",
                                                   subjectUserID: user.id, address: address))
        var export = Export(
            exportedAt: Date(),
            account: .init(name: user.name, email: user.email, role: user.role,
                           createdAt: Date(timeIntervalSince1970: TimeInterval(user.createdAt))),
            safetyPlanShared: versions.last?.shared ?? false,
            safetyPlanVersions: versions.map { .init(version: $0.version, savedAt: $0.updatedAt, plan: $0.plan) },
            distressCheckIns: checkIns.map { .init(at: $0.at, before: $0.ratings.before, after: $0.ratings.after) },
            journal: journal.map { .init(writtenAt: $0.createdAt, changedAt: $0.updatedAt, shared: $0.shared,
                                         prompt: $0.entry.prompt, feeling: $0.entry.feeling, body: $0.entry.body) },
            thoughtRecords: thoughtRecords.map { .init(writtenAt: $0.createdAt, changedAt: $0.updatedAt, shared: $0.shared, record: $0.entry) },
            criticAnswers: criticAnswers.map { .init(writtenAt: $0.createdAt, changedAt: $0.updatedAt, shared: $0.shared,
                                                     critic: $0.entry.critic, answer: $0.entry.answer) },
            worksheets: worksheets.map { exported in
                let item = library.item(exported.current.sheet.itemID)
                return .init(worksheet: exported.current.sheet.itemID, title: item?.title ?? exported.current.sheet.title,
                             firstSavedAt: exported.current.createdAt, shared: exported.current.shared,
                             questions: Dictionary((item?.fields ?? []).map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first }),
                             versions: exported.versions.map { .init(version: $0.version, savedAt: $0.savedAt, status: $0.sheet.status, answers: $0.sheet.answers) })
            },
            practiceLog: practiceLog.map { .init(savedAt: $0.createdAt, shared: $0.shared, record: $0.entry) },
            rituals: rituals,
            goals: goals.map { .init(writtenAt: $0.createdAt, changedAt: $0.updatedAt, shared: $0.shared, goal: $0.entry) },
            selfCarePlan: selfCarePlan.map { .init(changedAt: $0.updatedAt, shared: $0.shared, answers: $0.document.values) },
            weeklyCheckIns: weeklyCheckIns.map { .init(writtenAt: $0.createdAt, day: $0.entry.day, shared: $0.shared, answers: $0.entry.answers.values) })
        export.sessionSummaries = summaries.map { .init(sentAt: $0.createdAt, shared: $0.shared, summary: $0.entry) }
        export.reminders = reminders.map { feed in
            .init(turnedOnAt: feed.createdAt, time: feed.schedule.timeText,
                  weekdays: feed.schedule.weekdays.sorted().map { ReminderSchedule.dayNames[$0 - 1] },
                  alsoOnDaysWithAPlannedPractice: feed.schedule.assignmentDays, summary: feed.schedule.sentence)
        }
        export.assignments = (assignments?.assignments ?? []).map { assignment in
            .init(item: assignment.itemID, assignedAt: assignment.createdAt, note: assignment.note, schedule: assignment.schedule,
                  endedOn: assignment.endedOn,
                  completedOn: assignments?.completions.filter { $0.assignmentID == assignment.id }.map(\.day).sorted() ?? [],
                  setAside: assignments?.setAside.filter { $0.assignmentID == assignment.id }.map { .init(week: $0.week, reason: $0.reason) } ?? [])
        }
        return export
    }

    @Sendable func exportJSON(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, _) = try context.requireSession()
        let data = try await export(user, address: services.clientAddress(request, context: context))
        var response = try Responses.json(data)
        response.headers[.contentDisposition] = "attachment; filename=\"self-compassion-toolkit-my-data.json\""
        return response
    }

    @Sendable func exportPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, _) = try context.requireSession()
        let data = try await export(user, address: services.clientAddress(request, context: context))
        return Responses.html(MyDataPage(data: data, library: try await services.catalog.everything()).render())
    }

    /// Clients may erase their own account after confirming their password. Their data key is
    /// destroyed first, so nothing they wrote can be read again.
    @Sendable func erase(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (user, session) = try context.requireSession()
        guard user.userRole == .client else {
            throw HTTPError(.forbidden, message: "Therapist and administrator accounts are removed by an administrator, so that clients are handed over safely.")
        }
        let passwordOK = try await services.accounts.authenticate(email: user.email, password: context.form["currentPassword"]) != nil
        guard passwordOK, context.form["confirm"] == "erase" else {
            return Responses.html(AccountPage(user: user, csrfToken: session.csrfToken,
                                              eraseErrors: ["To erase your account, enter your current password and tick the box to confirm."],
                                              secondFactorRequired: services.configuration.requireTOTP).render(),
                                  status: .unprocessableContent)
        }
        try await services.accounts.erase(user, actor: user)
        var response = Responses.redirect(to: SiteURL.login.path + "?signed-out=1")
        response.setCookie(services.cookies.expiredSession())
        response.headers[.init("Clear-Site-Data")!] = "\"cache\", \"storage\""
        return response
    }
}
