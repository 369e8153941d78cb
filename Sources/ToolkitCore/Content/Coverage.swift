/// What the library promises to cover, line by line, and the items that cover each line.
/// The content check fails when a line has fewer items than it needs.
public enum Coverage {
    public struct Requirement: Sendable {
        public let line: String
        public let itemIDs: [String]
        public let minimum: Int
    }

    public static let requirements: [Requirement] = [
        .init(line: "Education: what self-compassion is and its principles",
              itemIDs: ["what-is-self-compassion", "principles-of-self-compassion"], minimum: 2),
        .init(line: "Education: the three components and their opposites",
              itemIDs: ["self-kindness-vs-self-judgment", "common-humanity-vs-isolation", "mindfulness-vs-over-identification"], minimum: 3),
        .init(line: "Education: common myths",
              itemIDs: ["self-compassion-myths", "self-compassion-and-motivation"], minimum: 2),
        .init(line: "Education: why the inner critic exists (threat, drive, soothing)",
              itemIDs: ["why-we-have-an-inner-critic", "three-systems-worksheet"], minimum: 2),
        .init(line: "Education: backdraft",
              itemIDs: ["understanding-backdraft", "backdraft-coping-plan"], minimum: 2),
        .init(line: "Exercises: self-compassion breaks (full, one-minute, specific situations)",
              itemIDs: ["self-compassion-break", "one-minute-self-compassion-break", "self-compassion-break-after-a-mistake",
                        "self-compassion-break-for-sleep"], minimum: 3),
        .init(line: "Exercises: loving-kindness (self, others, difficult moment, own phrases)",
              itemIDs: ["loving-kindness-for-yourself", "loving-kindness-for-others", "loving-kindness-for-a-difficult-moment",
                        "finding-your-own-phrases"], minimum: 4),
        .init(line: "Exercises: journaling prompts (processing emotions, reframing self-talk)",
              itemIDs: ["journaling-processing-emotions", "journaling-reframing-self-talk", "journaling-after-a-setback"], minimum: 2),
        .init(line: "Cognitive: catching and reworking self-critical thoughts",
              itemIDs: ["reworking-self-critical-thoughts", "from-critic-to-coach"], minimum: 2),
        .init(line: "Cognitive: role-play for a compassionate voice (friend, chair work, letter)",
              itemIDs: ["how-would-you-treat-a-friend", "compassionate-friend-role-play", "chair-work-dialogue", "compassionate-letter"], minimum: 3),
        .init(line: "Cognitive: reframing failures as shared human experience",
              itemIDs: ["reframing-failure-as-shared-experience", "setbacks-are-human"], minimum: 2),
        .init(line: "Behavioural: self-care planning",
              itemIDs: ["self-care-plan", "weekly-self-care-check-in"], minimum: 2),
        .init(line: "Behavioural: small daily rituals",
              itemIDs: ["daily-rituals-menu", "building-a-daily-ritual"], minimum: 2),
        .init(line: "Behavioural: progress-over-perfection goals",
              itemIDs: ["progress-not-perfection-goals", "small-steps-goal-ladder"], minimum: 2),
        .init(line: "Mindfulness: non-judgmental awareness of emotions",
              itemIDs: ["noticing-emotions-with-kindness", "compassionate-body-scan", "affectionate-breathing"], minimum: 2),
        .init(line: "Mindfulness: observing thoughts without self-blame",
              itemIDs: ["observing-thoughts-as-thoughts", "naming-the-thought"], minimum: 2),
        .init(line: "Crisis: grounding for acute overwhelm",
              itemIDs: ["grounding-5-4-3-2-1", "paced-breathing-longer-exhale", "orienting-to-the-room"], minimum: 2),
        .init(line: "Crisis: calming the inner critic",
              itemIDs: ["calming-the-inner-critic", "when-the-critic-is-loud"], minimum: 2),
        .init(line: "Crisis: calling up a supportive inner voice",
              itemIDs: ["calling-up-your-supportive-voice", "compassionate-self-in-a-storm"], minimum: 2),
        .init(line: "Program: structured self-compassion programs",
              itemIDs: ["eight-week-self-compassion-program", "four-week-introduction-program"], minimum: 2),
        // Round two: the topics a clinical review found missing.
        .init(line: "Shame: what it is and how self-compassion meets it",
              itemIDs: ["understanding-shame", "meeting-shame-with-kindness"], minimum: 2),
        .init(line: "Grief and loss",
              itemIDs: ["grief-and-self-compassion", "a-wave-of-grief", "hard-anniversary-prompts"], minimum: 2),
        .init(line: "Fierce or protective self-compassion: boundaries, saying no, firm motivation",
              itemIDs: ["fierce-self-compassion", "saying-no-with-care"], minimum: 2),
        .init(line: "Relationships and caring for others: equanimity, self-forgiveness",
              itemIDs: ["compassion-with-equanimity", "self-forgiveness-worksheet", "loving-kindness-for-others"], minimum: 2),
        .init(line: "Perfectionism",
              itemIDs: ["perfectionism-and-self-compassion", "good-enough-experiment", "progress-not-perfection-goals"], minimum: 2),
        .init(line: "Body image",
              itemIDs: ["kindness-toward-your-body", "compassionate-body-scan"], minimum: 2),
        .init(line: "Worksheets: the three components, the critic's formulation, core values",
              itemIDs: ["three-components-worksheet", "critic-formulation-worksheet", "core-values-worksheet"], minimum: 3),
        .init(line: "Savouring and gratitude",
              itemIDs: ["savouring-and-gratitude-prompts", "daily-rituals-menu"], minimum: 2),
        .init(line: "Versions for teenagers and for parents",
              itemIDs: ["self-compassion-break-for-teens", "self-compassion-break-for-parents"], minimum: 2),
    ]

    /// Every situation button on the library page must find at least this many items.
    public static let minimumItemsPerSituation = 2
}
