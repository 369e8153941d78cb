import Foundation
import Hummingbird
import Logging
import ToolkitCore

/// The app's shared parts, built once at start-up and handed to controllers and middleware.
public final class AppServices: Sendable {
    public let configuration: AppConfiguration
    public let database: Database
    let keys: KeyStore
    let accounts: AccountService
    let sessions: SessionStore
    let apiTokens: APITokenStore
    let throttle: LoginThrottle
    let signInGate: SignInGate
    let audit: AuditLog
    let cookies: CookieSettings
    let setupCode: SetupCode
    let library: ContentLibrary
    let crisisLines: CrisisLineStore
    let safetyPlans: SafetyPlanStore
    let checkIns: DistressCheckInStore
    let practiceContacts: PracticeContactStore
    let calendarFeeds: CalendarFeedStore
    let journal: JournalStore
    let thoughtRecords: ThoughtRecordStore
    let criticAnswers: CriticAnswerStore
    let worksheets: WorksheetStore
    let practiceLog: PracticeLogStore
    let rituals: RitualStore
    let goals: GoalStore
    let selfCarePlans: SelfCarePlanStore
    let weeklyCheckIns: WeeklyCheckInStore
    let sessionSummaries: SessionSummaryStore
    let notices: AccountNoticeStore
    let emergencyAccess: EmergencyAccessStore
    let accountLinks: AccountLinkStore
    let assignments: AssignmentStore
    let authoredItems: AuthoredItemStore
    let stepRecordings: StepRecordingStore
    /// The library as each person sees it, with the items therapists wrote.
    let catalog: LibraryCatalog
    /// Signed-in pages kept rendered until the next write (Today, the roster, progress).
    let personalPages: PersonalPageCache
    /// Seconds a session or token in use is kept at most: what the content generation can't see
    /// (on SQLite, `toolkit users disable` run beside the server) takes effect within this.
    static let keptSignInAge: TimeInterval = 10
    /// Sessions in use with their person, read once and kept until the next write.
    let signedInSessions = KeptUntilWrite<SignedIn>(maxAge: keptSignInAge, maxCount: 10_000)
    /// API tokens in use with their account, kept on the same terms, by the token's hash.
    let apiTokenHolders = KeptUntilWrite<TokenHolder>(maxAge: keptSignInAge, maxCount: 10_000)

    /// Opens storage, runs migrations, loads keys and content: everything `serve` needs.
    public static func start(_ configuration: AppConfiguration, logger: Logger) async throws -> AppServices {
        // The data folder, database and key stay private to the app's user (see README).
        let sqliteFile = configuration.databaseURL == nil ? configuration.sqliteFile : nil
        try tightenPermissions(configuration.dataDirectory, sqliteFile: sqliteFile, logger: logger)
        let database = try await Database.open(configuration, logger: logger)
        do {
            try await database.prepareSchema(configuration.databaseSchema)
            try await Migrator(database: database).migrate()
            let library = try ContentLibrary.loadBundled()
            let services = try AppServices(configuration: configuration, database: database, library: library)
            // Again, now that SQLite has made its files and the key file exists.
            try tightenPermissions(configuration.dataDirectory, sqliteFile: sqliteFile, logger: logger)
            return services
        } catch {
            // Close the pool before giving up, so the error is what the operator sees.
            try? await database.shutdown()
            throw error
        }
    }

    private static func tightenPermissions(_ dataDirectory: URL, sqliteFile: URL?, logger: Logger) throws {
        for change in try DataDirectoryPermissions.tighten(dataDirectory, sqliteFile: sqliteFile) {
            logger.notice("Made private to the app's user: \(change)")
        }
    }

    init(configuration: AppConfiguration, database: Database, library: ContentLibrary) throws {
        self.configuration = configuration
        self.database = database
        self.keys = try KeyStore.load(configuration)
        self.audit = AuditLog(database: database)
        self.accounts = AccountService(database: database, keys: keys,
                                       hasher: PasswordHasher(cost: configuration.passwordHashCost), audit: audit)
        self.sessions = SessionStore(database: database, idleTimeout: configuration.sessionIdleTimeout,
                                     absoluteLifetime: configuration.sessionAbsoluteLifetime, clock: configuration.clock)
        self.apiTokens = APITokenStore(database: database, lifetime: configuration.apiTokenLifetime)
        self.throttle = LoginThrottle(database: database,
                                      perAccountAndAddress: configuration.loginFailuresPerAccountAndAddress,
                                      perAddress: configuration.loginFailuresPerAddress,
                                      window: configuration.loginThrottleWindow, clock: configuration.clock)
        self.signInGate = SignInGate(throttle: throttle, audit: audit,
                                     admission: SignInAdmission(limit: configuration.signInChecksAtOnce))
        self.cookies = CookieSettings(secure: configuration.isSecure)
        self.setupCode = SetupCode()
        self.library = library
        self.crisisLines = CrisisLineStore(file: configuration.dataDirectory.appendingPathComponent("crisis-lines.json"))
        self.safetyPlans = SafetyPlanStore(database: database, keys: keys, audit: audit)
        self.checkIns = DistressCheckInStore(database: database, keys: keys, audit: audit)
        self.practiceContacts = PracticeContactStore(database: database, audit: audit)
        self.calendarFeeds = CalendarFeedStore(database: database, audit: audit, clock: configuration.clock)
        self.journal = JournalStore(.journal, database: database, keys: keys, audit: audit)
        self.thoughtRecords = ThoughtRecordStore(.thoughtRecords, database: database, keys: keys, audit: audit)
        self.criticAnswers = CriticAnswerStore(.criticAnswers, database: database, keys: keys, audit: audit)
        self.worksheets = WorksheetStore(database: database, keys: keys, audit: audit)
        self.practiceLog = PracticeLogStore(.practiceLog, database: database, keys: keys, audit: audit)
        self.rituals = RitualStore(.rituals, database: database, keys: keys, audit: audit)
        self.goals = GoalStore(.goals, database: database, keys: keys, audit: audit)
        self.selfCarePlans = SelfCarePlanStore(.selfCarePlans, database: database, keys: keys, audit: audit)
        self.weeklyCheckIns = WeeklyCheckInStore(.weeklyCheckIns, database: database, keys: keys, audit: audit)
        self.sessionSummaries = SessionSummaryStore(.sessionSummaries, database: database, keys: keys, audit: audit)
        self.notices = AccountNoticeStore(database: database, clock: configuration.clock)
        self.emergencyAccess = EmergencyAccessStore(database: database, audit: audit, notices: notices, clock: configuration.clock)
        self.accountLinks = AccountLinkStore(database: database, keys: keys, audit: audit, notices: notices, clock: configuration.clock)
        self.assignments = AssignmentStore(database: database, keys: keys, audit: audit, library: library)
        self.authoredItems = AuthoredItemStore(database: database, audit: audit)
        self.stepRecordings = StepRecordingStore(database: database, audit: audit)
        self.catalog = LibraryCatalog(bundled: library, store: authoredItems)
        self.personalPages = PersonalPageCache(audit: audit, clock: { configuration.clock() })
    }

    /// The client address, from the proxy header only when the deployment says a proxy sets it.
    /// The last entry is the one our proxy added; earlier ones came from the client and can be forged.
    func clientAddress(_ request: Request, context: AppRequestContext) -> String {
        if configuration.trustProxy, let forwarded = request.headers[.init("X-Forwarded-For")!],
           let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            return last
        }
        return context.peerAddress
    }

    /// Where this app is reached, for links people copy and send: PUBLIC_URL when set, else the
    /// host the request came to.
    func siteOrigin(_ request: Request) -> String {
        if let origin = configuration.allowedOrigin { return origin }
        let host = request.head.authority ?? request.headers[.init("Host")!] ?? "localhost"
        return "http://\(host)"
    }
}

/// Cookie names and flags. Over TLS the names carry the `__Host-` prefix, which browsers only
/// accept with Secure, Path=/ and no Domain: the cookie can't be set by a sibling subdomain.
struct CookieSettings: Sendable {
    let secure: Bool

    var sessionName: String { secure ? "__Host-toolkit_session" : "toolkit_session" }
    var csrfName: String { secure ? "__Host-toolkit_csrf" : "toolkit_csrf" }

    func session(_ token: String) -> Cookie {
        Cookie(name: sessionName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func expiredSession() -> Cookie {
        Cookie(name: sessionName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func csrf(_ token: String) -> Cookie {
        Cookie(name: csrfName, value: token, path: "/", secure: secure, httpOnly: true, sameSite: .strict)
    }
}

/// The one-time code that guards `/setup`: printed to the console at start while no admin exists.
final class SetupCode: Sendable {
    let value: String = Randomness.token(bytes: 9)
}
