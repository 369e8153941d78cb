import Foundation

/// The word lists the rules are built from. Each is a regular-expression alternation over the
/// words as `ThoughtAnalyzer.tokens` reads them: lower case, contractions opened ("i am", "can not").
extension ThoughtAnalyzer {
    static func oneOf(_ words: [String]) -> String { "(?:" + words.joined(separator: "|") + ")" }

    // MARK: Who the words are about

    /// Words that may sit between "I" and its verb ("I really am", "I just feel like").
    static let adverb = oneOf([
        "really", "just", "honestly", "truly", "clearly", "obviously", "probably", "basically", "literally", "still",
        "always", "seriously", "definitely", "genuinely", "actually", "so", "already", "totally", "completely", "also", "only",
    ])
    /// "I" or the "you" of self-talk ("You're such an idiot"), with up to two adverbs.
    static let subject = #"(?:i|you)(?: \#(adverb)){0,2}"#
    static let be = oneOf([
        "am", "are", "was", "were", "must be", "will be", "will always be", "will forever be", "would be", "would always be",
        "have been", "have always been", "have only ever been", "has always been", "am going to be", "am gonna be",
        "have become", "became", "am becoming", "remain", "am being", "was being", "are being", "seem to be",
        "(?:need to|have to|must|should|got to) stop being", "keep being", "am still being",
    ])
    static let feelLike = oneOf([
        "feel like", "felt like", "am feeling like", "look like", "looked like", "sound like", "sounded like",
        "am acting like", "was acting like", "act like", "acted like", "come across as", "came across as", "seem like", "seemed like",
    ])
    static let feel = oneOf(["feel", "felt", "am feeling", "look", "looked", "sound", "sounded", "seem", "seemed"])
    /// "Am I", "are you": the question form, as in "why am I so stupid".
    static let askedSubject = oneOf(["am i", "are you", "was i", "were you"])

    /// Small words that may come between the subject and the harsh word ("I'm such a total ...").
    static let filler = oneOf([
        "so", "such", "a", "an", "the", "just", "really", "very", "completely", "totally", "utterly", "entirely", "absolutely",
        "always", "honestly", "literally", "basically", "actually", "truly", "fundamentally", "deeply", "still", "kind of",
        "sort of", "kinda", "big", "total", "complete", "massive", "huge", "giant", "utter", "absolute", "fucking", "bloody",
        "damn", "pure", "nothing but", "biggest", "most", "officially", "simply", "forever", "now", "pretty", "quite",
        "being", "one", "like", "such a", "little", "too", "and",
    ])

    // MARK: Harsh names

    static let insultAdjectives = [
        "stupid", "dumb", "idiotic", "pathetic", "disgusting", "ugly", "gross", "hideous", "repulsive", "revolting", "fat",
        "lazy", "incompetent", "brainless", "pitiful", "annoying", "selfish", "needy", "boring", "embarrassing", "thick",
    ]
    static let insultNouns = [
        "idiot", "idiots", "moron", "morons", "loser", "losers", "freak", "freaks", "dumbass", "dummy", "fool", "fools",
        "imbecile", "cretin", "screw up", "screwup", "fuck up", "fuckup", "jerk", "twat", "dickhead", "coward", "wimp",
        "slob", "weirdo", "creep", "crybaby", "embarrassment", "disgrace", "waste of space", "waste of oxygen",
        "waste of skin", "waste of air", "piece of (?:shit|crap|garbage|trash|rubbish)",
    ]
    /// Words that may stand before a harsh name and belong to it ("useless idiot", "total loser").
    static let nameAdjectives = insultAdjectives + ["useless", "worthless", "hopeless", "total", "complete", "absolute", "utter", "fucking", "bloody", "big"]
    static let person = oneOf([
        "human being", "person", "human", "friend", "mother", "mum", "mom", "father", "dad", "parent", "partner", "wife",
        "husband", "girlfriend", "boyfriend", "daughter", "son", "sister", "brother", "employee", "worker", "student",
        "teacher", "boss", "colleague", "man", "woman", "girl", "boy", "kid", "child", "adult",
    ])
    /// A harsh name, with the words that sharpen it: "stupid", "useless idiot", "stupid person".
    static let harshName = #"(?:\#(oneOf(nameAdjectives)) ){0,2}\#(oneOf(insultAdjectives + insultNouns))(?: \#(person))?"#

    // MARK: Labels on the whole self

    static let enoughAdjectives = oneOf([
        "good", "smart", "clever", "pretty", "thin", "strong", "talented", "interesting", "attractive", "brave", "successful",
        "lovable", "loveable", "worthy", "kind", "funny", "capable", "qualified", "skilled", "fit", "nice", "hard working",
        "hardworking", "sexy", "cool", "normal", "mature", "grown up", "patient", "productive", "confident", "good looking",
    ])
    static let notEnough = #"(?:not|never|nowhere near) (?:\#(enoughAdjectives) )?enough"#
    static let badAdjective = oneOf([
        "bad", "terrible", "horrible", "awful", "useless", "rubbish", "crap", "shit", "shitty", "lousy", "pathetic",
        "worthless", "failed", "selfish", "toxic", "evil", "disgusting", "hopeless",
    ])
    /// A skill word is a label only about everything ("useless at everything"), not about one
    /// skill ("terrible at names").
    static let notAboutOneSkill = #"(?! (?:at|with|about|in)\b(?! (?:everything|anything|life|being)\b))"#
    static let labels = oneOf([
        "\(badAdjective) \(person)", "worst \(person)", "failure as a \(person)", "failure", "failures", "disappointment", "burden", "mess",
        "fraud", "joke", "letdown", "let down", "lost cause", "hopeless case", "nobody", "liability", "impostor", "imposter",
        #"nothing(?! (?:special|like|to worry|compared))"#, #"problem(?! (?:solver|solving))"#, #"worst(?! (?:at|case)\b)"#,
        "disaster", "worthless", #"broken(?! (?:hearted|up)\b)"#, "unlovable", "unloveable", "unworthy",
        "hopeless\(notAboutOneSkill)", "defective", "damaged", "inadequate", "incapable", "unfixable", "unwanted",
        "unlikeable", "unlikable", "weak(?:est)? link", #"weak(?! (?:after|from|with|today|because)\b)"#, "bad\(notAboutOneSkill)",
        "terrible\(notAboutOneSkill)", "awful\(notAboutOneSkill)", "horrible\(notAboutOneSkill)",
        "useless\(notAboutOneSkill)", "toxic", "evil", "rotten", "beyond (?:help|repair|saving)", "too much", "too needy",
        "too sensitive", "too emotional", "too damaged", "too broken", "too far gone", notEnough, "no good",
        "good for nothing", "not worth (?:it|anything|loving|saving|the effort|the trouble|caring about|knowing|much)",
        "worth nothing", "unbearable", "insufferable", "hateful",
        "not (?:lovable|loveable|likeable|likable|wanted|worthy|worth loving|smart|clever|talented|interesting|attractive|capable)",
        "monster", "hypocrite", "unemployable", "mistake", "mediocre\(notAboutOneSkill)", "taking up space", "not cut out for(?: (?:this|it|anything|life|\\w+ing))?",
    ])
    /// Labels that read as a verdict after "I feel" ("I feel worthless"); "I feel terrible" is a
    /// feeling, not a label, and is left alone.
    static let feltLabels = oneOf([
        "useless", "worthless", "unlovable", "unloveable", "unwanted", "unworthy", "inadequate", #"broken(?! (?:hearted|up)\b)"#,
        "defective", notEnough,
    ])

    // MARK: Kind continuations

    /// What may follow "should" without it being a demand: rest, care, help, kindness.
    static let kindAfterShould = oneOf([
        "rest", "sleep", "nap", "relax", "breathe", "pause", "stretch", "eat", "drink", "slow down", "take care", "look after",
        "take (?:a |some |more )?(?:break|breather|rest|nap|walk|bath|shower|day off|moment|minute|breath|breaths|care|time|it easy|things slow|things easy|it slow|step back|credit|pride)",
        "be (?:proud|gentle|kind|kinder|patient|easy|easier|nice|nicer|softer|compassionate|forgiving|gentler|good to|happy for|pleased|glad|with (?:people|friends|family))",
        "be more (?:gentle|patient|forgiving|compassionate|understanding|kind)", "go easy", "go (?:to bed|outside|for a walk|to sleep|home and rest)",
        "get (?:some )?(?:rest|sleep|help|support|fresh air|outside|a hug)", "ask (?:for help|for support|someone|a friend|for a hug|my)",
        "reach out", "talk to", "call", "text", "see (?:a|my|the|someone|somebody|friends)", "visit", "treat (?:myself|yourself)",
        "forgive", "give (?:myself|yourself)", "let (?:myself|yourself)", "allow (?:myself|yourself)", "celebrate", "thank",
        "enjoy", "remember", "remind", "trust", "listen to", "check in", "cut (?:myself|yourself) some slack",
        "stop (?:being so hard|beating|criticising|criticizing|blaming|judging|putting (?:myself|yourself) down|comparing|calling (?:myself|yourself))",
        "feel proud", "try again", "say no", "have (?:a rest|some fun|a break|a nap|a snack|a cup|something to eat|a treat|a day off)",
        "smile", "laugh", "play", "hug", "come", "join", "watch", "read", "listen", "check out", "try (?:it|this|that|the|some)",
    ])
    /// Everyday phrases that are not demands: "I must admit", "I should be fine after a rest".
    static let everydayAfterShould = oneOf([
        "admit", "say", "confess", "add", "mention", "point out", "warn you", "tell you", "stop by", "drop by",
        "pop (?:in|by|over|round)", "swing by", "pick up", "grab", "buy", "book",
        "be (?:fine|okay|ok|alright|all right|better|ready|done|back|home) (?:after|soon|tomorrow|in a|in an|once|when|if|by (?:then|tomorrow|the weekend))",
    ])

    /// What may follow "should not" kindly: "you shouldn't feel bad about resting".
    static let kindAfterShouldNot = oneOf([
        "feel (?:bad|guilty|ashamed|sorry|embarrassed)", "be (?:so )?(?:hard on|harsh with|ashamed|embarrassed|too hard)",
        "beat (?:myself|yourself) up", "blame (?:myself|yourself)", "(?:have|need) to be perfect", "apologi[sz]e for",
        "compare", "push (?:myself|yourself) (?:so|too) hard", "worry", "suffer", "be alone",
    ])
    /// Words a demand can be softened by before its verb ("should probably just rest").
    static let softener = oneOf(["maybe", "probably", "really", "just", "also", "definitely", "totally", "at least", "try to", "perhaps", "honestly", "actually", "still", "go and"])
}
