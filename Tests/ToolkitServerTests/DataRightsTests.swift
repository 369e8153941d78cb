import Foundation
import HummingbirdTesting
import SQLKit
import Testing
@testable import ToolkitServer

/// Checklist 20: people can take all their data with them, and erase their account.
@Suite struct DataRightsTests {
    @Test func aClientExportsEverythingTheyWrote() async throws {
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let client = try await app.signedIn("c@example.org")
            _ = try await client.submit("/safety-plan/edit", fields: ["warningSigns": "first version sign"])
            _ = try await client.submit("/safety-plan/edit", fields: ["warningSigns": "second version sign"])
            _ = try await client.submit("/struggling", fields: ["rating": "6"])
            let export = try await client.get("/account/export")
            #expect(export.status == .ok)
            #expect(export.headers[.contentDisposition]?.contains("attachment") == true)
            #expect(export.headers[.cacheControl] == "no-store")
            struct Export: Decodable {
                struct Version: Decodable { var version: Int }
                struct CheckIn: Decodable { var before: Int }
                var safetyPlanVersions: [Version]
                var distressCheckIns: [CheckIn]
            }
            let decoded = try JSONDecoder().decode(Export.self, from: Data(buffer: export.body))
            #expect(decoded.safetyPlanVersions.map(\.version) == [1, 2])
            #expect(decoded.distressCheckIns.map(\.before) == [6])
            #expect(export.bodyText.contains("first version sign"))
            let printable = try await client.get("/account/export/print")
            #expect(printable.bodyText.contains("second version sign"))
            #expect(try await app.auditTrail().contains { $0.action == "account.export" })
        }
    }

    @Test func theExportCarriesReminderSettingsButNotTheSecretAddress() async throws {
        try await withApp { app in
            // setup: a client with reminders on, and one without
            let client = try await JournalTests.setUp(app)
            let saved = try await RemindersTests.save(client, time: "07:45", days: [1, 3, 6], assignmentDays: true)
            let feedPath = try RemindersTests.feedPath(in: saved.bodyText)
            try await app.createUser(.client, email: "off@example.org", therapist: "t@example.org")
            // act
            let export = try await client.get("/account/export")
            let printable = try await client.get("/account/export/print")
            let other = try await app.signedIn("off@example.org").get("/account/export/print")
            // check
            struct Export: Decodable {
                struct Reminders: Decodable { var time: String; var weekdays: [String]; var alsoOnDaysWithAPlannedPractice: Bool }
                var reminders: Reminders?
            }
            let reminders = try #require(try JSONDecoder().decode(Export.self, from: Data(buffer: export.body)).reminders)
            #expect(reminders.time == "07:45")
            #expect(reminders.weekdays == ["Monday", "Wednesday", "Saturday"])
            #expect(reminders.alsoOnDaysWithAPlannedPractice)
            let token = String(feedPath.dropFirst("/calendar/".count).dropLast(".ics".count))
            #expect(!export.bodyText.contains(token))
            #expect(printable.bodyText.contains("at 07:45 on Monday, Wednesday and Saturday, and on the other days a practice is planned."))
            #expect(!printable.bodyText.contains(token))
            #expect(other.bodyText.contains("Reminders are off."))
        }
    }

    @Test func erasingNeedsThePasswordAndDestroysTheDataKey() async throws {
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            let user = try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let client = try await app.signedIn("c@example.org")
            _ = try await client.submit("/safety-plan/edit", fields: ["warningSigns": "to be erased"])
            let refused = try await client.submit("/account/erase", fields: ["currentPassword": "wrong password", "confirm": "erase"], formPage: "/account")
            #expect(refused.status == .unprocessableContent)
            #expect(try await app.services.accounts.find(id: user.id) != nil)
            let erased = try await client.submit("/account/erase", fields: ["currentPassword": TestApp.password, "confirm": "erase"], formPage: "/account")
            #expect(erased.status == .seeOther)
            #expect(try await app.services.accounts.find(id: user.id) == nil)
            #expect(try await app.services.keys.dataKey(for: user.id, on: app.services.database.sql) == nil)
            #expect(try await app.count("safety_plan_versions") == 0)
            #expect(try await client.get("/account").status == .unauthorized)
        }
    }

    @Test func therapistsCannotEraseThemselves() async throws {
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            let therapist = try await app.signedIn("t@example.org")
            let response = try await therapist.submit("/account/erase", fields: ["currentPassword": TestApp.password, "confirm": "erase"], formPage: "/account")
            #expect(response.status == .forbidden)
            #expect(try await app.services.accounts.find(email: "t@example.org") != nil)
        }
    }
}

@Suite struct AccountPageTests {
    /// Every label must find its own input: the page's forms share field names, never ids.
    @Test func theAccountPageHasNoRepeatedIDs() async throws {
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let page = try await app.signedIn("c@example.org").get("/account").bodyText
            let ids = page.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            #expect(ids.count > 3)
            #expect(Set(ids).count == ids.count, "\(ids)")
        }
    }
}
