import Foundation
import HummingbirdTesting
import NIOCore
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Checklist 3: role, owner and account state can't be set through a body that doesn't own them.
@Suite struct MassAssignmentTests {
    /// Every name a stored field could be reached by, with values that would escalate.
    static func escalation(therapistID: String) -> [String: String] {
        ["role": "admin", "therapist_id": therapistID, "therapistId": therapistID, "therapistEmail": "tb@example.org",
         "disabled": "1", "totp_enabled": "1", "id": "forged-id", "email": "someone-else@example.org"]
    }

    @Test func aClientCannotChangeTheirRoleOrTherapistThroughTheirOwnForms() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "ta@example.org")
            let other = try await app.createUser(.therapist, email: "tb@example.org")
            let client = try await app.createUser(.client, email: "c@example.org", therapist: "ta@example.org")
            let browser = try await app.signedIn("c@example.org")
            let extra = Self.escalation(therapistID: other.id)
            // act
            let password = try await browser.submit(SiteURL.accountPassword.path, fields: extra.merging([
                "currentPassword": TestApp.password, "newPassword": "a brand new passphrase", "confirmPassword": "a brand new passphrase",
            ]) { $1 }, formPage: SiteURL.account.path)
            _ = try await browser.submit(SiteURL.accountSecondFactor.path, fields: extra, formPage: SiteURL.account.path)
            _ = try await browser.submit(SiteURL.logout.path, fields: extra, formPage: SiteURL.account.path)
            // check
            #expect(password.status == .seeOther)
            let stored = try await app.user("c@example.org")
            #expect(stored.id == client.id)
            #expect(stored.userRole == .client)
            #expect(stored.therapistId == client.therapistId)
            #expect(!stored.isDisabled)
            #expect(!stored.hasSecondFactor)
            #expect(try await app.services.accounts.find(email: "someone-else@example.org") == nil)
        }
    }

    @Test func aTherapistCannotMakeThemselvesAdmin() async throws {
        try await withApp { app in
            // setup
            let therapist = try await app.createUser(.therapist, email: "ta@example.org")
            let browser = try await app.signedIn("ta@example.org")
            // act
            _ = try await browser.submit(SiteURL.accountPassword.path, fields: Self.escalation(therapistID: therapist.id).merging([
                "currentPassword": TestApp.password, "newPassword": "a brand new passphrase", "confirmPassword": "a brand new passphrase",
            ]) { $1 }, formPage: SiteURL.account.path)
            // check
            #expect(try await app.user("ta@example.org").userRole == .therapist)
            #expect(try await browser.get(SiteURL.adminUsers.path).status == .forbidden)
        }
    }

    @Test func theAPITokenRequestCannotCarryARole() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "ta@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "ta@example.org")
            let body = try JSONSerialization.data(withJSONObject: [
                "email": "c@example.org", "password": TestApp.password, "role": "admin", "therapistId": "x", "userId": "x",
            ])
            // act
            let issued = try await app.client.executeRequest(uri: "/api/v1/auth/token", method: .post,
                                                             headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body))
            // check: the request is refused outright, naming a property it may not carry, and no token is issued
            #expect(issued.status == .badRequest)
            #expect(issued.bodyText.contains("is not a property this takes"))
            #expect(!issued.bodyText.contains("\"token\""))
            #expect(try await app.user("c@example.org").userRole == .client)
            #expect(try await app.count("api_tokens") == 0)
        }
    }

    @Test func theAdminCreateFormIgnoresFieldsItDoesNotOffer() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            let therapistA = try await app.createUser(.therapist, email: "ta@example.org")
            let therapistB = try await app.createUser(.therapist, email: "tb@example.org")
            let admin = try await app.signedIn("admin@example.org")
            // act
            let client = try await admin.submit(SiteURL.adminUsers.path, fields: [
                "role": "client", "name": "New Client", "email": "new@example.org", "password": "a long enough passphrase",
                "therapistEmail": "ta@example.org",
                "id": "chosen-id", "disabled": "0", "therapist_id": therapistB.id, "therapistId": therapistB.id,
                "totp_enabled": "1", "totp_secret": "AAAA", "created_at": "0", "password_hash": "$2b$04$forged",
            ])
            let therapist = try await admin.submit(SiteURL.adminUsers.path, fields: [
                "role": "therapist", "name": "New Therapist", "email": "nt@example.org", "password": "a long enough passphrase",
                "therapistEmail": "ta@example.org", "therapist_id": therapistA.id,
            ])
            // check
            #expect(client.status == .seeOther)
            #expect(therapist.status == .seeOther)
            let created = try await app.user("new@example.org")
            #expect(created.id != "chosen-id")
            #expect(created.therapistId == therapistA.id)
            #expect(!created.hasSecondFactor)
            #expect(created.createdAt > 0)
            #expect(created.passwordHash != "$2b$04$forged")
            #expect(try await app.signedIn("new@example.org", password: "a long enough passphrase").get("/").status == .ok)
            // Only clients belong to a therapist, whatever the form says.
            #expect(try await app.user("nt@example.org").therapistId == nil)
        }
    }

    @Test func anUnknownRoleFallsBackToTheLeastPrivilegedOne() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.admin, email: "admin@example.org")
            try await app.createUser(.therapist, email: "ta@example.org")
            let admin = try await app.signedIn("admin@example.org")
            // act
            let response = try await admin.submit(SiteURL.adminUsers.path, fields: [
                "role": "superuser", "name": "Odd", "email": "odd@example.org", "password": "a long enough passphrase",
                "therapistEmail": "ta@example.org",
            ])
            // check
            #expect(response.status == .seeOther)
            #expect(try await app.user("odd@example.org").userRole == .client)
        }
    }
}
