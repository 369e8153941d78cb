import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

@Suite struct AuthenticationTests {
    @Test func signInStartsASessionAndSignOutEndsIt() async throws {
        try await withApp { app in
            // setup
            try await app.createUser(.therapist, email: "t@example.org")
            // act
            let browser = try await app.signedIn("t@example.org")
            let home = try await browser.get("/")
            // check
            #expect(home.status == .ok)
            #expect(home.bodyText.contains("Hello, t"))
            let out = try await browser.submit(SiteURL.logout.path, fields: [:], formPage: "/")
            #expect(out.status == .seeOther)
            let account = try await browser.get(SiteURL.account.path)
            #expect(account.status == .unauthorized)
        }
    }

    @Test func aBearerTokenIsReadFromTheAuthorizationHeaderInAnyCaseOfTheScheme() async throws {
        // setup: a client with a token
        try await withApp { app in
            try await app.createUser(.therapist, email: "t@example.org")
            try await app.createUser(.client, email: "c@example.org", therapist: "t@example.org")
            let token = try await app.apiToken("c@example.org")
            // act: the scheme in several cases, spaces and a tab around the token, and forms that
            // are not a bearer token at all
            func status(_ authorization: String) async throws -> HTTPResponse.Status {
                try await app.client.executeRequest(uri: "/api/v1/me", method: .get,
                                                    headers: [.authorization: authorization], body: nil).status
            }
            // check
            for accepted in ["Bearer \(token)", "bearer \(token)", "BEARER  \(token)\t ", "bEaReR \t\(token)"] {
                #expect(try await status(accepted) == .ok, "\(accepted)")
            }
            for refused in ["Bearer", "Bearer ", "Bearer   ", "Bearer\t\(token)", "Basic \(token)", "Bearerx \(token)",
                            "Bearer \(token)x", token] {
                #expect(try await status(refused) == .unauthorized, "\(refused)")
            }
        }
    }
}
