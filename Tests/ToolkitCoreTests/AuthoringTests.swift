import Foundation
import Testing
@testable import ToolkitCore

/// Items therapists write: the file format written back out, the editor's input, who may see
/// them, and the library's checks applied to one item.
@Suite struct AuthoringTests {
    let library: ContentLibrary

    init() throws { library = try ContentLibrary.loadBundled() }

    @Test func everyBundledItemWrittenOutReadsBackTheSame() throws {
        for item in library.items {
            // act
            let written = ItemWriter.markdown(item)
            let read = try ItemParser.parse(written, fileName: item.id)
            // check: every part survives, and a second round changes nothing
            #expect(read.title == item.title && read.summary == item.summary && read.kind == item.kind, "\(item.id)")
            #expect(read.steps == item.steps && read.fields == item.fields && read.prompts == item.prompts && read.weeks == item.weeks, "\(item.id)")
            #expect(read.clientText == item.clientText && read.therapistNotes == item.therapistNotes, "\(item.id)")
            #expect(read.evidence == item.evidence && read.safetyLine == item.safetyLine && read.related == item.related, "\(item.id)")
            #expect(read.situations == item.situations && read.keywords == item.keywords && read.components == item.components, "\(item.id)")
            #expect(ItemWriter.markdown(read) == written, "\(item.id)")
        }
    }

    @Test func theEditorRoundTripsAWorksheetAndKeepsQuestionIDs() throws {
        // setup
        let item = try #require(library.item("self-compassion-break-worksheet") ?? library.items.first { !$0.fields.isEmpty })
        // act
        var input = AuthoredItemInput(item)
        input.fields.append(.init(label: "Anything else?"))
        input.fields.append(.init(label: "Anything else?"))
        input.fields.append(.init())
        let rebuilt = input.item(id: "copy-123456", authorship: nil)
        // check: the existing questions keep their ids; new ones get unique ids from their labels; blanks are dropped
        #expect(Array(rebuilt.fields.prefix(item.fields.count)).map(\.id) == item.fields.map(\.id))
        #expect(rebuilt.fields.suffix(2).map(\.id) == ["anything-else", "anything-else-2"])
        #expect(rebuilt.fields.count == item.fields.count + 2)
        #expect(rebuilt.clientText == item.clientText)
    }

    @Test func formProblemsNameTheirField() {
        // setup
        var input = AuthoredItemInput.blank(.guidedPractice)
        input.minutes = "ten"
        input.steps[0] = .init(title: "Rest", text: "Rest a while.", seconds: "-5")
        // act
        let problems = input.problems
        // check
        #expect(problems.map(\.field) == ["minutes", "step-0-seconds"])
        input.minutes = "5"
        input.steps[0].seconds = "30"
        #expect(input.problems.isEmpty)
        input.kind = .program
        #expect(input.problems.map(\.field) == ["kind"])
    }

    @Test func whoSeesATherapistsOwnItem() {
        // setup
        let unpublished = Authorship(authorID: "t1", authorName: "T", published: false)
        let published = Authorship(authorID: "t1", authorName: "T", published: true)
        let author = LibraryViewer(id: "t1", role: .therapist)
        let ownClient = LibraryViewer(id: "c1", role: .client, therapistID: "t1")
        let otherTherapist = LibraryViewer(id: "t2", role: .therapist)
        let otherClient = LibraryViewer(id: "c2", role: .client, therapistID: "t2")
        let clientWithoutTherapist = LibraryViewer(id: "c3", role: .client)
        let admin = LibraryViewer(id: "a1", role: .admin)
        // check
        #expect([author, ownClient, admin].allSatisfy { LibraryViewer.maySee(unpublished, viewer: $0) })
        #expect(![otherTherapist, otherClient, clientWithoutTherapist].contains { LibraryViewer.maySee(unpublished, viewer: $0) })
        #expect(!LibraryViewer.maySee(unpublished, viewer: nil))
        #expect([author, ownClient, admin, otherTherapist, otherClient, clientWithoutTherapist].allSatisfy { LibraryViewer.maySee(published, viewer: $0) })
        #expect(!LibraryViewer.maySee(published, viewer: nil))
        #expect(author.mayEdit(published) && !admin.mayEdit(published) && !otherTherapist.mayEdit(published))
    }

    @Test func theLibrarysChecksApplyToOneItem() throws {
        // setup: a practice step that turns warmth inward without a way to step back, no safety line,
        // a long and difficult text, a citation in the wrong style
        var input = AuthoredItemInput.blank(.guidedPractice)
        input.title = "Kind hands"
        input.summary = "A practice."
        input.components = [.selfKindness]
        input.minutes = "3"
        input.forYou = "Notwithstanding considerable organisational complexity, practitioners frequently experience disproportionate self-evaluative criticism, particularly following interpersonal difficulties."
        input.steps = [.init(title: "Hand on heart", text: "Place a hand on your heart and say kind words to yourself.", seconds: "60")]
        input.evidence = "Neff 2003, Self and Identity"
        // act
        let problems = ContentCheck(library: library).authoredProblems(input.item(id: "kind-hands-123456", authorship: nil))
        // check
        #expect(problems.contains { $0.contains("needs a safety_line") })
        #expect(problems.contains { $0.contains("has no step_back") })
        #expect(problems.contains { $0.contains("reads at grade") })
        #expect(problems.contains { $0.contains("should start with its authors and the year in brackets") })
        #expect(!problems.contains { $0.contains("Therapist notes") || $0.contains("cite at least one source") })
    }

    @Test func slugsAreLowercaseWordsAndDashes() {
        #expect(Slug.make("  Évening wind-down: 5 minutes!  ") == "evening-wind-down-5-minutes")
        #expect(Slug.make("<script>alert(1)</script>") == "script-alert-1-script")
        #expect(Slug.make("!!!") == "")
        #expect(Slug.make(String(repeating: "word ", count: 30), maximumLength: 12) == "word-word-wo")
    }
}

@Suite struct StepRecordingTests {
    @Test func formatsAreReadFromTheBytes() {
        #expect(StepRecording.format(of: [0x1A, 0x45, 0xDF, 0xA3, 1, 2]) == .webm)
        #expect(StepRecording.format(of: Array("OggS".utf8) + [0, 0]) == .ogg)
        #expect(StepRecording.format(of: Array("ID3".utf8) + [4, 0]) == .mpeg)
        #expect(StepRecording.format(of: [0xFF, 0xFB, 0x90, 0x00]) == .mpeg)
        #expect(StepRecording.format(of: [0, 0, 0, 0x20] + Array("ftypM4A ".utf8)) == .mp4)
        #expect(StepRecording.format(of: Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WAVE".utf8)) == .wav)
        #expect(StepRecording.format(of: Array("<html>".utf8)) == nil)
        #expect(StepRecording.format(of: Array("RIFF".utf8) + [0, 0, 0, 0] + Array("AVI ".utf8)) == nil)
        #expect(StepRecording.check([UInt8]()) == .failure(.empty))
        #expect(StepRecording.check([UInt8](repeating: 0xFF, count: StepRecording.maximumBytes + 1)) == .failure(.tooLarge))
    }

    @Test func rangesAreReadAsHTTPDescribesThem() {
        #expect(StepRecording.range("bytes=0-99", length: 1000) == 0...99)
        #expect(StepRecording.range("bytes=900-", length: 1000) == 900...999)
        #expect(StepRecording.range("bytes=-100", length: 1000) == 900...999)
        #expect(StepRecording.range("bytes=-5000", length: 1000) == 0...999)
        #expect(StepRecording.range("bytes=990-2000", length: 1000) == 990...999)
        #expect(StepRecording.range("bytes=1000-", length: 1000) == nil)
        #expect(StepRecording.range("bytes=5-1", length: 1000) == nil)
        #expect(StepRecording.range("bytes=0-1,5-6", length: 1000) == nil)
        #expect(StepRecording.range("items=0-1", length: 1000) == nil)
    }
}
