import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLKit
import Testing
import ToolkitCore
@testable import ToolkitServer

/// The app under more simultaneous requests than storage has connections: audited reads, plan
/// saves, sign-ins and the pages that must never wait. Nothing may fail, stall or lose a record.
@Suite struct ConcurrencyTests {
    /// More than the SQLite readers (4) plus writer, and more than the PostgreSQL pool (8).
    static let simultaneous = 48

    static func call(_ app: TestApp, _ method: HTTPRequest.Method, _ path: String, token: String? = nil,
                     json: String? = nil, address: String = "203.0.113.10") async throws -> TestResponse {
        var headers: HTTPFields = [.init("X-Forwarded-For")!: address]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if json != nil { headers[.contentType] = "application/json" }
        return try await app.client.executeRequest(uri: path, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    static func planJSON(_ marker: String) -> String {
        #"{"warningSigns":["\#(marker)"],"peopleToAsk":["Jo 0800 111"]}"#
    }

    @Test func aBurstOfReadsWritesAndSignInsAllSucceedAndEveryRecordIsKept() async throws {
        // Every sign-in in the burst is checked (the limit on checks at once has its own test).
        try await withApp(configure: { $0.signInChecksAtOnce = 64 }) { app in
            // setup: twelve clients, each with a token and a plan
            try await app.createUser(.therapist, email: "t@example.org")
            var tokens: [String] = []
            for index in 0..<12 {
                try await app.createUser(.client, email: "c\(index)@example.org", therapist: "t@example.org")
                let token = try await app.apiToken("c\(index)@example.org")
                #expect(try await Self.call(app, .put, "/api/v1/me/safety-plan", token: token, json: Self.planJSON("first")).status == .ok)
                tokens.append(token)
            }
            let auditBefore = try await app.count("audit_events")
            // act: reads, saves, sign-ins and public pages, all at once
            let statuses = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                for index in 0..<(Self.simultaneous * 2) {
                    let token = tokens[index % tokens.count]
                    group.addTask {
                        switch index % 6 {
                        case 0, 1: return ("read", try await Self.call(app, .get, "/api/v1/me/safety-plan", token: token).status.code)
                        case 2: return ("save", try await Self.call(app, .put, "/api/v1/me/safety-plan", token: token,
                                                                    json: Self.planJSON("save \(index)")).status.code)
                        case 3: return ("me", try await Self.call(app, .get, "/api/v1/me", token: token).status.code)
                        case 4:
                            let body = #"{"email":"c\#(index % 12)@example.org","password":"\#(TestApp.password)"}"#
                            return ("sign-in", try await Self.call(app, .post, "/api/v1/auth/token", json: body,
                                                                   address: "198.51.100.\(index)").status.code)
                        default: return ("crisis", try await Self.call(app, .get, index % 12 == 5 ? "/crisis" : "/healthz").status.code)
                        }
                    }
                }
                var all: [(String, Int)] = []
                for try await result in group { all.append(result) }
                return all
            }
            // check: every request answered as it would alone
            let expected = ["read": 200, "save": 200, "me": 200, "sign-in": 201, "crisis": 200]
            for (kind, status) in statuses { #expect(status == expected[kind], "\(kind) answered \(status)") }
            // check: one audit record per read, save and sign-in; the chain is one unbroken line
            let audited = statuses.filter { ["read", "save", "sign-in"].contains($0.0) }.count
            let auditAfter = try await app.count("audit_events")
            #expect(auditAfter == auditBefore + audited, "\(auditAfter - auditBefore) audit records for \(audited) audited requests")
            let verification = try await app.services.audit.verify()
            #expect(verification.ok)
            // check: versions are numbered without gaps or repeats
            let saves = statuses.filter { $0.0 == "save" }.count
            #expect(try await app.count("safety_plan_versions") == 12 + saves)
        }
    }

    @Test func twoDevicesSavingOnePlanAtOnceBothSucceedAsSeparateVersions() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let token = try await app.apiToken("c@example.org")
            // act: the very first save and many more, all at the same moment
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<Self.simultaneous {
                    group.addTask {
                        try await Self.call(app, .put, "/api/v1/me/safety-plan", token: token, json: Self.planJSON("device \(index)")).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.allSatisfy { $0 == 200 }, "\(statuses.filter { $0 != 200 })")
            let versions = try await app.services.database.sql.select().column("version").from("safety_plan_versions")
                .orderBy("version").all(decodingColumn: "version", as: Int.self)
            #expect(versions == Array(1...Self.simultaneous))
            let current = try await app.services.database.sql.select().column("current_version").from("safety_plans")
                .first(decodingColumn: "current_version", as: Int.self)
            #expect(current == Self.simultaneous)
        }
    }

    @Test func parallelGuessesCannotSlipPastTheThrottle() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let limit = app.services.configuration.loginFailuresPerAccountAndAddress
            // act: twenty guesses at once from one address, the last one right
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<20 {
                    let password = index == 19 ? TestApp.password : "wrong guess \(index)"
                    group.addTask {
                        try await Self.call(app, .post, "/api/v1/auth/token", json: #"{"email":"c@example.org","password":"\#(password)"}"#,
                                            address: "198.51.100.7").status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check: no more passwords were tried than the limit allows; the rest were refused unheard
            let evaluated = statuses.filter { $0 == 401 || $0 == 201 }.count
            #expect(evaluated <= limit, "\(statuses)")
            #expect(statuses.filter { $0 == 429 }.count == 20 - evaluated)
            // check: every attempt is on the audit trail, refused ones as denied
            let logins = try await app.auditTrail().filter { $0.action == "login" }
            #expect(logins.count == 20)
            #expect(logins.filter { $0.outcome == "denied" }.count == 20 - evaluated)
        }
    }

    @Test func signInsBeyondWhatCanBeCheckedAtOnceAreRefusedAtOnceAndCountNothing() async throws {
        try await withApp(configure: { $0.signInChecksAtOnce = 2 }) { app in
            // setup: two checks already running (held here), as in a flood of sign-ins
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let admission = app.services.signInGate.admission
            #expect(admission.enter() && admission.enter())
            let body = #"{"email":"c@example.org","password":"\#(TestApp.password)"}"#
            // act
            let refused = try await Self.call(app, .post, "/api/v1/auth/token", json: body, address: "198.51.100.9")
            let form = try await app.browser(address: "198.51.100.9").submit(
                SiteURL.login.path, fields: ["email": "c@example.org", "password": TestApp.password], formPage: SiteURL.login.path)
            // check: a 429 asking for a moment's wait, the typed email kept, nothing counted as a failure
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == String(SignInGate.busyRetryAfter))
            #expect(form.status == .tooManyRequests)
            #expect(Browser.inputValue("email", in: form.bodyText) == "c@example.org")
            #expect(try await app.count("login_failures") == 0)
            #expect(try await app.auditTrail().filter { $0.action == "login" && $0.outcome == "denied" }.count == 2)
            // check: once a place is free, the same sign-in goes ahead
            admission.leave()
            #expect(try await Self.call(app, .post, "/api/v1/auth/token", json: body, address: "198.51.100.9").status == .created)
            admission.leave()
            #expect(admission.inUse == 0)
        }
    }

    @Test func whenTheThrottleCannotBeWrittenSignInFailsClosedWithoutRevealingThePassword() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            try await app.services.database.sql.raw("DROP TABLE login_failures").run()
            // act
            let right = try await Self.call(app, .post, "/api/v1/auth/token", json: #"{"email":"c@example.org","password":"\#(TestApp.password)"}"#)
            let wrong = try await Self.call(app, .post, "/api/v1/auth/token", json: #"{"email":"c@example.org","password":"not it at all"}"#)
            let browser = app.browser()
            let form = try await browser.submit(SiteURL.login.path, fields: ["email": "c@example.org", "password": TestApp.password],
                                                formPage: SiteURL.login.path)
            // check: the same refusal whether or not the password was right, and no way in
            #expect(right.status == .serviceUnavailable)
            #expect(wrong.status == .serviceUnavailable)
            #expect(right.bodyText == wrong.bodyText)
            #expect(!right.bodyText.contains("token\""))
            #expect(form.status == .serviceUnavailable)
            #expect(app.sessionToken(of: browser) == nil)
        }
    }

    @Test func aSharedAddressGetsShortGrowingWaitsNotALockout() async throws {
        let clock = TestClock()
        try await withApp(configure: { $0.loginFailuresPerAddress = 3; $0.clock = clock.now }) { app in
            // setup: three people behind one address mistype their passwords
            for name in ["a", "b", "c", "d"] { try await app.createUser(.therapist, email: "\(name)@example.org") }
            let office = app.browser(address: "192.0.2.80")
            for name in ["a", "b", "c"] {
                _ = try await office.submit(SiteURL.login.path, fields: ["email": "\(name)@example.org", "password": "typo"],
                                            formPage: SiteURL.login.path)
            }
            // act: the fourth person signs in straight away, then a little later
            let atOnce = try await office.submit(SiteURL.login.path, fields: ["email": "d@example.org", "password": TestApp.password],
                                                 formPage: SiteURL.login.path)
            clock.advance(by: Double(LoginThrottle.firstAddressDelay))
            let later = try await office.submit(SiteURL.login.path, fields: ["email": "d@example.org", "password": TestApp.password],
                                                formPage: SiteURL.login.path)
            // check: asked to wait seconds, not a quarter of an hour
            #expect(atOnce.status == .tooManyRequests)
            #expect(atOnce.headers[.retryAfter].flatMap(Int.init).map { $0 <= LoginThrottle.firstAddressDelay } == true)
            #expect(atOnce.bodyText.contains("seconds"))
            #expect(later.status == .seeOther)
        }
    }

    @Test func theWaitAtASharedAddressGrowsWithEachFurtherFailure() async throws {
        let clock = TestClock()
        try await withApp(configure: { $0.loginFailuresPerAddress = 2; $0.clock = clock.now }) { app in
            // setup
            for name in ["a", "b", "c", "d", "e"] { try await app.createUser(.therapist, email: "\(name)@example.org") }
            let sprayer = app.browser(address: "198.51.100.9")
            var waits: [Int] = []
            // act: keep guessing, each time waiting exactly as long as asked
            for name in ["a", "b", "c", "d", "e"] {
                let response = try await sprayer.submit(SiteURL.login.path, fields: ["email": "\(name)@example.org", "password": "guess"],
                                                        formPage: SiteURL.login.path)
                if response.status == .tooManyRequests, let wait = response.headers[.retryAfter].flatMap(Int.init) {
                    waits.append(wait)
                    clock.advance(by: Double(wait))
                    _ = try await sprayer.submit(SiteURL.login.path, fields: ["email": "\(name)@example.org", "password": "guess"],
                                                 formPage: SiteURL.login.path)
                }
            }
            // check: 5 s, then 10 s, then 20 s
            #expect(waits == [5, 10, 20])
        }
    }

    @Test func theCrisisPageAndHealthAnswerWhileTheWriterIsHeld() async throws {
        try await withApp { app in
            // setup: a signed-in client, then one transaction that holds the writer until released
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let client = try await app.signedIn("c@example.org")
            let cookie = client.cookieHeader
            let (held, holding) = AsyncStream.makeStream(of: Void.self)
            let (release, releasing) = AsyncStream.makeStream(of: Void.self)
            let writer = Task {
                try await app.services.database.transaction { db in
                    try await db.update("users").set("updated_at", to: 1).run()
                    holding.yield()
                    for await _ in release { break }
                }
            }
            for await _ in held { break }
            // act: a queue of writes forms behind it, and people open the pages that must never wait
            let queued = Task {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for _ in 0..<Self.simultaneous {
                        group.addTask { try await app.services.audit.append(AuditEvent(action: "test.queued")) }
                    }
                    try await group.waitForAll()
                }
            }
            let pages = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<Self.simultaneous {
                    group.addTask {
                        let path = index % 2 == 0 ? "/crisis" : "/healthz"
                        let headers: HTTPFields = index % 4 == 0 ? [.cookie: cookie] : [:]
                        return try await app.client.executeRequest(uri: path, method: .get, headers: headers, body: nil).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check: all answered while the writer was still held and writes were waiting for it
            #expect(pages.allSatisfy { $0 == 200 }, "\(pages)")
            if app.usesSQLite { #expect(app.services.database.writeQueueLength >= 1) }
            // release, and everything queued completes
            releasing.yield()
            try await writer.value
            try await queued.value
            #expect(try await app.auditTrail().filter { $0.action == "test.queued" }.count == Self.simultaneous)
            #expect(try await app.services.audit.verify().ok)
        }
    }

    @Test func aWriteStartedInsideATransactionFailsInsteadOfWaitingForItself() async throws {
        try await withApp { app in
            guard app.usesSQLite else { return }
            // act
            let outcome: String = try await app.services.database.transaction { _ in
                do {
                    try await app.services.database.sql.update("users").set("updated_at", to: 1).run()
                    return "wrote"
                } catch StorageError.nestedWrite {
                    return "refused"
                }
            }
            // check
            #expect(outcome == "refused")
        }
    }
}
