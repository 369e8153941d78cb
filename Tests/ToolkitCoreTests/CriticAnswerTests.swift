import Testing
import ToolkitCore

@Suite struct CriticAnswerTests {
    @Test func theCriticsWordsAreNeededAndTheAnswerCanWait() {
        #expect(CriticAnswer(critic: "  ", answer: "kind").validated().problems.map(\.field) == ["critic"])
        let waiting = CriticAnswer(critic: " You failed again \r\n", answer: "").validated()
        #expect(waiting.problems.isEmpty)
        #expect(waiting.line.critic == "You failed again")
        #expect(!waiting.line.isAnswered)
    }

    @Test func overlongLinesSayHowLongTheyAre() {
        let critic = String(repeating: "a", count: CriticAnswer.maximumCriticLength + 1)
        let answer = String(repeating: "b", count: CriticAnswer.maximumAnswerLength + 1)
        let problems = CriticAnswer(critic: critic, answer: answer).validated().problems
        #expect(problems.map(\.field) == ["critic", "answer"])
        #expect(problems[0].message.contains("\(CriticAnswer.maximumCriticLength + 1)"))
    }

    @Test func theScriptKeepsOnlyAnsweredLinesInOrder() {
        let lines = [CriticAnswer(critic: "one", answer: "a"), CriticAnswer(critic: "two"), CriticAnswer(critic: "three", answer: "c")]
        #expect(CriticAnswer.script(lines).map(\.critic) == ["one", "three"])
    }
}
