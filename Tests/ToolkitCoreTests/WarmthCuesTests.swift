import Testing
@testable import ToolkitCore

/// The detector finds steps that turn warmth toward oneself, and leaves plain grounding and
/// breathing steps alone.
@Suite struct WarmthCuesTests {
    @Test(arguments: [
        ("Say one kind thing to yourself, like \"This is hard, and I'm doing my best.\"", WarmthCues.Cue.kindWords),
        ("If you like, put a hand on your chest or arm. Say \"I've got you.\"", .soothingTouch),
        ("Cross your arms and hold your upper arms, like a soft hug.", .soothingTouch),
        ("Slowly offer yourself a few wishes. \"May I be gentle with myself right now.\"", .kindWishes),
        ("Imagine they know what you are going through. What would they say to you?", .supportiveVoice),
        ("Now turn toward a kinder, steadier voice.", .supportiveVoice),
        ("Let each in-breath bring in a little warmth for yourself.", .kindWords),
        ("Think of someone who is kind to you, and picture them near you.", .supportiveVoice),
        ("Write a compassionate letter, as a good friend would write it.", .compassionateLetter),
        ("Write a letter to yourself from someone who accepts you as you are.", .compassionateLetter),
        ("Speak to yourself as you would to a tired friend: \"You did what you could today.\"", .kindWords),
    ])
    func stepsThatTurnWarmthInwardAreFound(text: String, expected: WarmthCues.Cue) {
        #expect(WarmthCues.cue(in: text) == expected)
        #expect(WarmthCues.turnsWarmthInward(text))
    }

    @Test(arguments: [
        "Stop. Feel your feet on the floor. Let out one long, slow breath.",
        "Breathe in through your nose for 4. Breathe out slowly for 6, as if you are blowing on hot soup.",
        "Look around. Find five things you can see. Say them in your head or out loud.",
        "Find four things you can touch or feel. Notice if each is soft or hard, warm or cool.",
        "Tell yourself where you are and when it is. \"I'm in my kitchen. It's Tuesday night.\" If it is true, add: \"I'm safe right now.\"",
        "Hold a cold drink, or wrap your hands around a warm mug. Notice the feeling on your skin.",
        "Say to yourself: \"This is the critic.\" It is a voice in your mind.",
        "Lie on your side, and give yourself a moment to arrive. Notice what kind of sound the fan makes.",
    ])
    func plainGroundingAndBreathingStepsAreNot(text: String) {
        #expect(WarmthCues.cue(in: text) == nil)
    }

    @Test func curlyQuotesAndLineBreaksDoNotHideACue() {
        #expect(WarmthCues.cue(in: "Say \u{201C}I\u{2019}ve got\nyou\u{201D} once more.") == .kindWords)
        #expect(WarmthCues.cue(in: "MAY I BE AT EASE") == .kindWishes)
    }

    @Test func aStepIsReadWithItsTitle() {
        let step = PracticeStep(title: "A kind word", text: "Take one breath. Then go on with your day.")
        #expect(step.warmthCue == .kindWords)
        #expect(step.turnsWarmthInward)
        #expect(!PracticeStep(title: "Look around", text: "Name three things you can see.").turnsWarmthInward)
    }

    @Test func noStepOfTheShippedGroundingExercisesTurnsWarmthInward() throws {
        // Grounding is about the room and the senses; a cue here would mean the detector misfires.
        let library = try ContentLibrary.loadBundled()
        let grounding = library.items.filter { $0.kind == .grounding }
        #expect(grounding.count >= 3)
        for item in grounding {
            for step in item.steps {
                #expect(!step.turnsWarmthInward, "\(item.id): '\(step.title)' reads as \(step.warmthCue?.rawValue ?? "")")
            }
        }
    }
}
