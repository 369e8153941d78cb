import Foundation

extension ThoughtAnalyzer {
    /// One way harsh language shows up. The pattern is a regular expression over the words as
    /// `tokens` reads them; its one capture group is the part to highlight.
    struct Rule {
        let kind: ThoughtHighlight.Kind
        let pattern: String
        /// Skip a match that a "not", "never" or "no one" just before it turns around ("I'm not a
        /// failure", "it doesn't make you an idiot", "I used to think I was stupid").
        var checksNegation = false
        /// For words that are everyday on their own ("I always have coffee"): what else the
        /// sentence must hold before they count as harsh.
        var needs: Requirement = .nothing
        let explanations: [String]
    }

    enum Requirement {
        case nothing
        /// A hurt word ("mess", "wrong", "hates", "alone") or another highlight in the sentence.
        case harshSentence
        /// A harsh sentence, or one about me: "nobody likes me", "I never finish anything".
        case harshSentenceOrAboutMe
    }

    /// Most specific first: when two rules highlight the same words, the earlier rule's kind is used.
    static let rules: [Rule] = selfLabelRules + nameCallingRules + demandRules + catastrophisingRules + absolutistRules

    // MARK: Labels on the whole self

    static let selfLabelRules: [Rule] = [
        Rule(kind: .selfLabel, pattern: #"\b(\#(subject) (?:\#(be)|\#(feelLike)) (?:\#(filler) ){0,4}\#(labels))\b"#,
             checksNegation: true, explanations: labelExplanations),
        Rule(kind: .selfLabel, pattern: #"\b(\#(subject) \#(feel) (?:\#(filler) ){0,3}\#(feltLabels))\b"#,
             checksNegation: true, explanations: labelExplanations),
        Rule(kind: .selfLabel, pattern: #"\b(\#(subject) (?:(?:will|would|can|could|am going to|am gonna) )?never (?:be|feel|become|amount to|achieve) (?:\#(filler) ){0,2}(?:(?:\#(enoughAdjectives) )?enough|anything|much|worth (?:anything|much)|loved|lovable|good at anything))\b"#,
             checksNegation: true, explanations: labelExplanations),
        Rule(kind: .selfLabel, pattern: #"\b((?:there is |there was )?something (?:is )?(?:\w+ )?wrong with me|what is wrong with me|why am i like this)\b"#,
             checksNegation: true, explanations: labelExplanations),
        Rule(kind: .selfLabel, pattern: #"\bwish (?:i|you) (?:was|were) not (?:\#(filler) ){0,3}(\#(labels))\b"#,
             explanations: labelExplanations),
        Rule(kind: .selfLabel, pattern: #"\b(\#(subject) (?:do not|does not|did not|will never|never) deserve (?:to be (?:loved|happy|forgiven|cared for|cared about|helped|here)|love|kindness|happiness|anything good|good things|help|friends|nice things|anyone|forgiveness|care|respect|compassion|to feel better))\b"#,
             explanations: labelExplanations),
    ]

    // MARK: Harsh names

    static let nameCallingRules: [Rule] = [
        // "I'm such an idiot", "you're so stupid", "I feel like a loser", "why am I so dumb"
        Rule(kind: .nameCalling, pattern: #"\b(?:\#(subject) (?:\#(be)|\#(feelLike)|\#(feel))|\#(askedSubject)) (?:\#(filler) ){0,4}(\#(harshName))\b"#,
             checksNegation: true, explanations: nameExplanations),
        // "you idiot", "stupid me", "how stupid of me", "my stupid brain"
        Rule(kind: .nameCalling, pattern: #"\bwish (?:i|you) (?:was|were) not (?:\#(filler) ){0,3}(\#(harshName))\b"#,
             explanations: nameExplanations),
        Rule(kind: .nameCalling, pattern: #"\b(?:you|me|myself) ((?:\#(oneOf(nameAdjectives)) ){0,2}\#(oneOf(insultNouns))|(?:\#(oneOf(nameAdjectives)) ){1,2}\#(person))\b"#,
             checksNegation: true, explanations: nameExplanations),
        Rule(kind: .nameCalling, pattern: #"\b(\#(oneOf(nameAdjectives)) me)\b(?! (?:a|an|the|some|to|feel|want)\b)"#,
             checksNegation: true, explanations: nameExplanations),
        Rule(kind: .nameCalling, pattern: #"\b(?:how|so|too) (\#(oneOf(insultAdjectives))) (?:of me|i am|i was|i have been|can i be|could i be|am i|was i)\b"#,
             explanations: nameExplanations),
        Rule(kind: .nameCalling, pattern: #"\bmy (\#(oneOf(insultAdjectives))) (?:brain|body|face|self|head|mouth|thighs|belly|stomach|nose|voice|personality)\b"#,
             checksNegation: true, explanations: nameExplanations),
        Rule(kind: .nameCalling, pattern: #"\bmy (?:brain|body|face|head|personality) (?:is|looks|feels) (?:\#(filler) ){0,2}(\#(oneOf(insultAdjectives)))\b"#,
             checksNegation: true, explanations: nameExplanations),
        // "they called me stupid", "I call myself an idiot", "losers like me", "what an idiot I am"
        Rule(kind: .nameCalling, pattern: #"\b(?:call|calls|called|calling|think of|thought of) (?:myself|me|yourself) (?:\#(filler) ){0,3}(\#(harshName))\b"#,
             checksNegation: true, explanations: nameExplanations),
        Rule(kind: .nameCalling, pattern: #"\b(?:make|made|making|makes) (?:a |such a |an |a complete |a total )?(fool|idiot) (?:out )?of (?:myself|yourself)\b"#,
             checksNegation: true, explanations: nameExplanations),
        Rule(kind: .nameCalling, pattern: #"\b(\#(oneOf(insultNouns))) like (?:me|myself|you)\b"#,
             explanations: nameExplanations),
        Rule(kind: .nameCalling, pattern: #"\bwhat (?:a|an) ((?:\#(oneOf(nameAdjectives)) ){0,2}\#(oneOf(insultNouns)))(?= (?:i am|i was|i have been|you are|lol|haha|lmao|ugh|\|)\b| \||$)"#,
             explanations: nameExplanations),
        // A clause that is only a harsh word: "Stupid, stupid, stupid." "Pathetic." "What a loser."
        Rule(kind: .nameCalling, pattern: #"(?:^|\| )(?:(?:so|such|a|an|just|really|totally|completely|utterly|how|what|you|too|very|fucking|bloody|absolutely) ){0,3}((?:\#(oneOf(nameAdjectives)) ){0,2}\#(oneOf(["stupid", "dumb", "idiotic", "pathetic", "disgusting", "ugly", "hideous", "repulsive", "lazy", "worthless", "useless", "failure", "unlovable"] + insultNouns)))(?= \||$)"#,
             explanations: nameExplanations),
        // Turning hate on oneself: "I hate myself", "I disgust myself", "I'm so ashamed of myself"
        Rule(kind: .nameCalling, pattern: #"\b(\#(subject) (?:hate|loathe|despise|can not stand|disgust|repulse|sicken) (?:myself|yourself|who i am|who you are|everything about (?:me|myself|you|yourself)|the person i am|being me|my (?:body|face|self)))\b"#,
             explanations: selfHateExplanations),
        Rule(kind: .nameCalling, pattern: #"\b(\#(subject) (?:am|are|feel) (?:so |really |just )?(?:disgusted with|disgusted by|ashamed of|sick of) (?:myself|yourself|who i am))\b"#,
             explanations: selfHateExplanations),
    ]

    // MARK: Demands on oneself

    static let demandRules: [Rule] = [
        Rule(kind: .demand, pattern: #"\b(?:i|you)(?: \#(adverb)){0,2} (should)\b(?! (?:not|have)\b)(?! (?:\#(softener) ){0,2}(?:\#(kindAfterShould)|\#(everydayAfterShould))\b)"#,
             explanations: demandExplanations),
        Rule(kind: .demand, pattern: #"\b(?:i|you)(?: \#(adverb)){0,2} (should not|ought not to)\b(?! have\b)(?! (?:\#(softener) ){0,2}(?:\#(kindAfterShouldNot)|\#(kindAfterShould))\b)"#,
             explanations: demandExplanations),
        Rule(kind: .demand, pattern: #"\b(?:i|you)(?: \#(adverb)){0,2} ((?:should|ought)(?: not)?(?: to)? have)\b"#,
             explanations: hindsightExplanations),
        Rule(kind: .demand, pattern: #"\b(?:i|you)(?: \#(adverb)){0,2} (ought to)\b(?! have\b)(?! (?:\#(softener) ){0,2}\#(kindAfterShould)\b)"#,
             explanations: demandExplanations),
        // "I must have left my keys" and "I must be tired" are guesses, not demands.
        Rule(kind: .demand, pattern: #"\b(?:i|you)(?: \#(adverb)){0,2} (must not|must)\b(?! (?:have|be)\b)(?! (?:\#(softener) ){0,2}(?:\#(kindAfterShould)|\#(everydayAfterShould))\b)"#,
             explanations: demandExplanations),
        Rule(kind: .demand, pattern: #"\b(?:i|you)(?: \#(adverb)){0,2} (must) (?=be (?:\#(filler) ){0,2}(?:perfect|better|stronger|more|less|the best|good|happy|fine|okay|ok|able|productive|strong|over|tougher|calm|grateful|thinner|successful|in control|liked|tough|on top)\b)"#,
             explanations: demandExplanations),
        Rule(kind: .demand, pattern: #"\b(?:i|you)(?: \#(adverb)){0,2} (?:am|are|was|were) (?:\#(adverb) )?(supposed to)(?= (?:\#(adverb) )?(?:be|know|have|handle|cope|feel|get|do better|manage|look|stay|keep|understand|remember|achieve|succeed|make it|fix)\b)"#,
             explanations: demandExplanations),
        // "have to" is everyday ("I have to pick up the kids"), so only "have to be ..." counts,
        // and not its idioms ("I have to be honest", "I've got to be the luckiest person alive").
        Rule(kind: .demand, pattern: #"\b(?:i|you)(?: \#(adverb)){0,2} ((?:have|has)(?: got)? to|got to|need to|needs to)(?= be\b| get (?:everything|it all|things|it) (?:right|perfect)\b)(?! be (?:at|in|there|here|home|up|on|back|ready|out|somewhere|careful|quiet|early|late|off|done|asleep|awake|with|around|seen|there|honest|frank|fair|sure|the (?:luckiest|happiest|proudest|funniest|biggest fan))\b)(?! (?:\#(softener) ){0,2}\#(kindAfterShould)\b)"#,
             explanations: demandExplanations),
    ]

    // MARK: Jumping to the worst

    static let catastrophisingRules: [Rule] = [
        Rule(kind: .catastrophising, pattern: #"\b(?:i|you)(?: (?:have|had|am|was|are|will|always|just|completely|totally|really|probably|managed to|somehow|went and|literally|again|basically|officially|now)){0,3} (ruin|ruined|ruins|ruining|wrecked|wreck|wrecks|wrecking|destroyed|destroy|destroys|destroying)\b"#,
             checksNegation: true, explanations: catastropheExplanations),
        Rule(kind: .catastrophising, pattern: #"\b(?:everything|it|it all|this|all|my life|life|the whole (?:thing|day|night|evening|weekend|trip|holiday|party)|all of it|the day|tonight|today|the night|my chances|my career|my future|(?:my|our|the) (?:relationship|marriage|friendship)|everything i have|my reputation) (?:is|was|are|has been|have been|got|is now|will be|would be) (?:\w+ )?(ruined|wrecked|destroyed)\b"#,
             checksNegation: true, explanations: catastropheExplanations),
        Rule(kind: .catastrophising, pattern: #"\b(?:my life|everything|it all|my career|my future|my chances?|(?:my|our|the) (?:relationship|marriage)) (?:is|was|feels) (?:\w+ )?(over)\b"#,
             checksNegation: true, explanations: catastropheExplanations),
        Rule(kind: .catastrophising, pattern: #"\b(?:is|was|are|were|be|been|what|feels like|felt like)(?: a| an)?(?: (?:total|complete|absolute|utter|massive|huge|big|real|whole|major|bloody|fucking))? (disaster|catastrophe|train wreck|trainwreck)\b(?! (?:movie|film|relief|zone|area|recovery|preparedness|plan|kit|management)\b)"#,
             checksNegation: true, explanations: catastropheExplanations),
        Rule(kind: .catastrophising, pattern: #"\b(?:is|was|be|been|am|feels like|felt like) (the worst)\b(?! (?:part |bit )?(?:is|was) (?:over|behind|past|done|gone)\b)(?! (?:case|at)\b)"#,
             checksNegation: true, explanations: catastropheExplanations),
        Rule(kind: .catastrophising, pattern: #"\b(the worst (?:thing|day|night|week|year|mistake|feeling|idea|decision|moment|person|friend|mother|mum|mom|father|dad|parent|partner)) (?:ever|of (?:my|all) (?:life|time)|in the (?:world|history)|imaginable|possible|i have ever)\b"#,
             checksNegation: true, explanations: catastropheExplanations),
        Rule(kind: .catastrophising, pattern: #"\b(can not (?:cope|handle (?:it|this|anything|life|any of (?:this|it)|everything)|take (?:it|this) any ?more|do (?:this|anything|it) any ?more|deal with (?:it|this|anything|life)))\b"#,
             explanations: catastropheExplanations),
        Rule(kind: .catastrophising, pattern: #"\b(?:i am|i was|everything is|everything was|everything|my life is|my life|life is|it is all|it all is|my world is)(?: \w+){0,2} (falling apart|fell apart|falls apart|coming apart|crumbling)\b"#,
             checksNegation: true, explanations: catastropheExplanations),
        Rule(kind: .catastrophising, pattern: #"\b(?:i|you)(?: (?:have|just|completely|totally|basically))* (wasted|thrown away|threw away) (?:my|your) (?:whole |entire )?(?:life|future|chances?|youth|best years)\b"#,
             checksNegation: true, explanations: catastropheExplanations),
        Rule(kind: .catastrophising, pattern: #"\b(?:my life|everything|it all|life|my whole life) (?:is|feels|seems|has become|became|was) (?:a |such a |one )?(?:\w+ )?(mess|nightmare|wreck|mistake|joke|failure|waste)\b"#,
             checksNegation: true, explanations: catastropheExplanations),
        Rule(kind: .catastrophising, pattern: #"\b(the end of the world|the end of everything|beyond repair|can never be (?:fixed|undone|forgiven)|no way back|no coming back from (?:this|it))\b"#,
             checksNegation: true, explanations: catastropheExplanations),
        Rule(kind: .catastrophising, pattern: #"\b(?:it|this|everything|life|my life|things|it all|the situation) (?:is|feels|seems|are|feel|was) (?:\w+ )?(hopeless)\b"#,
             checksNegation: true, explanations: catastropheExplanations),
    ]
}
