import Foundation

/// The context rules: clauses that are kind even though they share words with harsh ones.
extension ThoughtAnalyzer {
    /// A clause about what all people share ("everyone makes mistakes", "nobody's perfect",
    /// "it could happen to anyone") is common humanity, the opposite of harsh self-talk: nothing
    /// in it is highlighted. "Everyone else" is a comparison, not common humanity, and a clause
    /// that turns back to "me" ("everyone gets it except me") does not count.
    static let commonHumanity: [String] = {
        let everyone = oneOf([
            "everyone", "everybody", "anyone", "anybody", "we all", "all of us", "most people", "lots of people",
            "a lot of people", "many people", "so many people", "other people", "plenty of people", "all humans",
            "every human", "every person", "every parent", "every single person", "humans", "people", "we", "each of us",
        ])
        let inBetween = oneOf([
            "sometimes", "also", "occasionally", "at times", "eventually", "still", "really", "has to", "have to", "does",
            "do", "will", "can", "could", "would", "needs to", "need to", "at some point", "i know", "you know", "ever",
            "around me", "in the world", "now and then", "from time to time", "who has ever lived", "on earth",
        ])
        let shared = oneOf([
            "makes?", "made", "mess(?:es)? up", "messed up", "struggles?", "struggled", "fails?", "failed", "slips?",
            "slipped", "stumbles?", "stumbled", "forgets?", "forgot", "needs?", "deserves?", "go(?:es)? through",
            "went through", "learns?", "learned", "learnt", "grows?", "falls?", "fell", "cry", "cries", "hurts?",
            "feels?", "felt", "screws? up", "screwed up", "trips?", "loses?", "worry", "worries", "doubts?", "wonders?",
            "suffers?", "miss(?:es)?", "is human", "are human", "(?:is|are) (?:only |just )?human", "(?:is|are) allowed",
            "(?:is|are) (?:learning|doing (?:their|our) best|struggling|imperfect|fallible|winging it)",
            "(?:was a beginner|were beginners)", "starts?", "(?:has|have|had) (?:bad|off|hard|rough|tough) (?:days|times|moments|weeks)",
            "(?:has|have) (?:struggles|flaws|doubts|regrets|fears|limits|setbacks|hard times|been there)",
            "gets? (?:it wrong|things wrong|scared|tired|overwhelmed|anxious|sad|lost|stuck|hurt|nervous|confused|frustrated|upset|embarrassed|rejected)",
        ])
        let notAboutMe = #"(?![^|]*\b(?:me|my|myself|mine)\b)"#
        return [
            #"\b\#(everyone)(?! else)(?: \#(inBetween)){0,2} \#(shared)\b\#(notAboutMe)"#,
            #"\b(?:no one|nobody|none of us|no human|no person|no parent) (?:is|are|was|can be|gets to be|will ever be) perfect\b"#,
            #"\b(?:no one|nobody|none of us) (?:gets|got|does|can do|can get) (?:it|everything|things) (?:all )?right\b"#,
            #"\b(?:happens|happen|happened|can happen|could happen|would happen|has happened) to (?:everyone|everybody|anyone|anybody|all of us|us all|the best of us|most people|lots of people|other people|so many people)\b"#,
            #"\b(?:anyone|anybody|everyone|everybody|any of us) (?:could|can|would|might) (?:have )?\w+\b\#(notAboutMe)"#,
            #"\blike (?:everyone|everybody|anyone|most people|other people|the rest of us|we all) (?:else|does|do|would|did)\b"#,
            #"\b(?:part of|just|only) being (?:a )?human\b|\bpart of (?:life|learning|growing)\b|\bnot the only one\b|\bwe (?:are|were) all\b"#,
            #"\ba human thing\b|\bthe best of us\b|\bcommon (?:to|for) (?:all|everyone|most people)\b|\bhuman (?:experience|nature)\b"#,
        ]
    }()

    /// A clause that already steps back from the harsh words ("I'm having the thought that I'm
    /// a failure", "I used to call myself stupid", "my critic says I'm useless") is the person
    /// noticing the thought, which is the skill the coach teaches: nothing in it is highlighted.
    static let steppingBack: [String] = [
        #"\b(?:having|have|had|notice|noticing|noticed) the (?:thought|story|feeling|idea)\b"#,
        #"\bthe (?:old )?story (?:that|of)\b"#,
        #"\bused to (?:think|believe|feel|tell myself|call myself|say|see myself)\b"#,
        #"\b(?:stop|stopped|stopping|quit|quitting|no longer|not going to|will not|refuse to|trying not to|try not to|learning not to) (?:telling myself|calling myself|call myself|tell myself|saying|believing|thinking|beating myself)\b"#,
        #"\binstead of (?:calling|telling|saying|thinking|believing)\b"#,
        #"\b(?:inner )?critic (?:says|said|tells|told|whispers|calls|shouts|screams|is saying)\b|\bcritic in my head\b"#,
        #"\b(?:my )?(?:mind|brain|head) (?:says|tells|is telling|keeps telling|likes to tell)\b"#,
        #"\bvoice (?:that |in my head )?(?:says|tells|said|told)\b"#,
        #"\bnot true that\b|\b(?:that|it|this) is not true\b|\b(?:just|only) a thought\b|\bthoughts? (?:is|are) not facts?\b"#,
    ]

    /// Hurt words: a sentence with one of these is harsh enough for an all-or-nothing word in
    /// it to count ("I always mess up", "everyone hates me", "every time I try, I fail"). A
    /// turned-around one ("it isn't my fault") does not count.
    static let hurtWords: String = #"\b"# + oneOf([
        #"mess(?:ed|es|ing)?"#, "wrong", #"fail(?:s|ed|ing|ure|ures)?"#, #"ruin\w*"#, #"hat(?:e|es|ed|ing)"#, #"screw\w*"#,
        "blew", "blow", "blown", #"(?:let|lets|letting) (?:\w+ ){0,2}down"#, #"disappoint\w*"#, "alone", "lonely", "late",
        #"forg(?:et|ets|ot|otten)"#, #"los(?:e|es|t|ing)"#, #"miss(?:es|ed|ing)?"#, #"embarrass\w*"#, #"annoy\w*"#,
        #"upset\w*"#, #"hurt\w*"#, "fault", "mistakes?", #"blam\w*"#, "sick of", "tired of", "fed up", "leaves? (?:me|us)", "left (?:me|out|behind)",
        #"ignor\w*"#, #"laugh(?:s|ed|ing)? at"#, #"judg\w*"#, #"star(?:e|es|ed|ing) at"#, "better than me", "else",
        "find out", "worse", "worst", "badly", "broken?", "breaks", #"gives? up"#, "gave up", "behind", #"waste\w*"#,
        "can not", "could not", "nothing", "weird", "awkward", "rejected", "reject", "pointless", "a burden",
        "too much", "not enough", "never enough", "hopeless", "ugly", "stupid", "useless", "dumb",
    ]) + #"\b"#

    /// Words that turn around a harsh word shortly after them ("not", "never", "no one") and the
    /// small words that may come between ("it does not make you an idiot").
    static let negations: Set<String> = ["not", "never", "no", "nobody", "none", "nothing", "neither", "nor", "hardly", "used"]
    static let wordsBetweenNegationAndHarshWord: Set<String> = [
        "a", "an", "the", "so", "that", "this", "such", "really", "very", "just", "too", "being", "be", "been", "completely",
        "totally", "actually", "even", "at", "all", "i", "me", "you", "am", "are", "is", "was", "were", "make", "makes",
        "made", "making", "mean", "means", "meant", "feel", "feels", "felt", "like", "think", "thinks", "thought", "say", "says", "said", "call", "calls", "called", "it", "one", "to", "of", "someone", "anyone", "ever",
        "necessarily", "automatically", "suddenly", "turn", "turns", "into", "become", "becomes", "prove", "proves", "total",
        "complete", "do", "does", "did", "will", "would", "could", "can", "have", "has", "had", "my", "your", "am", "myself",
        "yourself", "still", "anymore", "longer", "again", "any", "sure", "who", "thinking", "saying",
    ]
}
