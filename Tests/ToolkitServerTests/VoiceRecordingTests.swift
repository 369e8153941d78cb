import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
import ToolkitCore
@testable import ToolkitServer

/// A therapist's own voice for their guided practice: kept per step in the database, played in
/// practice mode with byte ranges for seeking, heard only by those who may see the item.
@Suite struct VoiceRecordingTests {
    /// Bytes that start the way a browser's WebM recording does.
    static func webm(_ size: Int = 4_000, seed: UInt8 = 7) -> [UInt8] {
        [0x1A, 0x45, 0xDF, 0xA3] + (0..<max(0, size - 4)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) }
    }

    static func upload(_ browser: Browser, item: String, step: Int, _ bytes: [UInt8], token: String,
                       type: String = "audio/webm") async throws -> TestResponse {
        try await browser.send(VoiceViews.uploadPath(item, step: step), method: .post,
                               headers: [.contentType: type, .origin: Browser.origin, .init("X-CSRF-Token")!: token],
                               body: ByteBuffer(bytes: bytes))
    }

    static func setUp(_ app: TestApp) async throws -> (author: Browser, client: Browser, otherTherapist: Browser, otherClient: Browser,
                                                         item: String, token: String) {
        let (author, client, otherTherapist, otherClient) = try await AuthoringTests.setUp(app)
        let item = try await AuthoringTests.write(author, AuthoringTests.practice())
        let page = try await author.get(VoiceViews.pagePath(item))
        #expect(page.status == .ok)
        // only the recording page may use the microphone
        #expect(page.headers[HTTPField.Name("Permissions-Policy")!]?.contains("microphone=(self)") == true)
        #expect(try await author.get(SiteURL.authoredItem(item).path).headers[HTTPField.Name("Permissions-Policy")!]?.contains("microphone=()") == true)
        return (author, client, otherTherapist, otherClient, item, try #require(Browser.csrfToken(in: page.bodyText)))
    }

    @Test func aRecordedStepPlaysInPracticeModeForThoseWhoMaySeeTheItem() async throws {
        try await withApp { app in
            // setup
            let (author, client, otherTherapist, otherClient, item, token) = try await Self.setUp(app)
            let audio = Self.webm()
            // act
            let saved = try await Self.upload(author, item: item, step: 0, audio, token: token)
            // check: kept, and the author's page offers it back
            #expect(saved.status == .created, "\(saved.bodyText)")
            #expect(try await author.get(VoiceViews.pagePath(item)).bodyText.contains("Recorded: 3 KB."))
            // the client's practice mode carries the recording for step 1 only, in place of read-aloud
            let practice = try await client.get(SiteURL.libraryPractice(item).path).bodyText
            #expect(practice.contains("data-audio=\"\(VoiceViews.audioPath(item, step: 0))?v="))
            #expect(practice.components(separatedBy: "data-audio=").count == 2)
            #expect(practice.contains("Play Terry Therapist&#39;s recording of each step") || practice.contains("Play Terry Therapist's recording of each step"))
            // the client hears it whole and in ranges (for seeking)
            let whole = try await client.get(VoiceViews.audioPath(item, step: 0))
            #expect(whole.status == .ok)
            #expect(Array(whole.body.readableBytesView) == audio)
            #expect(whole.headers[.contentType] == "audio/webm" && whole.headers[.acceptRanges] == "bytes")
            #expect(whole.headers[.cacheControl] == "no-store")
            let part = try await client.get(VoiceViews.audioPath(item, step: 0), headers: [.range: "bytes=100-199"])
            #expect(part.status == .partialContent)
            #expect(part.headers[.contentRange] == "bytes 100-199/4000")
            #expect(Array(part.body.readableBytesView) == Array(audio[100...199]))
            #expect(try await client.get(VoiceViews.audioPath(item, step: 0), headers: [.range: "bytes=5000-"]).status == .rangeNotSatisfiable)
            #expect(try await client.get(VoiceViews.audioPath(item, step: 1)).status == .notFound)
            // nobody else hears it
            for browser in [otherTherapist, otherClient, app.browser(address: "198.51.100.90")] {
                #expect(try await browser.get(VoiceViews.audioPath(item, step: 0)).status == .notFound)
            }
            // act: remove it
            let removed = try await author.submit(VoiceViews.uploadPath(item, step: 0) + "/delete", fields: [:], formPage: VoiceViews.pagePath(item))
            #expect(removed.status == .seeOther)
            #expect(try await client.get(VoiceViews.audioPath(item, step: 0)).status == .notFound)
            let actions = try await app.auditTrail().filter { $0.targetId == item }.map(\.action)
            #expect(actions.suffix(2) == ["step-recording.write", "step-recording.delete"])
        }
    }

    @Test func onlyAudioWithinTheLimitFromTheAuthorIsKept() async throws {
        try await withApp { app in
            // setup
            let (author, client, otherTherapist, _, item, token) = try await Self.setUp(app)
            let otherToken = try #require(Browser.csrfToken(in: try await otherTherapist.get(SiteURL.authoredItems.path).bodyText))
            let clientToken = try #require(Browser.csrfToken(in: try await client.get(SiteURL.today.path).bodyText))
            // act and check: not audio, too large, empty, no such step, someone else's item, a client, no token
            let notAudio = try await Self.upload(author, item: item, step: 0, Array("<html><script>alert(1)</script>".utf8), token: token)
            #expect(notAudio.status == .unprocessableContent)
            #expect(notAudio.bodyText.contains("isn't audio this app can play back"))
            let large = try await Self.upload(author, item: item, step: 0, Self.webm(StepRecording.maximumBytes + 1), token: token)
            #expect(large.status == .contentTooLarge)
            #expect(try await Self.upload(author, item: item, step: 0, [], token: token).status == .unprocessableContent)
            #expect(try await Self.upload(author, item: item, step: 2, Self.webm(), token: token).status == .notFound)
            #expect(try await Self.upload(otherTherapist, item: item, step: 0, Self.webm(), token: otherToken).status == .notFound)
            #expect(try await Self.upload(client, item: item, step: 0, Self.webm(), token: clientToken).status == .forbidden)
            #expect(try await Self.upload(author, item: item, step: 0, Self.webm(), token: "forged").status == .forbidden)
            // an item over the usual body limit that is not a recording is still refused
            let big = String(repeating: "x", count: BodyLimitMiddleware.defaultLimit + 10)
            #expect(try await author.post(SiteURL.authoredItemNew.path, form: ["_csrf": token, "title": big]).status == .contentTooLarge)
            // check: nothing kept; an MP3 or WAV is kept as what its bytes say, whatever the header claims
            #expect(try await app.count("step_recordings") == 0)
            let wav = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WAVE".utf8) + [UInt8](repeating: 1, count: 100)
            #expect(try await Self.upload(author, item: item, step: 1, wav, token: token, type: "text/html").status == .created)
            #expect(try await client.get(VoiceViews.audioPath(item, step: 1)).headers[.contentType] == "audio/wav")
        }
    }

    @Test func manyUploadsAtOnceAllLandAndEachStepKeepsOneRecording() async throws {
        try await withApp { app in
            // setup
            let (author, client, _, _, item, token) = try await Self.setUp(app)
            // act: more uploads at the same moment than storage has connections, to both steps
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<ConcurrencyTests.simultaneous {
                    group.addTask {
                        try await Self.upload(author, item: item, step: index % 2, Self.webm(2_000 + index, seed: UInt8(index)), token: token).status.code
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            // check
            #expect(statuses.allSatisfy { $0 == 201 }, "\(statuses.filter { $0 != 201 })")
            #expect(try await app.count("step_recordings") == 2)
            #expect(try await app.auditTrail().filter { $0.action == "step-recording.write" }.count == ConcurrencyTests.simultaneous)
            let heard = try await client.get(VoiceViews.audioPath(item, step: 0))
            #expect(heard.status == .ok && heard.body.readableBytes >= 2_000)
            // deleting the item takes its recordings with it
            _ = try await author.submit(SiteURL.authoredItemDelete(item).path, fields: [:], formPage: SiteURL.authoredItems.path)
            #expect(try await app.count("step_recordings") == 0)
        }
    }
}
