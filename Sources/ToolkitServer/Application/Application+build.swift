import Hummingbird
import ToolkitCore
import NIOPosix
import Logging

/// Builds the web application: middleware in order, then every controller's routes.
public func buildApplication(services: AppServices, hostname: String = "127.0.0.1", port: Int = 8080,
                             threads: Int? = nil, logger: Logger) -> some ApplicationProtocol {
    Application(
        responder: buildResponder(services: services),
        configuration: .init(address: .hostname(hostname, port: port), serverName: nil),
        eventLoopGroupProvider: threads.map { .shared(MultiThreadedEventLoopGroup(numberOfThreads: $0)) } ?? .singleton,
        logger: logger)
}

/// Everything that answers requests: HEAD as GET without the body, the crisis page and cached
/// public pages, then the router.
public func buildResponder(services: AppServices) -> some HTTPResponder<AppRequestContext> {
    let cache = RenderedPageCache(isSecure: services.configuration.isSecure)
    let crisis = CrisisController(services: services)
    let crisisPage = CrisisPageCache(isSecure: services.configuration.isSecure, lines: { services.crisisLines.lines() },
                                     render: { crisis.page(lines: $0).render() })
    return HeadRequestResponder(next: CrisisPageResponder(
        cache: crisisPage,
        next: CachedPageResponder(cache: cache, enabled: !services.configuration.libraryRequiresSignIn,
                                  next: buildRouter(services: services, publicPages: cache).buildResponder())))
}

func buildRouter(services: AppServices, publicPages: RenderedPageCache) -> Router<AppRequestContext> {
    let router = Router(context: AppRequestContext.self)
    let routeMethods = RouteMethods()
    // Outermost first: headers reach every response, errors become pages, a method the path
    // doesn't take is refused (405) before any work, then who is asking
    // (and whether they still owe a second factor), then the body (size-limited) and the
    // forgery check before any handler runs.
    router.add(middleware: SecurityHeadersMiddleware(isSecure: services.configuration.isSecure))
    if services.configuration.logRequests { router.add(middleware: RequestLogMiddleware()) }
    router.add(middleware: CompressionMiddleware())
    router.add(middleware: ErrorPageMiddleware())
    router.add(middleware: MethodNotAllowedMiddleware(routes: routeMethods, sessionCookieName: services.cookies.sessionName))
    router.add(middleware: AuthenticationMiddleware(services: services))
    // Errors past this point (a page not found, a form refused) render again with the signed-in
    // header, so a person who hits one still sees where they are and can find their way back.
    router.add(middleware: ErrorPageMiddleware())
    router.add(middleware: BodyLimitMiddleware(limit: services.configuration.maxBodySize))
    router.add(middleware: CSRFMiddleware(services: services))

    let auth = AuthController(services: services)
    auth.addRoutes(to: router)
    SetupController(services: services, auth: auth).addRoutes(to: router)
    InvitationController(services: services, auth: auth).addRoutes(to: router)
    PasswordResetController(services: services, auth: auth).addRoutes(to: router)
    HomeController(services: services).addRoutes(to: router)
    AccountController(services: services).addRoutes(to: router)
    AdminController(services: services).addRoutes(to: router)
    HealthController(services: services).addRoutes(to: router)
    AuthAPIController(services: services).addRoutes(to: router)
    AccountLinksAPIController(services: services).addRoutes(to: router)
    StaticController().addRoutes(to: router)
    AuthoringController(services: services).addRoutes(to: router)
    VoiceController(services: services).addRoutes(to: router)
    LibraryController(services: services, cache: publicPages).addRoutes(to: router)
    AuthoredItemAPIController(services: services).addRoutes(to: router)
    RemindersAPIController(services: services).addRoutes(to: router)
    EmergencyAccessAPIController(services: services).addRoutes(to: router)
    LibraryAPIController(services: services).addRoutes(to: router)
    CrisisController(services: services).addRoutes(to: router)
    OfflineController(services: services).addRoutes(to: router)
    SafetyPlanController(services: services).addRoutes(to: router)
    SafetyPlanAPIController(services: services).addRoutes(to: router)
    StrugglingController(services: services).addRoutes(to: router)
    JournalController(services: services).addRoutes(to: router)
    JournalAPIController(services: services).addRoutes(to: router)
    ClientEntryAPIController(services: services, store: services.thoughtRecords, segment: "thought-records", noun: "thought record")
        .addRoutes(to: router)
    ClientEntryAPIController(services: services, store: services.criticAnswers, segment: "critic-lines", noun: "critic line")
        .addRoutes(to: router)
    ClientEntryAPIController(services: services, store: services.goals, segment: "goals", noun: "goal").addRoutes(to: router)
    ClientEntryAPIController(services: services, store: services.practiceLog, segment: "practice-log", noun: "practice record",
                             alongsideCreate: { [assignments = services.assignments] record, client, id, db in
                                 // A finished practice completes the assignment it counts toward, in the same transaction.
                                 try await assignments.recordCompletion(of: record.itemID, minutes: record.minutes, sourceKind: "practice",
                                                                        sourceID: id, day: CalendarDay(record.finishedAt, in: AssignmentStore.calendar(for: client)),
                                                                        client: client, on: db)
                             })
        .addRoutes(to: router)
    ClientEntryAPIController(services: services, store: services.weeklyCheckIns, segment: "self-care-check-ins", noun: "self-care check-in")
        .addRoutes(to: router)
    SelfCareAndRitualsAPIController(services: services).addRoutes(to: router)
    WorksheetAPIController(services: services).addRoutes(to: router)
    ThoughtCoachController(services: services).addRoutes(to: router)
    CriticController(services: services).addRoutes(to: router)
    SharingController(services: services).addRoutes(to: router)
    TodayController(services: services).addRoutes(to: router)
    RemindersController(services: services).addRoutes(to: router)
    WorksheetController(services: services).addRoutes(to: router)
    PracticeLogController(services: services).addRoutes(to: router)
    RitualsController(services: services).addRoutes(to: router)
    GoalsController(services: services).addRoutes(to: router)
    SelfCareController(services: services).addRoutes(to: router)
    SessionSummaryController(services: services).addRoutes(to: router)
    DataRightsController(services: services).addRoutes(to: router)
    AssignmentController(services: services).addRoutes(to: router)
    AssignmentAPIController(services: services).addRoutes(to: router)
    ClientWorkController(services: services).addRoutes(to: router)
    EmergencyAccessController(services: services).addRoutes(to: router)
    ClientWorkAPIController(services: services).addRoutes(to: router)
    SessionSummaryAPIController(services: services).addRoutes(to: router)
    routeMethods.fill(from: router.routes)
    return router
}
