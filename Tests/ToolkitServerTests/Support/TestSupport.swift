import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import SQLKit
import ToolkitCore
@testable import ToolkitServer

/// Builds the real app on fresh storage for one test: a temporary SQLite data folder, or, when
/// DATABASE_URL is set, a schema of its own in that PostgreSQL database (dropped afterwards).
func withApp(
    configure: (inout AppConfiguration) -> Void = { _ in },
    logs: LogCapture? = nil,
    _ body: @escaping @Sendable (TestApp) async throws -> Void
) async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("toolkit-test-\(UUID().uuidString)")
    var configuration = AppConfiguration(dataDirectory: folder)
    configuration.passwordHashCost = 4  // Fast hashes in tests; the default (12) has its own test.
    configuration.logRequests = false
    configuration.trustProxy = true     // Lets tests choose the client address with X-Forwarded-For.
    // Bursts queue behind one row's lock; on a busy machine that can take longer than the app's
    // 30 s, and these tests check what is saved, not how fast.
    configuration.databaseConnectionWait = 180
    // Tests run side by side, each app with its own pool against one PostgreSQL server: at four
    // connections a core they came within reach of its 1,000 connections (831 seen at once), and a
    // connection refused there is a 500. Two a core still leave every burst larger than the pool.
    configuration.databaseConnectionsPerEventLoop = 2
    if let url = ProcessInfo.processInfo.environment["DATABASE_URL"], !url.isEmpty {
        configuration.databaseURL = url
        configuration.databaseSchema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }
    configure(&configuration)
    // On PostgreSQL every app opens connections to the one server: a bounded number run at once
    // (the rest wait their turn), so the suite stays well inside `max_connections` however many
    // tests the runner starts together.
    if configuration.databaseURL != nil { await postgresApps.wait() }
    defer { if configuration.databaseURL != nil { Task { await postgresApps.signal() } } }
    let logger = testLogger(logs)
    let services = try await AppServices.start(configuration, logger: logger)
    do {
        try await serve(services, logger: logger, body)
    } catch {
        try? await cleanUp(services, configuration)
        throw error
    }
    try await cleanUp(services, configuration)
}

/// Apps against PostgreSQL running at once, at most: each opens up to six connections (four
/// for requests, two for health checks), and a second app inside a test a few more.
private let postgresApps = TestSemaphore(count: 48)

/// Lets `count` holders through at once; the others wait, first come first served.
actor TestSemaphore {
    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) { available = count }

    func wait() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func signal() {
        if waiting.isEmpty { available += 1 } else { waiting.removeFirst().resume() }
    }
}

/// Warnings and errors only, unless a test captures what production would log (info and up).
private func testLogger(_ capture: LogCapture?) -> Logger {
    guard let capture else {
        var logger = Logger(label: "toolkit-test")
        logger.logLevel = .warning
        return logger
    }
    var logger = Logger(label: "toolkit-test") { _ in CapturingLogHandler(capture: capture) }
    logger.logLevel = .info
    return logger
}

/// Runs `body` against the router built on `services`, leaving the storage in place.
private func serve(_ services: AppServices, logger: Logger, _ body: @escaping @Sendable (TestApp) async throws -> Void) async throws {
    let app = Application(responder: buildResponder(services: services), logger: logger)
    try await app.test(.router) { client in
        try await body(TestApp(services: services, client: client))
    }
}

/// Runs a second app on existing storage (a restarted server, another process, a restored backup)
/// and closes its connections afterwards without removing anything.
func withAppOnExistingStorage(
    _ configuration: AppConfiguration,
    _ body: @escaping @Sendable (TestApp) async throws -> Void
) async throws {
    let logger = testLogger(nil)
    let services = try await AppServices.start(configuration, logger: logger)
    do {
        try await serve(services, logger: logger, body)
    } catch {
        try? await services.database.shutdown()
        throw error
    }
    try await services.database.shutdown()
}

private func cleanUp(_ services: AppServices, _ configuration: AppConfiguration) async throws {
    if let schema = configuration.databaseSchema {
        try await services.database.sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
    }
    try await services.database.shutdown()
    try? FileManager.default.removeItem(at: configuration.dataDirectory)
}

/// The running app under test, with helpers to make accounts and browser-like clients.
struct TestApp: Sendable {
    let services: AppServices
    let client: any TestClientProtocol

    static let password = "correct horse battery staple"

    @discardableResult
    func createUser(_ role: Role, email: String, name: String? = nil, password: String = TestApp.password,
                    therapist: String? = nil) async throws -> User {
        try await services.accounts.create(email: email, name: name ?? email.components(separatedBy: "@")[0],
                                           role: role, password: password, therapistEmail: therapist)
    }

    /// A new cookie jar talking to this app, as one browser would.
    func browser(address: String = "203.0.113.10", origin: String = Browser.origin) -> Browser {
        Browser(client: client, address: address, origin: origin)
    }

    /// A browser signed in as the given account.
    func signedIn(_ email: String, password: String = TestApp.password, address: String = "203.0.113.10",
                  origin: String = Browser.origin) async throws -> Browser {
        let browser = self.browser(address: address, origin: origin)
        let response = try await browser.submit(SiteURL.login.path, fields: ["email": email, "password": password], formPage: SiteURL.login.path)
        guard response.status == .seeOther else {
            throw TestFailure("sign-in as \(email) answered \(response.status.code)")
        }
        return browser
    }

    /// An API bearer token for the given account.
    func apiToken(_ email: String, password: String = TestApp.password) async throws -> String {
        let body = try JSONEncoder().encode(["email": email, "password": password])
        let response = try await client.executeRequest(uri: "/api/v1/auth/token", method: .post,
                                                       headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body))
        guard response.status == .created else { throw TestFailure("token for \(email) answered \(response.status.code)") }
        struct Token: Decodable { var token: String }
        return try JSONDecoder().decode(Token.self, from: Data(buffer: response.body)).token
    }

    /// The session cookie a browser holds for this app, if any.
    func sessionToken(of browser: Browser) -> String? { browser.cookies[services.cookies.sessionName] }

    func user(_ email: String) async throws -> User {
        guard let user = try await services.accounts.find(email: email) else { throw TestFailure("no account \(email)") }
        return user
    }

    func count(_ table: String) async throws -> Int {
        try await services.database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
            .first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// The whole audit trail, oldest first.
    func auditTrail() async throws -> [AuditRecord] {
        try await services.database.sql.select().column("*").from("audit_events").orderBy("seq")
            .all(decoding: AuditRecord.self, keyDecodingStrategy: .convertFromSnakeCase)
    }

    var usesSQLite: Bool { services.database.kind == .sqlite }

    /// Raw bytes of the SQLite database file and its write-ahead log, for at-rest checks.
    func rawDatabaseBytes() throws -> Data {
        var data = Data()
        for suffix in ["", "-wal"] {
            if let part = FileManager.default.contents(atPath: services.configuration.sqliteFile.path + suffix) { data.append(part) }
        }
        return data
    }
}

/// A cookie-keeping client that posts forms the way a browser does: with the page's form token
/// and this app's Origin.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    let address: String
    /// The Origin header sent with posts: this app's own unless a test says otherwise.
    let origin: String
    private(set) var cookies: [String: String] = [:]
    static let origin = "http://localhost"

    init(client: any TestClientProtocol, address: String, origin: String = Browser.origin) {
        self.client = client
        self.address = address
        self.origin = origin
    }

    /// Plants a cookie, as a replayed or stolen cookie would arrive.
    func setCookie(_ name: String, _ value: String) { cookies[name] = value }

    var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }

    @discardableResult
    func get(_ path: String, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        try await send(path, method: .get, headers: extra, body: nil)
    }

    /// Loads `formPage`, takes its form token, and posts the fields with it.
    @discardableResult
    func submit(_ path: String, fields: [String: String], formPage: String? = nil) async throws -> TestResponse {
        var fields = fields
        if fields["_csrf"] == nil {
            let page = try await get(formPage ?? path)
            fields["_csrf"] = Self.csrfToken(in: page.bodyText) ?? ""
        }
        return try await post(path, form: fields)
    }

    /// Posts exactly the given fields (no token added), with this browser's Origin.
    @discardableResult
    func post(_ path: String, form: [String: String]) async throws -> TestResponse {
        try await post(path, form: form, origin: origin)
    }

    /// Posts exactly the given fields with the given Origin header (none when nil).
    @discardableResult
    func post(_ path: String, form: [String: String], origin: String?) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if let origin { headers[.origin] = origin }
        return try await send(path, method: .post, headers: headers, body: ByteBuffer(string: Self.encode(form)))
    }

    func send(_ path: String, method: HTTPRequest.Method, headers extra: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        var headers = extra
        headers[HTTPField.Name("Host")!] = "localhost"
        headers[.init("X-Forwarded-For")!] = address
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.executeRequest(uri: path, method: method, headers: headers, body: body)
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || field.value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    static func encode(_ form: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return form.map { "\($0.key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }
            .joined(separator: "&")
    }

    static func csrfToken(in html: String) -> String? { inputValue("_csrf", in: html) }

    /// The value of the first input with the given name (Plot writes `name` before `value`).
    static func inputValue(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}

/// Every log line the app writes during a test, for checks that nothing secret is logged.
final class LogCapture: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var text: String { lock.withLock { lines.joined(separator: "\n") } }
}

struct CapturingLogHandler: LogHandler {
    let capture: LogCapture
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { $1 }
        capture.append("\(event.level) \(event.message) \(all.map { "\($0)=\($1)" }.sorted().joined(separator: " "))")
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension TestResponse {
    var bodyText: String { String(buffer: body) }
}

extension HTTPFields {
    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }
}

/// A clock the test moves by hand, so time-outs are tested without waiting or racing.
final class TestClock: @unchecked Sendable {
    private var current = Date()
    private let lock = NSLock()

    var now: @Sendable () -> Date { { [self] in self.lock.withLock { self.current } } }

    func advance(by seconds: TimeInterval) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}
