/// Every path the app serves, built in one place so views and controllers never spell paths by hand.
enum SiteURL {
    case home
    case login
    case loginSecondFactor
    case logout
    case setup
    case account
    case accountPassword
    case accountSecondFactor
    case accountSecondFactorDisable
    case accountExport
    case accountSignOutEverywhere
    case accountPracticeContact
    case accountTimeZone
    case reminders
    case remindersOff
    case calendarFeed(String)
    case sessionKeepAlive
    case journal
    case journalNew
    case journalEntry(String)
    case journalEdit(String)
    case journalDelete(String)
    case journalSharing(String)
    case thoughtCoach
    case thoughtCoachNew
    case thoughtCoachAnalyze
    case thoughtRecord(String)
    case thoughtRecordDelete(String)
    case thoughtRecordSharing(String)
    case critic
    case criticLine(String)
    case criticLineEdit(String)
    case criticLineDelete(String)
    case criticLineSharing(String)
    case criticCard
    case today
    case sharing
    case sharingKind(String)
    case worksheets
    case worksheet(String)
    case worksheetEdit(String)
    case worksheetVersions(String)
    case worksheetVersion(String, Int)
    case worksheetPrint(String)
    case worksheetSharing(String)
    case worksheetDelete(String)
    case clientWorksheets(String)
    case practiceLog
    case practiceRecord(String)
    case practiceRecordDelete(String)
    case practiceRecordSharing(String)
    case rituals
    case ritualsAdd
    case ritualsMark
    case ritualsRetire
    case ritualsRestore
    case goals
    case goalsNew
    case goal(String)
    case goalEdit(String)
    case goalStep(String, step: String)
    case goalReflection(String)
    case goalDelete(String)
    case goalSharing(String)
    case selfCare
    case selfCarePlan
    case selfCarePlanSharing
    case selfCarePlanDelete
    case selfCareCheckIns
    case selfCareCheckInNew
    case selfCareCheckIn(String)
    case selfCareCheckInSharing(String)
    case selfCareCheckInDelete(String)
    case adminUsers
    case adminUserDisable(String)
    case adminUserEnable(String)
    case adminUserContact(String)
    case adminCrisisLines
    case clients
    case clientSafetyPlan(String)
    case client(String)
    case clientSharedItem(String, kind: String, entry: String)
    case accountAccess
    case apiClients
    case apiClientShared(String)
    case apiMyAccess
    case library
    case libraryItem(String)
    case libraryPrint(String)
    case libraryPractice(String)
    case libraryPacket
    case authoredItems
    case authoredItemNew
    case authoredItem(String)
    case authoredItemPreview
    case authoredItemPublish(String)
    case authoredItemDelete(String)
    case authoredItemExport(String)
    case authoredItemImport
    case crisis
    case crisisPersonal
    case offlineSafetyPlan
    case offlineStruggling
    case safetyPlan
    case safetyPlanEdit
    case safetyPlanVersions
    case safetyPlanPrint
    case safetyPlanCard
    case safetyPlanSharing
    case struggling
    case strugglingHistory
    case strugglingCheckIn(String)
    case stylesheet
    case script(String)
    case serviceWorker
    case healthz
    case clientInvitations
    case clientInvitationRevoke(String)
    case clientInvitationRenew(String)
    case clientResetLink(String)
    case join
    case joinAccept
    case joinLink(token: String)
    case passwordReset
    case passwordResetLink(token: String)
    case adminUserUnlock(String)
    case adminUserEdit(String)
    case adminEmergency(String)
    case adminEmergencyEnd(String)
    case adminUserTherapist(String)
    case adminUserResetLink(String)
    case clientAssignments(String)
    case clientAssignment(String, String)
    case clientAssignmentEnd(String, String)
    case clientProgress(String)
    case assignments
    case assignmentSetAside(String)
    case libraryAssign(String)
    case sessionSummary
    case sessionSummarySent(String)
    case sessionSummaryTakeBack(String)

    var path: String {
        switch self {
        case .home: "/"
        case .login: "/login"
        case .loginSecondFactor: "/login/second-factor"
        case .logout: "/logout"
        case .setup: "/setup"
        case .account: "/account"
        case .accountPassword: "/account/password"
        case .accountSecondFactor: "/account/second-factor"
        case .accountSecondFactorDisable: "/account/second-factor/disable"
        case .accountExport: "/account/export"
        case .accountSignOutEverywhere: "/account/sign-out-everywhere"
        case .accountPracticeContact: "/account/practice-contact"
        case .accountTimeZone: "/account/time-zone"
        case .reminders: "/account/reminders"
        case .remindersOff: "/account/reminders/off"
        case .calendarFeed(let token): "/calendar/\(token).ics"
        case .sessionKeepAlive: "/session/keep-alive"
        case .journal: "/journal"
        case .journalNew: "/journal/new"
        case .journalEntry(let id): "/journal/\(id)"
        case .journalEdit(let id): "/journal/\(id)/edit"
        case .journalDelete(let id): "/journal/\(id)/delete"
        case .journalSharing(let id): "/journal/\(id)/sharing"
        case .thoughtCoach: "/thought-coach"
        case .thoughtCoachNew: "/thought-coach/new"
        case .thoughtCoachAnalyze: "/thought-coach/analyze"
        case .thoughtRecord(let id): "/thought-coach/\(id)"
        case .thoughtRecordDelete(let id): "/thought-coach/\(id)/delete"
        case .thoughtRecordSharing(let id): "/thought-coach/\(id)/sharing"
        case .critic: "/my-critic"
        case .criticLine(let id): "/my-critic/\(id)"
        case .criticLineEdit(let id): "/my-critic/\(id)/edit"
        case .criticLineDelete(let id): "/my-critic/\(id)/delete"
        case .criticLineSharing(let id): "/my-critic/\(id)/sharing"
        case .criticCard: "/my-critic/card"
        case .today: "/today"
        case .sharing: "/sharing"
        case .sharingKind(let kind): "/sharing/\(kind)"
        case .worksheets: "/worksheets"
        case .worksheet(let id): "/worksheets/\(id)"
        case .worksheetEdit(let id): "/worksheets/\(id)/edit"
        case .worksheetVersions(let id): "/worksheets/\(id)/versions"
        case .worksheetVersion(let id, let version): "/worksheets/\(id)/versions/\(version)"
        case .worksheetPrint(let id): "/worksheets/\(id)/print"
        case .worksheetSharing(let id): "/worksheets/\(id)/sharing"
        case .worksheetDelete(let id): "/worksheets/\(id)/delete"
        case .clientWorksheets(let id): "/clients/\(id)/worksheets"
        case .practiceLog: "/practice-log"
        case .practiceRecord(let id): "/practice-log/\(id)"
        case .practiceRecordDelete(let id): "/practice-log/\(id)/delete"
        case .practiceRecordSharing(let id): "/practice-log/\(id)/sharing"
        case .rituals: "/rituals"
        case .ritualsAdd: "/rituals/add"
        case .ritualsMark: "/rituals/mark"
        case .ritualsRetire: "/rituals/put-aside"
        case .ritualsRestore: "/rituals/bring-back"
        case .goals: "/goals"
        case .goalsNew: "/goals/new"
        case .goal(let id): "/goals/\(id)"
        case .goalEdit(let id): "/goals/\(id)/edit"
        case .goalStep(let id, let step): "/goals/\(id)/steps/\(step)"
        case .goalReflection(let id): "/goals/\(id)/reflection"
        case .goalDelete(let id): "/goals/\(id)/delete"
        case .goalSharing(let id): "/goals/\(id)/sharing"
        case .selfCare: "/self-care"
        case .selfCarePlan: "/self-care/plan"
        case .selfCarePlanSharing: "/self-care/plan/sharing"
        case .selfCarePlanDelete: "/self-care/plan/delete"
        case .selfCareCheckIns: "/self-care/check-ins"
        case .selfCareCheckInNew: "/self-care/check-ins/new"
        case .selfCareCheckIn(let id): "/self-care/check-ins/\(id)"
        case .selfCareCheckInSharing(let id): "/self-care/check-ins/\(id)/sharing"
        case .selfCareCheckInDelete(let id): "/self-care/check-ins/\(id)/delete"
        case .adminUsers: "/admin/users"
        case .adminUserDisable(let id): "/admin/users/\(id)/disable"
        case .adminUserEnable(let id): "/admin/users/\(id)/enable"
        case .adminUserContact(let id): "/admin/users/\(id)/contact"
        case .adminCrisisLines: "/admin/crisis-lines"
        case .clients: "/clients"
        case .clientSafetyPlan(let id): "/clients/\(id)/safety-plan"
        case .client(let id): "/clients/\(id)"
        case .clientSharedItem(let id, let kind, let entry): "/clients/\(id)/shared/\(kind)/\(entry)"
        case .accountAccess: "/account/access"
        case .apiClients: "/api/v1/clients"
        case .apiClientShared(let id): "/api/v1/clients/\(id)/shared"
        case .apiMyAccess: "/api/v1/me/access"
        case .library: "/library"
        case .libraryItem(let id): "/library/\(id)"
        case .libraryPrint(let id): "/library/\(id)/print"
        case .libraryPractice(let id): "/library/\(id)/practice"
        case .libraryPacket: "/library/packet"
        case .authoredItems: "/library/mine"
        case .authoredItemNew: "/library/mine/new"
        case .authoredItem(let id): "/library/mine/\(id)"
        case .authoredItemPreview: "/library/mine/preview"
        case .authoredItemPublish(let id): "/library/mine/\(id)/publish"
        case .authoredItemDelete(let id): "/library/mine/\(id)/delete"
        case .authoredItemExport(let id): "/library/mine/\(id)/export"
        case .authoredItemImport: "/library/mine/import"
        case .crisis: "/crisis"
        case .crisisPersonal: "/crisis/me"
        case .offlineSafetyPlan: "/offline/safety-plan"
        case .offlineStruggling: "/offline/struggling"
        case .safetyPlan: "/safety-plan"
        case .safetyPlanEdit: "/safety-plan/edit"
        case .safetyPlanVersions: "/safety-plan/versions"
        case .safetyPlanPrint: "/safety-plan/print"
        case .safetyPlanCard: "/safety-plan/card"
        case .safetyPlanSharing: "/safety-plan/sharing"
        case .struggling: "/struggling"
        case .strugglingHistory: "/struggling/history"
        case .strugglingCheckIn(let id): "/struggling/\(id)"
        case .stylesheet: "/static/app.css"
        case .script(let name): "/static/\(name)"
        case .serviceWorker: "/crisis-sw.js"
        case .healthz: "/healthz"
        case .clientInvitations: "/clients/invitations"
        case .clientInvitationRevoke(let id): "/clients/invitations/\(id)/revoke"
        case .clientInvitationRenew(let id): "/clients/invitations/\(id)/renew"
        case .clientResetLink(let id): "/clients/\(id)/reset-link"
        case .join: "/join"
        case .joinAccept: "/join/accept"
        // The token rides in the query string, which the request log never writes down.
        case .joinLink(let token): "/join?t=\(token)"
        case .passwordReset: "/reset-password"
        case .passwordResetLink(let token): "/reset-password?t=\(token)"
        case .adminUserUnlock(let id): "/admin/users/\(id)/unlock"
        case .adminUserEdit(let id): "/admin/users/\(id)/edit"
        case .adminEmergency(let id): "/admin/users/\(id)/emergency"
        case .adminEmergencyEnd(let id): "/admin/users/\(id)/emergency/end"
        case .adminUserTherapist(let id): "/admin/users/\(id)/therapist"
        case .adminUserResetLink(let id): "/admin/users/\(id)/reset-link"
        case .clientAssignments(let client): "/clients/\(client)/assignments"
        case .clientAssignment(let client, let id): "/clients/\(client)/assignments/\(id)"
        case .clientAssignmentEnd(let client, let id): "/clients/\(client)/assignments/\(id)/end"
        case .clientProgress(let client): "/clients/\(client)/progress"
        case .assignments: "/assignments"
        case .assignmentSetAside(let id): "/assignments/\(id)/not-this-week"
        case .libraryAssign(let item): "/library/\(item)/assign"
        case .sessionSummary: "/before-session"
        case .sessionSummarySent(let id): "/before-session/\(id)"
        case .sessionSummaryTakeBack(let id): "/before-session/\(id)/take-back"
        }
    }
}

extension SiteURL {
    /// Paths whose last segment is a secret (a calendar feed's address): never written to a log.
    static let secretPathPrefixes = ["/calendar/"]

    /// A request path as logs may show it: a secret in the path is replaced by "[secret]".
    static func loggable(_ path: String) -> String {
        guard let prefix = secretPathPrefixes.first(where: { path.hasPrefix($0) }) else { return path }
        return prefix + "[secret]"
    }
}
