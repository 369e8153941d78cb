import Foundation
import NIOCore
import ToolkitCore

/// Everything the app needs to know about its deployment, read once at start-up and passed down.
/// Tests build one explicitly with `AppConfiguration(dataDirectory:)`.
public struct AppConfiguration: Sendable {
    /// Where the SQLite database, the key file and the crisis-line file live.
    public var dataDirectory: URL
    /// A PostgreSQL URL; when nil the embedded SQLite database in `dataDirectory` is used.
    public var databaseURL: String?
    /// A PostgreSQL schema to keep all tables in (the test suite gives each test its own).
    public var databaseSchema: String?
    /// The address people use to reach the app, e.g. https://toolkit.example.org.
    /// An https address turns on Secure and `__Host-` cookies and HSTS, and sets the allowed Origin.
    public var publicURL: URL?
    /// A base64 deployment key; when nil the key file in the data folder is used (and created).
    public var masterKeyBase64: String?
    /// Therapists and admins must set up a second factor before they can use the app.
    public var requireTOTP: Bool = false
    /// Library pages need sign-in when true.
    public var libraryRequiresSignIn: Bool = false
    /// Trust X-Forwarded-For from a reverse proxy for the client address.
    public var trustProxy: Bool = false
    public var sessionIdleTimeout: TimeInterval = 30 * 60
    public var sessionAbsoluteLifetime: TimeInterval = 12 * 60 * 60
    public var apiTokenLifetime: TimeInterval = 12 * 60 * 60
    /// Bcrypt cost for new password hashes; 12 or more outside tests.
    public var passwordHashCost: UInt8 = 12
    /// Failed sign-ins from one address for one account before answering 429.
    public var loginFailuresPerAccountAndAddress: Int = 5
    /// Failed sign-ins from one address across all accounts before answering 429.
    public var loginFailuresPerAddress: Int = 30
    public var loginThrottleWindow: TimeInterval = 15 * 60
    /// Password and code checks running at once (one per core, as bcrypt has a thread per core);
    /// more are refused at once with 429 and a wait of 2 seconds instead of queueing for bcrypt,
    /// so a flood of sign-ins can't hold the processor or keep anyone waiting long.
    public var signInChecksAtOnce: Int = System.coreCount
    /// Largest request body accepted, in bytes.
    public var maxBodySize: Int = 256 * 1024
    /// Write one log line per request (off for benchmarks).
    public var logRequests: Bool = true
    /// A distress rating at or above this (0-10) puts people and crisis lines first in the
    /// "I'm struggling" flow.
    public var highDistressThreshold: Int = DistressResponse.defaultHighThreshold
    /// The time now; tests replace it to move time forward without waiting.
    public var clock: @Sendable () -> Date = { Date() }
    /// How long a request waits for a PostgreSQL connection before the app answers 503. Tests of
    /// bursts on a loaded machine wait longer: they check what is saved, not how fast.
    public var databaseConnectionWait: TimeInterval = 30
    /// PostgreSQL connections each event loop (one per core) may open. The test suite, which runs
    /// a hundred apps against one server at once, opens fewer so it stays inside the server's
    /// `max_connections`.
    public var databaseConnectionsPerEventLoop: Int = 4

    public init(dataDirectory: URL) {
        self.dataDirectory = dataDirectory
    }

    /// Reads the deployment's settings from the environment.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfiguration {
        var configuration = AppConfiguration(dataDirectory: URL(fileURLWithPath: environment["DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./data", isDirectory: true))
        configuration.databaseURL = environment["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        if let address = environment["PUBLIC_URL"], !address.isEmpty {
            guard let url = URL(string: address), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw ConfigurationError("PUBLIC_URL must be an http or https address, such as https://toolkit.example.org")
            }
            configuration.publicURL = url
        }
        configuration.masterKeyBase64 = environment["TOOLKIT_MASTER_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        configuration.requireTOTP = environment["REQUIRE_TOTP"].map(Self.isTrue) ?? false
        configuration.libraryRequiresSignIn = environment["LIBRARY_REQUIRES_SIGN_IN"].map(Self.isTrue) ?? false
        configuration.trustProxy = environment["TRUST_PROXY"].map(Self.isTrue) ?? false
        configuration.logRequests = environment["LOG_REQUESTS"].map(Self.isTrue) ?? true
        if let minutes = environment["SESSION_IDLE_MINUTES"].flatMap(Double.init) {
            configuration.sessionIdleTimeout = minutes * 60
        }
        if let text = environment["HIGH_DISTRESS_THRESHOLD"], !text.isEmpty {
            guard let threshold = Int(text), DistressResponse.allowedThresholds.contains(threshold) else {
                throw ConfigurationError("HIGH_DISTRESS_THRESHOLD must be a whole number from 1 to 10 (the default is \(DistressResponse.defaultHighThreshold))")
            }
            configuration.highDistressThreshold = threshold
        }
        if let hours = environment["SESSION_LIFETIME_HOURS"].flatMap(Double.init) {
            configuration.sessionAbsoluteLifetime = hours * 3600
        }
        return configuration
    }

    /// True when the app is served over TLS (directly or behind a proxy), which makes cookies Secure.
    public var isSecure: Bool { publicURL?.scheme == "https" }

    /// The origin browsers must send with state-changing requests, when it is known.
    public var allowedOrigin: String? {
        guard let url = publicURL, let scheme = url.scheme, let host = url.host else { return nil }
        let port = url.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)"
    }

    public var sqliteFile: URL { dataDirectory.appendingPathComponent("toolkit.sqlite") }

    private static func isTrue(_ value: String) -> Bool {
        ["1", "true", "yes", "on"].contains(value.lowercased())
    }
}

public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
