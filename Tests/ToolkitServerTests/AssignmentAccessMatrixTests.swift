import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
import ToolkitCore
@testable import ToolkitServer

/// Every assignment route, asked for by everyone who shouldn't have it: another therapist (and
/// the right therapist through a foreign id), the client on therapist routes, another client,
/// an administrator and a visitor. None gets the page, changes anything or sees the note.
@Suite struct AssignmentAccessMatrixTests {
    @Test func onlyTheTherapistAndTheirClientReachAnAssignment() async throws {
        try await withApp { app in
            // setup: t assigns to c; t2 assigns to c2
            let marker = "note-\(UUID().uuidString.prefix(8))"
            let (therapist, _, clientID) = try await AssignmentTests.setUp(app)
            let id = try await AssignmentTests.assign(therapist, clientID: clientID, item: "self-compassion-break", note: "Note \(marker)",
                                                      start: AssignmentTests.today(app))
            try await app.createUser(.therapist, email: "t2@example.org")
            try await app.createUser(.client, email: "c2@example.org", therapist: "t2@example.org")
            try await app.createUser(.client, email: "other@example.org", therapist: "t@example.org")
            try await app.createUser(.admin, email: "a@example.org")
            let secondClient = try await app.user("c2@example.org").id
            let t2 = try await app.signedIn("t2@example.org", address: "198.51.100.50")
            let foreign = try await AssignmentTests.assign(t2, clientID: secondClient, item: "self-compassion-break", note: "Other note",
                                                           start: AssignmentTests.today(app))

            let therapistGets = [SiteURL.clientAssignments(clientID).path, SiteURL.clientAssignment(clientID, id).path, SiteURL.clientProgress(clientID).path]
            let therapistPosts = [SiteURL.clientAssignments(clientID).path, SiteURL.clientAssignment(clientID, id).path,
                                  SiteURL.clientAssignmentEnd(clientID, id).path]
            let clientPosts = [SiteURL.assignmentSetAside(id).path]
            let apiTherapist: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/api/v1/clients/\(clientID)/assignments", nil),
                (.post, "/api/v1/clients/\(clientID)/assignments", #"{"itemId":"self-compassion-break","schedule":{"frequency":"daily","start":"2026-05-04"}}"#),
                (.put, "/api/v1/clients/\(clientID)/assignments/\(id)", #"{"note":"x","schedule":{"frequency":"daily","start":"2026-05-04"}}"#),
                (.post, "/api/v1/clients/\(clientID)/assignments/\(id)/end", nil),
                (.get, "/api/v1/clients/\(clientID)/adherence", nil),
            ]
            let apiClient: [(HTTPRequest.Method, String, String?)] = [(.post, "/api/v1/me/assignments/\(id)/skip", "{}")]

            let people: [(String, String?, Browser)] = [
                ("another therapist", "t2@example.org", t2),
                ("the client", "c@example.org", try await app.signedIn("c@example.org", address: "198.51.100.51")),
                ("another client", "other@example.org", try await app.signedIn("other@example.org", address: "198.51.100.52")),
                ("another therapist's client", "c2@example.org", try await app.signedIn("c2@example.org", address: "198.51.100.53")),
                ("an administrator", "a@example.org", try await app.signedIn("a@example.org", address: "198.51.100.54")),
                ("a visitor", nil, app.browser(address: "198.51.100.55")),
            ]
            let refused: [HTTPResponse.Status] = [.unauthorized, .forbidden, .notFound]
            // act + check
            for (who, email, browser) in people {
                let csrf = Browser.csrfToken(in: try await browser.get(SiteURL.account.path).bodyText) ?? ""
                let token = try await email.asyncMap { try await app.apiToken($0) }
                for path in therapistGets {
                    let answer = try await browser.get(path)
                    #expect(refused.contains(answer.status), "\(who): GET \(path) answered \(answer.status.code)")
                    #expect(!answer.bodyText.contains(marker), "\(who): GET \(path) showed the note")
                }
                for path in therapistPosts + (who == "the client" ? [] : clientPosts) {
                    let answer = try await browser.post(path, form: ["_csrf": csrf, "item": "self-compassion-break", "frequency": "daily",
                                                                     "start": "2026-05-04", "note": "hijack"])
                    #expect(refused.contains(answer.status), "\(who): POST \(path) answered \(answer.status.code)")
                }
                for (method, path, json) in apiTherapist + (who == "the client" ? [] : apiClient) {
                    let answer = try await ConcurrencyTests.call(app, method, path, token: token, json: json)
                    #expect(refused.contains(answer.status), "\(who): \(method) \(path) answered \(answer.status.code)")
                    #expect(!answer.bodyText.contains(marker), "\(who): \(path) showed the note")
                }
                // Their own list never holds someone else's assignment (the client's holds their own).
                guard who != "the client" else { continue }
                let own = try await browser.get(SiteURL.assignments.path)
                #expect(!own.bodyText.contains(marker), "\(who): /assignments showed the note")
                if let token {
                    #expect(!(try await ConcurrencyTests.call(app, .get, "/api/v1/me/assignments", token: token)).bodyText.contains(marker))
                }
            }
            // The right therapist, through the other therapist's assignment or client, gets nothing either.
            let crossed = [SiteURL.clientAssignment(clientID, foreign).path, SiteURL.clientAssignment(secondClient, id).path,
                           SiteURL.clientAssignments(secondClient).path, SiteURL.clientProgress(secondClient).path]
            for path in crossed {
                #expect(try await therapist.get(path).status == .notFound, "GET \(path)")
            }
            let therapistCSRF = try #require(Browser.csrfToken(in: try await therapist.get(SiteURL.account.path).bodyText))
            #expect(try await therapist.post(SiteURL.clientAssignmentEnd(clientID, foreign).path, form: ["_csrf": therapistCSRF]).status == .notFound)
            #expect(try await therapist.post(SiteURL.clientAssignment(clientID, foreign).path,
                                             form: ["_csrf": therapistCSRF, "frequency": "daily", "start": "2026-05-04"]).status == .notFound)
            // check: nothing changed, the refusals were audited
            #expect(try await app.count("assignments") == 2)
            #expect(try await app.count("assignment_skips") == 0)
            let ended = try await app.services.database.sql.raw("SELECT COUNT(*) AS n FROM assignments WHERE ended_on IS NOT NULL")
                .first(decodingColumn: "n", as: Int.self)
            #expect(ended == 0)
            #expect(try await app.auditTrail().contains { $0.action.hasPrefix("assignment.") && $0.outcome == "denied" && $0.subjectUserId == clientID })
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
