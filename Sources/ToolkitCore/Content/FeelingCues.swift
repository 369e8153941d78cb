/// Everyday words people use for how they feel, and the situations they usually point to.
/// Used by search only to suggest fitting items, never to label or diagnose anyone.
enum FeelingCues {
    static let cues: [Situation: [String]] = [
        .afterAMistake: ["mistake", "messed up", "screwed up", "failed", "failure", "blew it", "got it wrong", "fault", "embarrassed", "regret"],
        .harshInnerCritic: ["stupid", "idiot", "useless", "worthless", "hate myself", "not good enough", "pathetic", "loser", "critic", "ashamed", "shame", "disgusted with myself", "angry at myself"],
        .feelingOverwhelmed: ["overwhelmed", "panic", "too much", "falling apart", "cant cope", "breaking down", "spiralling", "spiraling", "freaking out", "out of control"],
        .cantSleep: ["cant sleep", "awake", "insomnia", "sleep", "night", "3am", "bed"],
        .beforeAHardConversation: ["conversation", "confront", "nervous", "talk to", "difficult talk", "interview", "meeting"],
        .afterConflict: ["argument", "fight", "fought", "conflict", "yelled", "shouted", "row"],
        .feelingAlone: ["alone", "lonely", "isolated", "nobody", "no one", "left out", "only one"],
        .anxiousOrWorried: ["anxious", "anxiety", "worried", "worry", "nervous", "scared", "afraid", "dread", "tense"],
        .lowMood: ["sad", "down", "low", "depressed", "hopeless", "empty", "numb", "tired of everything", "crying"],
        .griefAndLoss: ["grief", "grieving", "loss", "lost", "died", "death", "miss"],
        .bodyImage: ["body", "fat", "ugly", "weight", "appearance", "mirror"],
        .perfectionism: ["perfect", "perfectionist", "never enough", "high standards", "procrastinating", "procrastination"],
        .caringForOthers: ["caring", "carer", "caregiver", "burnt out", "burned out", "exhausted", "everyone else"],
    ]
}
