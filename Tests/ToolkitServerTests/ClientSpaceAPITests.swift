import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import ToolkitCore
@testable import ToolkitServer

/// The JSON API for goals, weekly self-care check-ins, the self-care plan and rituals: the same
/// rules as their pages (only the owner, sealed, audited, strict bodies), and what each kind keeps
/// that the API does not send.
@Suite struct ClientSpaceAPITests {
    static func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.bodyText.utf8)) as? [String: Any])
    }

    struct Client {
        let app: TestApp
        let token: String
        func call(_ method: HTTPRequest.Method, _ path: String, _ json: String? = nil) async throws -> TestResponse {
            try await ConcurrencyTests.call(app, method, path, token: token, json: json)
        }
    }

    static func client(_ app: TestApp, _ email: String = "c@example.org") async throws -> Client {
        Client(app: app, token: try await app.apiToken(email))
    }

    // MARK: Goals

    @Test func aGoalKeepsItsStepIdsAndReflectionsWhenTheAPIRewritesIt() async throws {
        try await withApp { app in
            // setup: a goal written over the API, then a reflection written on its page
            let browser = try await JournalTests.setUp(app)
            let client = try await Self.client(app)
            let created = try await client.call(.post, "/api/v1/me/goals",
                                                #"{"title":"Walk more","value":"Health","steps":[{"text":"Walk to the corner"},{"text":"Walk round the park"}]}"#)
            #expect(created.status == .created)
            let id = try #require(try Self.object(created)["id"] as? String)
            let steps = try #require(try Self.object(created)["steps"] as? [[String: Any]])
            let firstStep = try #require(steps.first?["id"] as? String)
            #expect(!firstStep.isEmpty && steps.count == 2)
            #expect(steps.first?["progress"] as? String == "not-started")
            _ = try await browser.submit(SiteURL.goalReflection(id).path,
                                         fields: ["stepText": "Walk to the corner", "goalTitle": "Walk more", "whatHappened": "It rained.",
                                                  "othersToo": "Rain stops lots of people.", "friend": "Try tomorrow."],
                                         formPage: SiteURL.goalReflection(id).path)
            let reflections = try await app.services.goals.load(id: id, for: try await app.user("c@example.org"), address: nil)?.entry.reflections.count ?? 0
            #expect(reflections == 1)
            // act: the first step kept (by id) and partly done, the second replaced, a third step with an id the goal never had
            let changed = try await client.call(.put, "/api/v1/me/goals/\(id)",
                                                #"{"title":"Walk more","value":"Health","steps":[{"id":"\#(firstStep)","text":"Walk to the corner","progress":"partly"},{"text":"Walk with a friend"},{"id":"made-up","text":"Rest on Sundays"}]}"#)
            // check
            #expect(changed.status == .ok)
            let after = try #require(try Self.object(changed)["steps"] as? [[String: Any]])
            #expect(after.map { $0["text"] as? String } == ["Walk to the corner", "Walk with a friend", "Rest on Sundays"])
            #expect(after[0]["id"] as? String == firstStep)
            #expect(after[0]["progress"] as? String == "partly")
            #expect(after[2]["id"] as? String != "made-up")
            let saved = try #require(try await app.services.goals.load(id: id, for: try await app.user("c@example.org"), address: nil))
            #expect(saved.entry.reflections.count == reflections)
            // refused: a progress the API doesn't know, no steps
            #expect(try await client.call(.put, "/api/v1/me/goals/\(id)",
                                          #"{"title":"Walk","value":"Health","steps":[{"text":"x","progress":"finished"}]}"#).status == .badRequest)
            #expect(try await client.call(.post, "/api/v1/me/goals", #"{"title":"Walk","value":"Health","steps":[]}"#).status == .unprocessableContent)
        }
    }

    // MARK: The practice log

    @Test func aPracticeRecordNamesTheLibrarysPracticeAndKeepsWhenItWasFinished() async throws {
        let clock = TestClock()
        try await withApp(configure: { $0.clock = clock.now }) { app in
            // setup
            _ = try await JournalTests.setUp(app)
            let client = try await Self.client(app)
            let item = try #require(app.services.library.item("affectionate-breathing"))
            // act
            let created = try await client.call(.post, "/api/v1/me/practice-log", #"{"itemID":"affectionate-breathing","minutes":10,"kindnessBefore":3,"kindnessAfter":6}"#)
            // check: the title is the library's, the time is when it was sent
            #expect(created.status == .created)
            let record = try Self.object(created)
            let id = try #require(record["id"] as? String)
            #expect(record["itemTitle"] as? String == item.title)
            let finished = try #require(record["finishedAt"] as? String)
            clock.advance(by: 3 * 60 * 60)
            let changed = try Self.object(try await client.call(.put, "/api/v1/me/practice-log/\(id)", #"{"itemID":"affectionate-breathing","minutes":15}"#))
            #expect(changed["finishedAt"] as? String == finished)
            #expect(changed["minutes"] as? Int == 15 && changed["kindnessBefore"] == nil)
            // refused: a handout is not a practice, an item that isn't there, a title the client makes up
            #expect(try await client.call(.post, "/api/v1/me/practice-log", #"{"itemID":"principles-of-self-compassion","minutes":5}"#).status == .unprocessableContent)
            #expect(try await client.call(.post, "/api/v1/me/practice-log", #"{"itemID":"no-such-practice","minutes":5}"#).status == .unprocessableContent)
            #expect(try await client.call(.post, "/api/v1/me/practice-log", #"{"itemID":"affectionate-breathing","minutes":5,"itemTitle":"Mine"}"#).status == .badRequest)
            #expect(try await client.call(.post, "/api/v1/me/practice-log", #"{"itemID":"affectionate-breathing","minutes":5,"distressAfter":11}"#).status == .unprocessableContent)
            #expect(try await app.count("practice_log_entries") == 1)
        }
    }

    // MARK: Saved worksheets

    @Test func aWorksheetIsSavedFromItsFieldsAndEverySaveIsAVersion() async throws {
        try await withApp { app in
            // setup
            _ = try await JournalTests.setUp(app)
            try await app.createUser(.client, email: "other@example.org", therapist: "t@example.org")
            let client = try await Self.client(app)
            let other = try await Self.client(app, "other@example.org")
            let marker = "SHEET-MARKER-\(UUID().uuidString.prefix(8))"
            let base = "/api/v1/me/worksheets"
            // act
            let created = try await client.call(.post, base, #"{"itemID":"finding-your-own-phrases","status":"draft","answers":{"need-to-hear":"\#(marker)","my-phrases":["May I be kind to myself","This is hard"],"how-they-feel":7}}"#)
            // check: the title is the library's, the answers typed as the fields are
            #expect(created.status == .created)
            let sheet = try Self.object(created)
            let id = try #require(sheet["id"] as? String)
            #expect(sheet["title"] as? String == app.services.library.item("finding-your-own-phrases")?.title)
            #expect(sheet["version"] as? Int == 1 && sheet["status"] as? String == "draft")
            let answers = try #require(sheet["answers"] as? [String: Any])
            #expect(answers["my-phrases"] as? [String] == ["May I be kind to myself", "This is hard"])
            #expect(answers["how-they-feel"] as? Int == 7)
            // a second save is version 2; version 1 is still there
            let second = try Self.object(try await client.call(.put, "\(base)/\(id)", #"{"status":"completed","answers":{"need-to-hear":"Rest is allowed"}}"#))
            #expect(second["version"] as? Int == 2 && second["status"] as? String == "completed")
            let first = try Self.object(try await client.call(.get, "\(base)/\(id)?version=1"))
            #expect((first["answers"] as? [String: Any])?["need-to-hear"] as? String == marker)
            let history = try Self.object(try await client.call(.get, "\(base)/\(id)/versions"))
            #expect((history["worksheets"] as? [[String: Any]])?.compactMap { $0["version"] as? Int }.sorted() == [1, 2])
            let listed = try #require((try Self.object(try await client.call(.get, base))["worksheets"] as? [[String: Any]])?.first)
            #expect(listed["answers"] == nil && listed["id"] as? String == id)
            #expect(try Self.object(try await client.call(.put, "\(base)/\(id)/sharing", #"{"shared":true}"#))["shared"] as? Bool == true)
            #expect(try app.rawDatabaseBytes().range(of: Data(marker.utf8)) == nil)
            // refused: a field the sheet doesn't have, a rating out of range, nothing filled in,
            // a handout, another worksheet on the same sheet, an unknown status, null
            #expect(try await client.call(.post, base, #"{"itemID":"finding-your-own-phrases","status":"draft","answers":{"mood":"x"}}"#).status == .unprocessableContent)
            #expect(try await client.call(.post, base, #"{"itemID":"finding-your-own-phrases","status":"draft","answers":{"how-they-feel":12}}"#).status == .unprocessableContent)
            #expect(try await client.call(.post, base, #"{"itemID":"finding-your-own-phrases","status":"draft","answers":{}}"#).status == .unprocessableContent)
            #expect(try await client.call(.post, base, #"{"itemID":"principles-of-self-compassion","status":"draft","answers":{"a":"b"}}"#).status == .unprocessableContent)
            #expect(try await client.call(.put, "\(base)/\(id)", #"{"itemID":"self-care-plan","status":"draft","answers":{"body":"x"}}"#).status == .unprocessableContent)
            #expect(try await client.call(.post, base, #"{"itemID":"finding-your-own-phrases","status":"done","answers":{"need-to-hear":"x"}}"#).status == .badRequest)
            #expect(try await client.call(.post, base, #"{"itemID":"finding-your-own-phrases","status":"draft","answers":{"need-to-hear":"x"},"shared":true}"#).status == .badRequest)
            #expect(try await client.call(.post, base, #"{"itemID":null,"status":"draft","answers":{"need-to-hear":"x"}}"#).status == .badRequest)
            // nobody else
            #expect(try await other.call(.get, "\(base)/\(id)").status == .notFound)
            #expect(try await other.call(.put, "\(base)/\(id)", #"{"status":"draft","answers":{"need-to-hear":"x"}}"#).status == .notFound)
            #expect(try await other.call(.delete, "\(base)/\(id)").status == .notFound)
            #expect(try await Self.client(app, "t@example.org").call(.get, base).status == .forbidden)
            // delete
            #expect(try await client.call(.delete, "\(base)/\(id)").status == .noContent)
            #expect(try await client.call(.get, "\(base)/\(id)").status == .notFound)
        }
    }

    @Test func manySavesOfOneWorksheetAtOnceAreEachAVersion() async throws {
        try await withApp { app in
            // setup
            _ = try await JournalTests.setUp(app)
            let client = try await Self.client(app)
            let created = try Self.object(try await client.call(.post, "/api/v1/me/worksheets",
                                                                #"{"itemID":"finding-your-own-phrases","status":"draft","answers":{"need-to-hear":"first"}}"#))
            let id = try #require(created["id"] as? String)
            // act
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<40 {
                    group.addTask {
                        try await client.call(.put, "/api/v1/me/worksheets/\(id)", #"{"status":"draft","answers":{"need-to-hear":"save \#(index)"}}"#).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.count == 40 && statuses.allSatisfy { $0 == .ok })
            let history = try Self.object(try await client.call(.get, "/api/v1/me/worksheets/\(id)/versions"))
            #expect((history["worksheets"] as? [[String: Any]])?.compactMap { $0["version"] as? Int }.sorted() == Array(1...41))
        }
    }

    // MARK: Weekly check-ins

    @Test func aCheckInBelongsToTheClientsDayAndAnswersOnlyItsQuestions() async throws {
        try await withApp { app in
            // setup
            _ = try await JournalTests.setUp(app)
            let client = try await Self.client(app)
            let base = "/api/v1/me/self-care-check-ins"
            // act
            let created = try await client.call(.post, base, #"{"answers":{"values":{"rest":"6","what-helped":"A bath\nAn early night"}}}"#)
            // check
            #expect(created.status == .created)
            let body = try Self.object(created)
            let id = try #require(body["id"] as? String)
            let today = ClientCalendar.today(app.services, in: ClientCalendar.calendar(in: TimeZone(identifier: "UTC")!))
            #expect(body["day"] as? String == today.description)
            let values = try #require((body["answers"] as? [String: Any])?["values"] as? [String: String])
            #expect(values == ["rest": "6", "what-helped": "A bath\nAn early night"])
            // a change keeps the day it was written
            let changed = try Self.object(try await client.call(.put, "\(base)/\(id)", #"{"answers":{"values":{"rest":"7"}}}"#))
            #expect(changed["day"] as? String == today.description)
            // refused, each with a sentence: a question it doesn't have, a rating out of range, nothing answered
            let unknown = try await client.call(.post, base, #"{"answers":{"values":{"mood":"fine"}}}"#)
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.bodyText.contains("no question \\\"mood\\\"") || unknown.bodyText.contains("no question"))
            #expect(try await client.call(.post, base, #"{"answers":{"values":{"rest":"11"}}}"#).status == .unprocessableContent)
            #expect(try await client.call(.post, base, #"{"answers":{"values":{}}}"#).status == .unprocessableContent)
            #expect(try await client.call(.post, base, #"{"day":"2020-01-01","answers":{"values":{"rest":"5"}}}"#).status == .badRequest)
            #expect(try await app.count("self_care_check_ins") == 1)
        }
    }

    // MARK: The self-care plan

    @Test func theSelfCarePlanIsWrittenReadSharedAndDeletedByItsOwnerOnly() async throws {
        try await withApp { app in
            // setup
            _ = try await JournalTests.setUp(app)
            try await app.createUser(.client, email: "other@example.org", therapist: "t@example.org")
            let client = try await Self.client(app)
            let other = try await Self.client(app, "other@example.org")
            let therapist = try await Self.client(app, "t@example.org")
            let marker = "PLAN-MARKER-\(UUID().uuidString.prefix(8))"
            let path = "/api/v1/me/self-care-plan"
            #expect(try await client.call(.get, path).status == .notFound)
            // act
            let saved = try await client.call(.put, path, #"{"answers":{"values":{"body":"Walk\n\#(marker)","in-the-way":"Late shifts"}}}"#)
            // check
            #expect(saved.status == .ok)
            let plan = try Self.object(saved)
            #expect(plan["shared"] as? Bool == false)
            #expect(((plan["answers"] as? [String: Any])?["values"] as? [String: String])?["body"] == "Walk\n\(marker)")
            let version = try #require(plan["version"] as? Int)
            let again = try Self.object(try await client.call(.put, path, #"{"answers":{"values":{"body":"Walk"}}}"#))
            #expect(again["version"] as? Int == version + 1)
            #expect(try Self.object(try await client.call(.put, "\(path)/sharing", #"{"shared":true}"#))["shared"] as? Bool == true)
            // sealed at rest
            #expect(try app.rawDatabaseBytes().range(of: Data(marker.utf8)) == nil)
            // refused: a question the plan doesn't have, an unknown property, anyone else
            #expect(try await client.call(.put, path, #"{"answers":{"values":{"mood":"x"}}}"#).status == .unprocessableContent)
            #expect(try await client.call(.put, path, #"{"answers":{"values":{}},"shared":true}"#).status == .badRequest)
            #expect(try await client.call(.put, path, #"{"answers":{"values":{},"extra":1}}"#).status == .badRequest)
            #expect(try await other.call(.get, path).status == .notFound)
            #expect(try await therapist.call(.get, path).status == .forbidden)
            #expect(try await ConcurrencyTests.call(app, .get, path).status == .unauthorized)
            // delete
            #expect(try await client.call(.delete, path).status == .noContent)
            #expect(try await client.call(.get, path).status == .notFound)
            #expect(try await client.call(.delete, path).status == .notFound)
        }
    }

    // MARK: Rituals

    @Test func ritualsAreAddedTickedForTodayOrYesterdayAndPutAside() async throws {
        try await withApp { app in
            // setup
            _ = try await JournalTests.setUp(app)
            let client = try await Self.client(app)
            let other = try await Self.client(app, "t@example.org")
            let today = ClientCalendar.today(app.services, in: ClientCalendar.calendar(in: TimeZone(identifier: "UTC")!))
            let calendar = ClientCalendar.calendar(in: TimeZone(identifier: "UTC")!)
            // act
            let added = try await client.call(.post, "/api/v1/me/rituals", #"{"text":"Three slow breaths at the kettle"}"#)
            // check
            #expect(added.status == .created)
            let id = try #require((try Self.object(added)["rituals"] as? [[String: Any]])?.first?["id"] as? String)
            let ticked = try Self.object(try await client.call(.put, "/api/v1/me/rituals/\(id)/days/\(today)", #"{"done":true}"#))
            #expect(ticked["practiceDays"] as? Int == 1)
            #expect(try await client.call(.put, "/api/v1/me/rituals/\(id)/days/\(today.adding(days: -1, in: calendar))", #"{"done":true}"#).status == .ok)
            let lastWeek = try await client.call(.put, "/api/v1/me/rituals/\(id)/days/\(today.adding(days: -7, in: calendar))", #"{"done":true}"#)
            #expect(lastWeek.status == .unprocessableContent)
            #expect(lastWeek.bodyText.contains("today or yesterday"))
            #expect(try await client.call(.put, "/api/v1/me/rituals/\(id)/days/not-a-day", #"{"done":true}"#).status == .badRequest)
            #expect(try await client.call(.put, "/api/v1/me/rituals/not-a-ritual/days/\(today)", #"{"done":true}"#).status == .notFound)
            #expect(try await client.call(.post, "/api/v1/me/rituals", #"{"text":"   "}"#).status == .unprocessableContent)
            let aside = try Self.object(try await client.call(.put, "/api/v1/me/rituals/\(id)", #"{"retired":true}"#))
            #expect((aside["rituals"] as? [[String: Any]])?.first?["retired"] as? Bool == true)
            #expect(aside["practiceDays"] as? Int == 2)
            #expect(try await other.call(.get, "/api/v1/me/rituals").status == .forbidden)
        }
    }

    // MARK: Many at once

    @Test func moreSimultaneousWritesThanThePoolHasConnectionsAllKeepTheirChange() async throws {
        try await withApp { app in
            // setup: ten rituals and a goal with twelve steps
            _ = try await JournalTests.setUp(app)
            let client = try await Self.client(app)
            var ritualIDs: [String] = []
            for index in 0..<10 {
                let plan = try Self.object(try await client.call(.post, "/api/v1/me/rituals", #"{"text":"Ritual number \#(index)"}"#))
                ritualIDs = (plan["rituals"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
            }
            #expect(ritualIDs.count == 10)
            let today = ClientCalendar.today(app.services, in: ClientCalendar.calendar(in: TimeZone(identifier: "UTC")!))
            // act: every ritual ticked, forty check-ins and the plan saved twenty times, all at once
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for id in ritualIDs {
                    group.addTask { try await client.call(.put, "/api/v1/me/rituals/\(id)/days/\(today)", #"{"done":true}"#).status }
                }
                for index in 0..<40 {
                    group.addTask {
                        try await client.call(.post, "/api/v1/me/self-care-check-ins", #"{"answers":{"values":{"rest":"\#(index % 11)"}}}"#).status
                    }
                }
                for index in 0..<20 {
                    group.addTask {
                        try await client.call(.put, "/api/v1/me/self-care-plan", #"{"answers":{"values":{"body":"Plan \#(index)"}}}"#).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check: nothing refused or lost
            #expect(statuses.count == 70)
            #expect(statuses.allSatisfy { $0 == .ok || $0 == .created })
            let plan = try Self.object(try await client.call(.get, "/api/v1/me/rituals"))
            let ticks = (plan["rituals"] as? [[String: Any]])?.map { ($0["days"] as? [String]) ?? [] } ?? []
            #expect(ticks.count == 10 && ticks.allSatisfy { $0 == [today.description] })
            #expect(try await app.count("self_care_check_ins") == 40)
            #expect(try Self.object(try await client.call(.get, "/api/v1/me/self-care-plan"))["version"] as? Int == 20)
        }
    }
}
