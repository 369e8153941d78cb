import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Checklist 1: every route answers only the roles it is for, and only with the caller's own data.
@Suite struct AccessControlTests {
    /// Two therapists, each with one client, and an administrator.
    struct Practice {
        let admin, therapistA, therapistB, clientA, clientB: User

        static func make(in app: TestApp) async throws -> Practice {
            let admin = try await app.createUser(.admin, email: "admin@example.org", name: "Ada Admin")
            let therapistA = try await app.createUser(.therapist, email: "ta@example.org", name: "Tess A")
            let therapistB = try await app.createUser(.therapist, email: "tb@example.org", name: "Theo B")
            let clientA = try await app.createUser(.client, email: "ca@example.org", name: "Cara A", therapist: "ta@example.org")
            let clientB = try await app.createUser(.client, email: "cb@example.org", name: "Cole B", therapist: "tb@example.org")
            return Practice(admin: admin, therapistA: therapistA, therapistB: therapistB, clientA: clientA, clientB: clientB)
        }
    }

    @Test func accountAdministrationIsForAdminsOnly() async throws {
        try await withApp { app in
            // setup
            let practice = try await Practice.make(in: app)
            // act + check
            #expect(try await app.browser().get(SiteURL.adminUsers.path).status == .unauthorized)
            for email in ["ta@example.org", "ca@example.org"] {
                let browser = try await app.signedIn(email)
                #expect(try await browser.get(SiteURL.adminUsers.path).status == .forbidden, "\(email) reached /admin/users")
            }
            let admin = try await app.signedIn("admin@example.org")
            let list = try await admin.get(SiteURL.adminUsers.path)
            #expect(list.status == .ok)
            #expect(list.bodyText.contains(practice.clientB.email))
        }
    }

    @Test func onlyAnAdminCanDisableAnAccount() async throws {
        try await withApp { app in
            // setup
            let practice = try await Practice.make(in: app)
            let target = SiteURL.adminUserDisable(practice.clientA.id).path
            // act
            let anonymous = try await app.browser().submit(target, fields: [:], formPage: SiteURL.login.path)
            let therapist = try await app.signedIn("ta@example.org").submit(target, fields: [:], formPage: "/")
            let client = try await app.signedIn("cb@example.org").submit(target, fields: [:], formPage: "/")
            // check
            #expect(anonymous.status == .unauthorized)
            #expect(therapist.status == .forbidden)
            #expect(client.status == .forbidden)
            #expect(try await app.user("ca@example.org").isDisabled == false)
            let admin = try await app.signedIn("admin@example.org")
            #expect(try await admin.submit(target, fields: [:], formPage: SiteURL.adminUsers.path).status == .seeOther)
            #expect(try await app.user("ca@example.org").isDisabled)
        }
    }

    @Test func onlyAnAdminCanCreateAccounts() async throws {
        try await withApp { app in
            // setup
            _ = try await Practice.make(in: app)
            let before = try await app.count("users")
            let fields = ["role": "admin", "name": "Mallory", "email": "mallory@example.org", "password": "a long enough passphrase"]
            // act
            let therapist = try await app.signedIn("ta@example.org").submit(SiteURL.adminUsers.path, fields: fields, formPage: "/")
            let client = try await app.signedIn("ca@example.org").submit(SiteURL.adminUsers.path, fields: fields, formPage: "/")
            // check
            #expect(therapist.status == .forbidden)
            #expect(client.status == .forbidden)
            #expect(try await app.count("users") == before)
            #expect(try await app.services.accounts.find(email: "mallory@example.org") == nil)
        }
    }

    @Test func theClientListIsForTherapistsAndShowsOnlyTheirOwnClients() async throws {
        try await withApp { app in
            // setup
            _ = try await Practice.make(in: app)
            // act + check
            #expect(try await app.browser().get(SiteURL.clients.path).status == .unauthorized)
            #expect(try await app.signedIn("ca@example.org").get(SiteURL.clients.path).status == .forbidden)
            #expect(try await app.signedIn("admin@example.org").get(SiteURL.clients.path).status == .forbidden)
            let roster = try await app.signedIn("ta@example.org").get(SiteURL.clients.path)
            #expect(roster.status == .ok)
            #expect(roster.bodyText.contains("ca@example.org"))
            #expect(!roster.bodyText.contains("cb@example.org"))
            #expect(!roster.bodyText.contains("Cole B"))
        }
    }

    @Test func theAccountPageNeedsSignInAndShowsOnlyTheCallersAccount() async throws {
        try await withApp { app in
            // setup
            _ = try await Practice.make(in: app)
            // act + check
            #expect(try await app.browser().get(SiteURL.account.path).status == .unauthorized)
            for email in ["admin@example.org", "ta@example.org", "ca@example.org"] {
                let page = try await app.signedIn(email).get(SiteURL.account.path)
                #expect(page.status == .ok)
                #expect(page.bodyText.contains(email))
                for other in ["admin@example.org", "ta@example.org", "tb@example.org", "ca@example.org", "cb@example.org"] where other != email {
                    #expect(!page.bodyText.contains(other), "\(email)'s account page shows \(other)")
                }
            }
        }
    }

    @Test func theAPIAnswersOnlyWithAValidTokenAndOnlyAboutItsOwner() async throws {
        try await withApp { app in
            // setup
            let practice = try await Practice.make(in: app)
            let token = try await app.apiToken("ca@example.org")
            // act
            let anonymous = try await app.client.executeRequest(uri: "/api/v1/me", method: .get, headers: [:], body: nil)
            let forged = try await app.client.executeRequest(uri: "/api/v1/me", method: .get, headers: .bearer("not-a-token"), body: nil)
            let mine = try await app.client.executeRequest(uri: "/api/v1/me", method: .get, headers: .bearer(token), body: nil)
            // A browser session is not an API credential: the cookie must not work for /api.
            let browser = try await app.signedIn("ca@example.org")
            let byCookie = try await browser.get("/api/v1/me")
            // check
            #expect(anonymous.status == .unauthorized)
            #expect(forged.status == .unauthorized)
            #expect(byCookie.status == .unauthorized)
            #expect(mine.status == .ok)
            struct Me: Decodable { var id: String; var email: String; var role: String }
            let me = try JSONDecoder().decode(Me.self, from: Data(buffer: mine.body))
            #expect(me.id == practice.clientA.id)
            #expect(me.email == "ca@example.org")
            #expect(me.role == "client")
            #expect(!mine.bodyText.contains("cb@example.org"))
        }
    }

    @Test func aClientsSafetyPlanPageAnswersOnlyTheirOwnTherapistWhileShared() async throws {
        try await withApp { app in
            // setup
            let practice = try await Practice.make(in: app)
            let marker = "PLAN-MARKER-\(UUID().uuidString)"
            var plan = SafetyPlan()
            plan.warningSigns = [marker]
            _ = try await app.services.safetyPlans.save(plan, for: practice.clientA, address: nil)
            _ = try await app.services.safetyPlans.setShared(true, for: practice.clientA, address: nil)
            let page = SiteURL.clientSafetyPlan(practice.clientA.id).path
            // act + check: everyone else is refused, and never sees the content
            let refusals: [(String, TestResponse)] = [
                ("anonymous", try await app.browser().get(page)),
                ("other therapist", try await app.signedIn("tb@example.org").get(page)),
                ("admin", try await app.signedIn("admin@example.org").get(page)),
                ("the client", try await app.signedIn("ca@example.org").get(page)),
                ("another client", try await app.signedIn("cb@example.org").get(page)),
                ("other therapist, other id", try await app.signedIn("tb@example.org").get(SiteURL.clientSafetyPlan(practice.therapistA.id).path)),
            ]
            for (who, response) in refusals {
                #expect([401, 403, 404].contains(response.status.code), "\(who) got \(response.status.code)")
                #expect(!response.bodyText.contains(marker), "\(who) saw the plan")
            }
            // Their own therapist sees it while it is shared, and not once it is withdrawn.
            let therapist = try await app.signedIn("ta@example.org")
            let shown = try await therapist.get(page)
            #expect(shown.status == .ok)
            #expect(shown.bodyText.contains(marker))
            _ = try await app.services.safetyPlans.setShared(false, for: practice.clientA, address: nil)
            let withdrawn = try await therapist.get(page)
            #expect([403, 404].contains(withdrawn.status.code))
            #expect(!withdrawn.bodyText.contains(marker))
        }
    }

    @Test func theSharedPlanAPIAnswersOnlyTheClientsOwnTherapist() async throws {
        try await withApp { app in
            // setup
            let practice = try await Practice.make(in: app)
            let marker = "API-MARKER-\(UUID().uuidString)"
            var plan = SafetyPlan()
            plan.warningSigns = [marker]
            _ = try await app.services.safetyPlans.save(plan, for: practice.clientA, address: nil)
            _ = try await app.services.safetyPlans.setShared(true, for: practice.clientA, address: nil)
            let path = "/api/v1/clients/\(practice.clientA.id)/safety-plan"
            func get(_ email: String?) async throws -> TestResponse {
                var headers: HTTPFields = [:]
                if let email { headers = .bearer(try await app.apiToken(email)) }
                return try await app.client.executeRequest(uri: path, method: .get, headers: headers, body: nil)
            }
            // act + check
            for who in [nil, "tb@example.org", "admin@example.org", "cb@example.org", "ca@example.org"] {
                let response = try await get(who)
                #expect([401, 403, 404].contains(response.status.code), "\(who ?? "anonymous") got \(response.status.code)")
                #expect(!response.bodyText.contains(marker))
            }
            let own = try await get("ta@example.org")
            #expect(own.status == .ok)
            #expect(own.bodyText.contains(marker))
        }
    }

    @Test func aTherapistReadsOnlyTheirOwnClientsSharedPlan() async throws {
        try await withApp { app in
            // setup
            let practice = try await Practice.make(in: app)
            var plan = SafetyPlan()
            plan.warningSigns = ["marker-\(UUID().uuidString)"]
            _ = try await app.services.safetyPlans.save(plan, for: practice.clientA, address: nil)
            _ = try await app.services.safetyPlans.setShared(true, for: practice.clientA, address: nil)
            let plans = app.services.safetyPlans
            // act
            let own = try await plans.loadShared(clientID: practice.clientA.id, therapist: practice.therapistA, address: nil)
            let foreign = try await plans.loadShared(clientID: practice.clientA.id, therapist: practice.therapistB, address: nil)
            let byAdmin = try await plans.loadShared(clientID: practice.clientA.id, therapist: practice.admin, address: nil)
            let clientAsTherapist = try await plans.loadShared(clientID: practice.clientA.id, therapist: practice.clientB, address: nil)
            // check
            #expect(own?.plan.plan == plan)
            #expect(foreign == nil)
            #expect(byAdmin == nil)
            #expect(clientAsTherapist == nil)
            // Revoking sharing takes effect on the next read.
            _ = try await plans.setShared(false, for: practice.clientA, address: nil)
            #expect(try await plans.loadShared(clientID: practice.clientA.id, therapist: practice.therapistA, address: nil) == nil)
        }
    }

    @Test func aCheckInAnswersOnlyTheClientWhoStartedIt() async throws {
        try await withApp { app in
            // setup
            _ = try await Practice.make(in: app)
            let owner = try await app.signedIn("ca@example.org")
            let started = try await owner.submit(SiteURL.struggling.path, fields: ["rating": "7"])
            let flowPath = try #require(started.headers[.location])
            // act
            let mine = try await owner.get(flowPath)
            let theirs = try await app.signedIn("cb@example.org", address: "203.0.113.40").get(flowPath)
            // check
            #expect(mine.status == .ok)
            #expect(theirs.status == .notFound)
            #expect(!theirs.bodyText.contains(flowPath))
        }
    }
}
