import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Dates read as the person's own clock shows them: guessed from the browser at first sign-in,
/// chosen on the account page, and never a bare UTC once a zone is known.
@Suite struct TimeZoneTests {
    static func signIn(_ app: TestApp, _ email: String, guess: String) async throws -> Browser {
        let browser = app.browser(address: "198.51.100.20")
        let response = try await browser.submit(SiteURL.login.path, fields: ["email": email, "password": TestApp.password, "timeZone": guess],
                                                formPage: SiteURL.login.path)
        #expect(response.status == .seeOther)
        return browser
    }

    @Test func theBrowsersZoneIsTheFirstGuessAndAChoiceIsKept() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            // act
            _ = try await Self.signIn(app, "c@example.org", guess: "Asia/Tokyo")
            let guessed = try await app.user("c@example.org").timeZone
            let client = try await Self.signIn(app, "c@example.org", guess: "America/New_York")
            let afterSecondGuess = try await app.user("c@example.org").timeZone
            let chosen = try await client.submit(SiteURL.accountTimeZone.path, fields: ["timeZone": "Europe/Berlin"], formPage: SiteURL.account.path)
            let account = try await client.get(SiteURL.account.path).bodyText
            // check: a guess never overrides a zone already set; the person's choice does
            #expect(guessed == "Asia/Tokyo")
            #expect(afterSecondGuess == "Asia/Tokyo")
            #expect(chosen.status == .seeOther)
            #expect(try await app.user("c@example.org").timeZone == "Europe/Berlin")
            #expect(account.contains("shown in Europe/Berlin time"))
            #expect(account.contains("<option value=\"Europe/Berlin\" selected=\"selected\">"))
        }
    }

    @Test func anUnknownZoneIsRefusedWithAClearMessageAndAGuessIsIgnored() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            // act
            let client = try await Self.signIn(app, "c@example.org", guess: "Mars/Olympus_Mons")
            let refused = try await client.submit(SiteURL.accountTimeZone.path, fields: ["timeZone": "<script>"], formPage: SiteURL.account.path)
            // check
            #expect(try await app.user("c@example.org").timeZone == nil)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.bodyText.contains("Please choose a time zone from the list"))
            #expect(!refused.bodyText.contains("<script>"))
        }
    }

    @Test func datesOnPagesAreInThePersonsZone() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let utcClient = try await app.signedIn("c@example.org")
            let id = try await JournalTests.write(utcClient, "An entry to date")
            let created = try #require(try await app.services.database.sql.select().column("created_at").from("journal_entries").first())
                .decode(column: "created_at", as: Int64.self)
            let date = Date(timeIntervalSince1970: TimeInterval(created) / 1000)
            let tokyo = try #require(TimeZone(identifier: "Asia/Tokyo"))
            // act
            let before = try await utcClient.get(SiteURL.journalEntry(id).path).bodyText
            try await app.services.accounts.setTimeZone("Asia/Tokyo", for: try await app.user("c@example.org"))
            let after = try await utcClient.get(SiteURL.journalEntry(id).path).bodyText
            // check: without a zone, UTC and says so; with one, that zone's clock and no "UTC"
            #expect(before.contains(DisplayTime.text(date)))
            #expect(DisplayTime.text(date).hasSuffix(" UTC"))
            let local = DisplayTime.$zone.withValue(tokyo) { DisplayTime.text(date) }
            #expect(!local.contains("UTC"))
            #expect(after.contains(local))
            #expect(!after.contains(" UTC<"))
        }
    }

    @Test func theSameMomentReadsAsEachZonesOwnClock() {
        let moment = Date(timeIntervalSince1970: 1_798_761_600) // 2027-01-01 00:00 UTC
        let utc = DisplayTime.text(moment)
        let newYork = DisplayTime.$zone.withValue(TimeZone(identifier: "America/New_York")) { DisplayTime.text(moment) }
        let tokyo = DisplayTime.$zone.withValue(TimeZone(identifier: "Asia/Tokyo")) { DisplayTime.text(moment) }
        #expect(utc.contains("1 Jan 2027") && utc.contains("00:00") && utc.hasSuffix(" UTC"))
        #expect(newYork.contains("31 Dec 2026") && newYork.contains("19:00"))
        #expect(tokyo.contains("1 Jan 2027") && tokyo.contains("09:00"))
    }

    @Test func aPageNotFoundKeepsTheSignedInHeader() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let client = try await app.signedIn("c@example.org")
            // act
            let missing = try await client.get("/nowhere-at-all")
            let missingEntry = try await client.get(SiteURL.journalEntry("no-such-entry").path)
            // check
            for page in [missing, missingEntry] {
                #expect(page.status == .notFound)
                #expect(page.bodyText.contains("Sign out"))
                #expect(page.bodyText.contains(SiteURL.journal.path))
                #expect(page.bodyText.contains("action=\"/logout\""))
            }
        }
    }
}
