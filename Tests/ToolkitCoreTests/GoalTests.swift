import Foundation
import Testing
@testable import ToolkitCore

@Suite struct GoalTests {
    static func goal(_ progress: [Goal.Progress], missed: Set<Int> = []) -> Goal {
        Goal(title: "Get back to running", value: "Health", goodEnough: "Twice a week, any pace",
             steps: progress.enumerated().map { .init(id: "s\($0.offset)", text: "Step \($0.offset)", progress: $0.element, missed: missed.contains($0.offset)) })
    }

    @Test func aGoalNeedsATitleAValueAndOneToTwelveSmallSteps() {
        var goal = Goal(title: "  Reply to emails on time ", value: " Meaningful work ",
                        steps: [.init(id: "", text: " Open the inbox "), .init(id: "", text: "   ")])
        let (clean, problems) = goal.validated()
        #expect(problems.isEmpty)
        #expect(clean.title == "Reply to emails on time")
        #expect(clean.value == "Meaningful work")
        #expect(clean.steps.map(\.text) == ["Open the inbox"])

        goal = Goal()
        #expect(Set(goal.validated().problems.map(\.field)) == ["title", "value", "steps"])
        goal = Self.goal(Array(repeating: .notStarted, count: Goal.stepLimit + 1))
        #expect(goal.validated().problems.map(\.field) == ["steps"])
        goal = Self.goal([.notStarted])
        goal.steps[0].text = String(repeating: "x", count: Goal.maximumStepLength + 1)
        #expect(goal.validated().problems.map(\.field) == ["steps"])
        goal = Self.goal([.notStarted])
        goal.goodEnough = String(repeating: "x", count: Goal.maximumGoodEnoughLength + 1)
        #expect(goal.validated().problems.map(\.field) == ["goodEnough"])
        #expect(Self.goal(Array(repeating: .notStarted, count: Goal.stepLimit)).validated().problems.isEmpty)
    }

    @Test func progressReadsAsStepsDoneAndPartlyNeverAPercentage() {
        #expect(Self.goal([.done, .done, .done, .partly, .notStarted]).progressText == "3 of 5 steps, 1 partly")
        #expect(Self.goal([.notStarted, .notStarted]).progressText == "0 of 2 steps")
        #expect(Self.goal([.done]).progressText == "1 of 1 step")
        #expect(!Self.goal([.done, .partly]).progressText.contains("%"))
    }

    @Test func aSetbackReflectionIsOfferedWhenAStepIsMissedOrProgressGoesDown() {
        let before = Self.goal([.done, .partly, .notStarted])
        func after(_ change: Goal.StepChange, _ step: String) -> Goal {
            var goal = before
            let applied = goal.apply(change, toStep: step)
            #expect(applied)
            return goal
        }
        // down: offered
        #expect(Goal.setbackStep(from: before, to: after(.progress(.partly), "s0"))?.id == "s0")
        #expect(Goal.setbackStep(from: before, to: after(.progress(.notStarted), "s1"))?.id == "s1")
        #expect(Goal.setbackStep(from: before, to: after(.missed(true), "s2"))?.id == "s2")
        // up, same, or taking back a miss: not offered
        #expect(Goal.setbackStep(from: before, to: after(.progress(.done), "s1")) == nil)
        #expect(Goal.setbackStep(from: before, to: after(.progress(.partly), "s2")) == nil)
        #expect(Goal.setbackStep(from: before, to: after(.progress(.done), "s0")) == nil)
        let missed = Self.goal([.notStarted], missed: [0])
        var unmissed = missed
        _ = unmissed.apply(.missed(false), toStep: "s0")
        #expect(Goal.setbackStep(from: missed, to: unmissed) == nil)
        #expect(Goal.setbackStep(from: missed, to: missed) == nil)
        var unknown = before
        let appliedToUnknown = unknown.apply(.progress(.done), toStep: "nope")
        #expect(!appliedToUnknown)
    }

    @Test func makingProgressOnAMissedStepClearsTheMiss() {
        var goal = Self.goal([.notStarted], missed: [0])
        _ = goal.apply(.progress(.partly), toStep: "s0")
        #expect(goal.steps[0].missed == false)
        #expect(goal.steps[0].progress == .partly)
    }

    @Test func rewritingTheLadderKeepsProgressAndReflections() {
        var goal = Self.goal([.done, .partly])
        goal.reflections = [SetbackReflection(stepText: "Step 1", friend: "You tried.")]
        let edited = Goal(title: "Run again", value: "Health", goodEnough: "Once a week",
                          steps: [.init(id: "s1", text: "Step one, renamed"), .init(id: "", text: "A new step")])
        var count = 0
        let revised = goal.revised(to: edited) { count += 1; return "new\(count)" }
        #expect(revised.title == "Run again")
        #expect(revised.steps.map(\.id) == ["s1", "new1"])
        #expect(revised.steps.map(\.progress) == [.partly, .notStarted])
        #expect(revised.steps[0].text == "Step one, renamed")
        #expect(revised.reflections.count == 1)
    }

    @Test func aReflectionNeedsSomeWordsAndEachAnswerIsBounded() {
        #expect(!SetbackReflection(whatHappened: "  ").validated().problems.isEmpty)
        #expect(SetbackReflection(friend: " It was a hard week. ").validated().reflection.friend == "It was a hard week.")
        let long = String(repeating: "y", count: SetbackReflection.maximumLength + 1)
        #expect(SetbackReflection(othersToo: long).validated().problems.map(\.field) == ["othersToo"])
    }

    @Test func oldSavedGoalsWithoutNewerFieldsStillOpen() throws {
        let goal = try JSONDecoder().decode(Goal.self, from: Data(#"{"title":"x","steps":[{"id":"a","text":"b","progress":"partly","missed":false}]}"#.utf8))
        #expect(goal.reflections.isEmpty && goal.value.isEmpty)
        #expect(goal.steps[0].progress == .partly)
    }
}
