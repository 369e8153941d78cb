import Foundation
import Testing
@testable import ToolkitCore

@Suite struct WorksheetAnswersTests {
    static let fields: [WorksheetField] = [
        WorksheetField(id: "name-it", type: .shortText, label: "Name it"),
        WorksheetField(id: "story", type: .longText, label: "What happened"),
        WorksheetField(id: "size", type: .rating, label: "How big"),
        WorksheetField(id: "helps", type: .list, label: "What helps"),
        WorksheetField(id: "voice", type: .choice, label: "Which voice", options: ["Critic", "Coach"]),
    ]

    static func build(_ values: [String: String]) -> (answers: WorksheetAnswers, problems: [WorksheetAnswers.Problem]) {
        WorksheetSubmission.answers(from: values, fields: fields)
    }

    @Test func everyTypeOfFieldBecomesItsAnswer() {
        let (answers, problems) = Self.build([
            "name-it": "  A hard meeting ", "story": "\r\nFirst line\r\n\r\n  second line\r\n", "size": " 7 ",
            "helps": "walk\r\n\r\n  tea  \n", "voice": "Coach", "not-a-field": "ignored",
        ])
        #expect(problems.isEmpty)
        #expect(answers["name-it"] == .text("A hard meeting"))
        #expect(answers["story"] == .text("First line\n\n  second line"))
        #expect(answers["size"] == .rating(7))
        #expect(answers["helps"] == .list(["walk", "tea"]))
        #expect(answers["voice"] == .text("Coach"))
        #expect(answers["not-a-field"] == nil)
    }

    @Test func emptyFieldsStayUnansweredButAnEmptySheetIsNotSaved() {
        let partly = Self.build(["name-it": "Only this", "story": "   ", "size": "", "helps": "\n\n"])
        #expect(partly.problems.isEmpty)
        #expect(partly.answers.values.keys.sorted() == ["name-it"])
        let empty = Self.build(["story": "  "])
        #expect(empty.problems.map(\.field) == ["name-it"])
    }

    @Test func aRatingMustBeAWholeNumberFromZeroToTen() {
        for good in ["0", "10", "5"] { #expect(Self.build(["size": good]).problems.isEmpty, "\(good)") }
        for bad in ["11", "-1", "seven", "7.5"] {
            let problems = Self.build(["size": bad]).problems
            #expect(problems.map(\.field) == ["size"], "\(bad)")
            #expect(problems.first?.message.contains("0 to 10") == true)
        }
    }

    @Test func aChoiceMustBeOneOfTheOptions() {
        #expect(Self.build(["voice": "Critic"]).problems.isEmpty)
        #expect(Self.build(["voice": "Someone else"]).problems.map(\.field) == ["voice"])
    }

    @Test func lengthsAreLimitedByTypeOfField() {
        let limits = WorksheetAnswers.Limits.self
        #expect(Self.build(["name-it": String(repeating: "a", count: limits.shortText)]).problems.isEmpty)
        #expect(Self.build(["name-it": String(repeating: "a", count: limits.shortText + 1)]).problems.map(\.field) == ["name-it"])
        #expect(Self.build(["story": String(repeating: "b", count: limits.longText)]).problems.isEmpty)
        #expect(Self.build(["story": String(repeating: "b", count: limits.longText + 1)]).problems.map(\.field) == ["story"])
        let manyLines = (0...limits.listItems).map { "line \($0)" }.joined(separator: "\n")
        #expect(Self.build(["helps": manyLines]).problems.map(\.field) == ["helps"])
        #expect(Self.build(["helps": "ok\n" + String(repeating: "c", count: limits.listItemLength + 1)]).problems.map(\.field) == ["helps"])
    }

    @Test func controlCharactersAreRefusedButEmojiAndLineBreaksAreKept() {
        #expect(Self.build(["name-it": "bell\u{07}"]).problems.map(\.field) == ["name-it"])
        #expect(Self.build(["name-it": "one\ntwo"]).problems.map(\.field) == ["name-it"])
        let family = "Us 👨‍👩‍👧 together\nand\ttabs"
        let kept = Self.build(["story": family])
        #expect(kept.problems.isEmpty)
        #expect(kept.answers["story"] == .text(family))
    }

    @Test func storedAnswersAreCheckedAgainstTheFieldsTheyBelongTo() {
        let answers = WorksheetAnswers(["size": .text("seven"), "voice": .rating(3), "elsewhere": .text("x"), "helps": .list(["a"])])
        let fields = Set(answers.problems(against: Self.fields).map(\.field))
        #expect(fields == ["size", "voice", "elsewhere"])
    }

    @Test func answersRoundTripThroughJSONAndBackIntoTheForm() throws {
        let (answers, _) = Self.build(["name-it": "12", "size": "3", "helps": "a\nb", "voice": "Critic"])
        let json = try JSONEncoder().encode(answers)
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"size\":3"))
        #expect(text.contains("\"name-it\":\"12\""))
        #expect(try JSONDecoder().decode(WorksheetAnswers.self, from: json) == answers)
        let form = WorksheetSubmission.formValues(of: answers)
        #expect(form == ["name-it": "12", "size": "3", "helps": "a\nb", "voice": "Critic"])
        #expect(WorksheetSubmission.answers(from: form, fields: Self.fields).answers == answers)
    }

    @Test func theStatusComesFromTheButtonPressedAndDefaultsToADraft() {
        #expect(WorksheetStatus(formValue: "completed") == .completed)
        #expect(WorksheetStatus(formValue: "draft") == .draft)
        #expect(WorksheetStatus(formValue: "") == .draft)
    }

    @Test func everyLibraryWorksheetCanBeFilledFromItsOwnFields() throws {
        let library = try ContentLibrary.loadBundled()
        let worksheets = library.items.filter { !$0.fields.isEmpty }
        #expect(worksheets.count >= 10)
        for item in worksheets {
            var values: [String: String] = [:]
            for field in item.fields {
                switch field.type {
                case .rating: values[field.id] = "4"
                case .choice: values[field.id] = field.options?.last ?? ""
                case .list: values[field.id] = "one\ntwo"
                case .shortText, .longText: values[field.id] = "Written for \(field.id)"
                }
            }
            let (answers, problems) = WorksheetSubmission.answers(from: values, fields: item.fields)
            #expect(problems.isEmpty, "\(item.id): \(problems)")
            #expect(answers.values.count == item.fields.count, "\(item.id)")
        }
    }
}
