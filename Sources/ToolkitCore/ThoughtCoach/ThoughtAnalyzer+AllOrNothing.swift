import Foundation

/// All-or-nothing words. Most are everyday on their own ("I always have coffee", "it took
/// forever"), so they count only in a harsh sentence: one with a hurt word ("mess", "wrong",
/// "hates", "alone") or another highlight. "Never", "nobody" and "no one" also count in a
/// sentence about me ("nobody likes me", "I never finish anything"). Even then they are left
/// alone in the kind phrases listed after each ("never give up", "always there for me",
/// "completely normal"), after "not" ("not always"), and in a clause about what all people
/// share (see `commonHumanity`). "Nothing" and "anything right" count only in harsh phrases.
extension ThoughtAnalyzer {
    static let absolutistRules: [Rule] = [
        Rule(kind: .absolutist, pattern: #"(?<!not )(?<!can )\b(always)\b(?! (?:be )?\#(kindAfterAlways)\b)"#, needs: .harshSentence, explanations: absolutistExplanations),
        Rule(kind: .absolutist, pattern: #"\b(never)\b(?! (?:ever )?(?:going to |gonna |will )?\#(kindAfterNever)\b)"#, needs: .harshSentenceOrAboutMe, explanations: absolutistExplanations),
        Rule(kind: .absolutist, pattern: #"(?<!not )(?<!kind to )(?<!nice to )(?<!good to )\b(everyone|everybody)\b(?! \#(kindAfterEveryone)\b)"#, needs: .harshSentence, explanations: absolutistExplanations),
        Rule(kind: .absolutist, pattern: #"\b(no one|nobody)\b(?! \#(kindAfterNoOne)\b)"#, needs: .harshSentenceOrAboutMe, explanations: absolutistExplanations),
        Rule(kind: .absolutist, pattern: #"(?<!not )(?<!grateful for )(?<!thankful for )(?<!thanks for )(?<!thank you for )(?<!gave it )(?<!give it )\b(everything)\b(?! \#(kindAfterEverything)\b)"#, needs: .harshSentence, explanations: absolutistExplanations),
        Rule(kind: .absolutist, pattern: #"\b(nothing)\b(?= \#(harshAfterNothing)\b)"#, explanations: absolutistExplanations),
        Rule(kind: .absolutist, pattern: #"\b(?:amount to|amounts to|achieved|achieve|contribute|contributed|offer|good for|worth|i have done|have done|done|accomplished|accomplish|bring|got right|do right) (nothing)\b(?! (?:wrong|to be ashamed)\b)"#, explanations: absolutistExplanations),
        Rule(kind: .absolutist, pattern: #"(?<!not )\b(completely|totally|entirely|utterly)\b(?! \#(kindAfterCompletely)\b)"#, needs: .harshSentence, explanations: absolutistExplanations),
        Rule(kind: .absolutist, pattern: #"(?<!took )(?<!takes )(?<!take )(?<!taking )(?<!taken )\b(forever)\b(?! \#(kindAfterForever)\b)"#, needs: .harshSentence, explanations: absolutistExplanations),
        Rule(kind: .absolutist, pattern: #"(?<!not )\b(every (?:single )?time)\b(?! (?:i (?:practi[cs]e|try again|am kind|rest)|it gets easier|gets easier)\b)"#, needs: .harshSentence, explanations: absolutistExplanations),
        Rule(kind: .absolutist, pattern: #"\b(constantly)\b(?! (?:learning|growing|improving|trying|changing)\b)"#, needs: .harshSentence, explanations: absolutistExplanations),
        Rule(kind: .absolutist, pattern: #"\b(?:not|never) (?:\w+ )?(anything (?:right|properly|well|without (?:mess|screw|ruin|muck|fail|break)\w*))\b"#, explanations: absolutistExplanations),
    ]

    static let kindAfterAlways = oneOf([
        "there", "here", "welcome", "learning", "growing", "room", "another", "tomorrow", "allowed", "worth", "loved", "love",
        "loves", "proud", "grateful", "thankful", "hope", "a next", "a way", "(?:okay|ok|fine|alright) to", "try", "tries",
        "trying", "tried", "(?:do|doing|did) (?:my|your|their|our) best", "have (?:a |another )?(?:choice|chance|hope|room|support|friends|people|tomorrow)",
        "come back", "begin again", "start again", "start over", "get another", "kind", "care", "cared", "cares", "caring",
        "show up", "showed up", "shows up", "support", "supported", "help", "helped", "helps", "forgive", "forgiven",
        "find a way", "has been there", "been there", "been kind", "been good", "making progress", "improving",
        "getting better", "a beginner", "enough", "keep going", "kept going", "get back up", "got back up",
        "bounce back", "bounced back", "pull through", "pulled through", "liked", "safe", "on (?:my|your) side",
        "(?:have|has|had) (?:my|your) back", "be there", "be here", "welcome", "smile", "laugh", "makes? me (?:smile|laugh)",
        "something to be grateful", "learn", "learns", "learned", "learning from", "happy", "glad",
    ])

    static let kindAfterNever = oneOf([
        "too late", "too early", "too old", "alone", "gave up", "give up", "giving up", "given up", "quit", "quits",
        "quitting", "stop trying", "stopped trying", "stops trying", "stop learning", "stopped learning", "wrong to",
        "weak to", "a waste", "truly alone", "really alone", "(?:have|need|needed|had|has|expected) to be perfect",
        "hurts to", "let (?:me|you|us) down", "judged", "judges", "blamed", "blames", "give up on", "gave up on",
        "(?:leave|left) (?:me|you)", "stop caring", "stopped caring", "lose hope", "lost hope", "stop believing",
        "stopped believing", "stop loving", "stopped loving", "wasted", "forget how", "meant to", "mind", "a burden",
        "was a (?:failure|burden)", "were a (?:failure|burden)", "too much to ask", "felt so (?:loved|supported|cared for|calm|safe)",
        "(?:a |too )?(?:bad|weak|wrong|selfish) (?:idea |thing )?to (?:ask|rest|say no)", "miss(?:ed)? a day", "alone in this",
        "a (?:weakness|failure|sign of weakness|mistake to)", "late", "fails", "complains", "thought", "imagined", "dreamed",
        "dreamt", "expected", "regret", "regretted", "be perfect", "(?:have|has|need|needs) to", "been to", "visited",
        "met", "tried (?:it|this|that)", "misses (?:a|an) (?:chance|opportunity)", "forgets to", "lets (?:me|you|us) down",
        "want to (?:be |feel )?(?:cruel|harsh|mean|unkind|hurt)",
    ])

    static let kindAfterEveryone = oneOf([
        "deserves", "needs", "makes", "messes up", "struggles", "fails", "feels", "slips", "stumbles", "forgets", "learns",
        "grows", "starts", "belongs", "matters", "counts", "has value", "can learn", "who loves", "cares",
        "is (?:worthy|welcome|human|allowed|learning|different|doing|struggling|entitled|invited)",
        "has (?:bad|off|hard|their|a|them|struggles|flaws|doubts|regrets|fears)", "gets (?:things wrong|it wrong|scared|tired|overwhelmed|anxious|sad|lost|stuck|nervous)",
        "goes through", "was a beginner", "has to start",
        "(?:is|was|were|has been|have been) (?:so |really |very )?(?:kind|nice|lovely|helpful|supportive|friendly|great|welcoming|patient|gentle|understanding|warm)",
        "else (?:deserves|needs|makes|has bad|struggles)",
    ])

    static let kindAfterNoOne = oneOf([
        "(?:is|was|are|can be|will ever be|gets to be) perfect", "gets (?:it|everything) right", "has it (?:all )?(?:together|figured out)",
        "has everything (?:together|figured out)", "has all the answers", "expects (?:you|me) to be perfect", "expects perfection",
        "can do (?:it all|everything)", "is born knowing", "was born knowing", "could have (?:known|seen|predicted|guessed|stopped)",
        "would have known", "blames (?:you|me)", "is judging", "is keeping score", "is to blame", "was hurt", "got hurt",
        "(?:has|needs) to be perfect", "needs to earn", "deserves(?! me)", "(?:gets|goes|got|went) through (?:life|this|it) without", "deserves to (?:feel|be) (?:alone|like this)", "should (?:have to )?(?:feel|be) alone",
    ])

    static let kindAfterEverything = oneOf([
        "will (?:be|work|turn|pass)", "is (?:going|gonna) to (?:be|work)", "is (?:okay|ok|fine|alright|temporary)", "passes",
        "changes", "is a chance", "(?:i|you|we) (?:could|can|need|have)", "in (?:its|it is) (?:own )?time", "has its",
        "went (?:well|fine|okay)", "(?:is|was) (?:so |really |still )?(?:lovely|beautiful|good|great|wonderful|fine|okay|calm)",
        "feels (?:calm|lighter|better|okay|fine)", "is (?:a|still a) (?:lesson|work in progress)", "has (?:a|its) (?:season|place|time)",
        "looks (?:better|brighter)", "you have done", "you did", "they did", "we did",
    ])

    static let harshAfterNothing = oneOf([
        "i (?:do|did|try|say|make|ever|achieve|touch|am)", "ever", "works", "worked", "(?:goes|went) (?:right|well|my way)", "will (?:ever|change|work|help|get better)",
        "is (?:ever|good|right|going right|working|going to change|going to get better)", "matters", "changes", "helps", "right",
        "good about me", "useful", "to offer", "of value", "of worth", "about me", "left", "makes (?:me|it) better",
    ])

    static let kindAfterCompletely = oneOf([
        "normal", "okay", "ok", "fine", "understandable", "human", "valid", "allowed", "natural", "reasonable", "forgivable",
        "worth", "deserve", "deserved", "deserving", "safe", "new", "doable", "possible", "free", "relaxed", "calm", "happy",
        "proud", "agree", "get it", "understand", "understood", "different", "forgot", "enjoyed", "love", "loved", "recovered",
        "healed", "healthy", "worthy", "enough", "ready", "exhausted", "drained", "in awe", "on board", "fair", "expected",
        "fixable", "recoverable", "acceptable", "alright", "up to you", "yours", "your choice", "my choice", "makes sense",
        "make sense", "wiped out", "spent", "lost in", "absorbed", "immersed", "content", "at peace", "at ease", "rested",
        "support", "supported",
    ])

    static let kindAfterForever = oneOf([
        "grateful", "thankful", "learning", "growing", "changing", "love", "loved", "friends", "young", "home", "in my heart",
        "remember", "proud", "indebted", "yours", "family", "welcome", "safe",
    ])
}
