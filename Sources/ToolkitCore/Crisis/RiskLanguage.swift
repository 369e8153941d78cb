import Foundation

/// Hears risk language (suicide, self-harm, wanting to die) in what a person types, so the app
/// can answer with the crisis lines and their safety plan before anything else.
///
/// It is a calm, deterministic list, not a diagnosis: it errs towards showing support, and the
/// support it shows is the same crisis lines that are on every page. It reads text the way
/// people type on a phone: any case, apostrophes left out ("cant go on"), "my self" for
/// "myself", numbers for letters ("su1cide"), and common misspellings of "suicide".
public enum RiskLanguage {
    /// Whether the text contains risk language.
    public static func detects(_ text: String) -> Bool {
        let normalized = normalize(text)
        guard !normalized.isEmpty else { return false }
        if normalized.split(separator: " ").contains(where: { isRiskWord(String($0)) }) { return true }
        let range = NSRange(normalized.startIndex..., in: normalized)
        return patterns.contains { $0.firstMatch(in: normalized, range: range) != nil }
    }

    /// Lower case, apostrophes dropped, everything that isn't a letter or digit turned into a
    /// single space, and digits inside words read as the letters they stand in for.
    public static func normalize(_ text: String) -> String {
        let lowered = text.lowercased()
            .replacingOccurrences(of: "'", with: "").replacingOccurrences(of: "\u{2019}", with: "")
            .replacingOccurrences(of: "\u{2018}", with: "")
        var cleaned = ""
        for scalar in lowered.unicodeScalars {
            if CharacterSet.alphanumerics.contains(scalar) || scalar == "@" || scalar == "$" {
                cleaned.unicodeScalars.append(scalar)
            } else {
                cleaned.append(" ")
            }
        }
        return cleaned.split(separator: " ").map { deLeet(String($0)) }.joined(separator: " ")
    }

    /// "su1c1de" reads as "suicide"; a plain number stays a number.
    static func deLeet(_ word: String) -> String {
        guard word.contains(where: \.isLetter) else { return word }
        let map: [Character: Character] = ["1": "i", "3": "e", "0": "o", "4": "a", "5": "s", "@": "a", "$": "s", "7": "t"]
        return String(word.map { map[$0] ?? $0 })
    }

    /// Single words that are risk language on their own.
    static let riskWords: Set<String> = [
        "kms", "suicide", "suicidal", "suicides", "unalive", "unalived", "unaliving", "unaliveing",
        "selfharm", "selfharming", "selfharmed", "selfinjury", "overdose", "overdosing", "overdosed",
    ]

    /// Misspellings of "suicide" and "suicidal" are caught by their closeness to these.
    static let suicideForms = ["suicide", "suicidal", "suicides"]

    static func isRiskWord(_ word: String) -> Bool {
        if riskWords.contains(word) || word.hasPrefix("suicid") || word.hasPrefix("unaliv") || word.hasPrefix("selfharm") { return true }
        guard (5...10).contains(word.count), word.first == "s" else { return false }
        return suicideForms.contains { editDistance(word, $0) <= 1 } || misspelledSuicide.contains(word)
    }

    /// Misspellings two edits away that are still plainly "suicide".
    static let misspelledSuicide: Set<String> = ["sucide", "suacide", "suiside", "suiscide", "sucidal", "suiscidal", "suisidal", "sooicide", "suiceide", "sewerslide"]

    /// Phrases, written as regular expressions over normalized text (see `normalize`).
    /// `self` accepts "myself" and "my self"; reflexives cover talking about someone else.
    public static let phrases: [String] = {
        let reflexive = #"(my ?self|him ?self|her ?self|them ?selves|them ?self|your ?self)\b"#
        return [
            // Suicide and wanting to die
            #"\bkill(ing|ed|s)? \#(reflexive)"#,
            #"\b(end|ending|ended) (it all|everything|my (own )?life|(his|her|their) (own )?life)\b"#,
            #"\bend (it|things) (tonight|today|now|for good|forever)\b"#,
            #"\b(take|taking|took) (my|his|her|their) (own )?life\b"#,
            #"\b(want|wanted|wanting|wanna|ready|plan|planning|trying|deserve) (to )?die\b"#,
            #"\bwish (i|he|she|they) (was|were|had|could be) (dead|never born|gone)\b"#,
            #"\bwish i (wasnt|werent|was not|were not) (alive|here|born|around)\b"#,
            #"\b(better|easier) off (dead|without me|if i (was|were|wasnt|werent) (gone|dead|here|around|alive))\b"#,
            #"\b(rather|prefer to) (be dead|not be alive|not exist|not be here)\b"#,
            #"\b(dont|do not|didnt|never) (want|wanna|wish) to (live|be alive|exist|be here anymore|go on living|keep living)\b"#,
            #"\bnot (want|wanting|wanna) to (live|be alive|exist)\b"#,
            #"\b(hope|hoping|wish|wishing|pray|praying|want|wanna)\b[^.]{0,30}\b(never|not|dont|wont) wake up\b"#,
            #"\bnever wake up again\b"#,
            #"\b(disappear|vanish|be gone) (forever|for good|permanently)\b"#,
            #"\b(no|nothing|no more) (reason|reasons|point) (to|in|for) (live|living|life|being alive|going on|keep living|keep going)\b"#,
            #"\bnothing (left )?to live for\b"#,
            #"\b(life|living) (is|isnt|is not|feels|aint) (not |no longer |never )?worth (it|living)\b"#,
            #"\bnot worth living\b"#,
            #"\b(cant|cannot|can not|couldnt) (go on|carry on|live like this|take it anymore)\b"#,
            #"\b(tired|sick) of (living|being alive|life|existing)\b"#,
            #"\b(done|finished) with (life|living|being alive)\b"#,
            #"\bgive up on (life|living)\b"#,
            #"\bsewer slide\b"#,
            #"\b(wants|wanted|wanting) to die\b"#,
            #"\bi (should|might as well|may as well|deserve to) (just )?die\b"#,
            #"\b(going to|gonna|want to|wanna|ready to|about to|plan to|planning to|decided to) end it\b"#,
            #"\b(what is|whats|what s) the point (of|in) (living|life|being alive|going on|carrying on|existing)\b"#,
            #"\bbetter (off )?without me\b"#,
            #"\b(nobody|no one|noone|no body) (would|will|d) (miss|care about|notice) (me|if i)\b"#,
            #"\bstop (living|existing|being alive)\b"#,
            #"\b(except|but|other than|only) (by )?(dying|death|to die)\b"#,
            #"\bonly way out\b"#,
            #"\b(been|started|start|stopped|stop|keep|kept|relapsed|relapse)( \w+)? cutting\b(?! (back|down|out|costs|corners|class|ties|hair|carbs|sugar|it|the|a|my hair|onions|grass|wood))"#,
            #"\bcutting again\b"#,
            // Slang and softer words for the same thing
            #"\b(top|topping|topped|tops|off|offing|offed) \#(reflexive)"#,
            #"\b(end|ending|ended) (it|things)\b(?! (with|between|off|on a|on good|early|there|here|at|for now|properly))"#,
            #"\b(want|wanna|wish|wished|wishing) (to be|i was|i were|i could be) (dead|gone for good|gone forever)\b"#,
            #"\b(ways?|how|methods?) to (die|kill (my ?self|yourself)|end (my|your) life|commit suicide)\b"#,
            #"\b(least painful|painless|quickest|easiest) way (to die|to go|out)\b"#,
            #"\b(die|dying) in my sleep\b"#,
            #"\b(sleep|asleep) (forever|and never wake)\b"#,
            #"\b(better|happier|easier|fine) (off )?(if i (wasnt|werent|was not|were not|was gone|were gone|was dead|were dead|died|didnt exist|wasnt here|wasnt around)|without me|not existing|not being here)\b"#,
            #"\bif i (was|were|am|wasnt|werent) (dead|gone for good|never born)\b"#,
            #"\bpoint (in|of) (living|being alive|going on|existing|carrying on)\b"#,
            #"\bgoodbye (note|notes|letter|letters|message|messages|post)\b"#,
            #"\bsuicide (note|notes|letter|hotline|helpline|line|prevention)\b"#,
            #"\bwont (need|be needing) (them|it|anything|my things) (soon|anymore|much longer|where im going)\b"#,
            #"\bwont be (around|here|alive) (much longer|for long|soon|anymore|tomorrow|next week)\b"#,
            #"\b(crash|crashing|crashed|drive|driving|drove|steer|steering) .{0,25}\b(on purpose|into (a|the) (wall|tree|river|sea|oncoming))"#,
            #"\b(took|take|taking|swallowed|swallow|swallowing) (too many|a lot of|loads of|lots of|all (my|the|of my)) (pills|tablets|paracetamol|painkillers|meds|medication|sleeping pills|antidepressants)"#,
            #"\b(walk|walking|swim|swimming|go|going) (into|out into) the (sea|ocean|river|lake|water)\b"#,
            #"\band (never|not) (come|coming) back\b"#,
            #"\b(hit|hitting|punch|punching|bang|banging|slap|slapping|bite|biting|scratch|scratching) \#(reflexive)"#,
            #"\bbang(ing|ed)? my head (on|against)\b"#,
            #"\b(sh|self harm|selfharm|cutting|cut|harm) urges?\b"#,
            #"\burges? to (cut|hurt|harm|burn|die|self harm|kill|end)\b"#,
            #"\bcut again\b"#,
            #"\bcuts (on|all over|up and down) (my|his|her|their) (arm|arms|wrist|wrists|leg|legs|thigh|thighs|body|stomach|skin)\b"#,
            #"\bhid(e|es|ing|den)? (my |the |her |his |their )?(cuts|scars|self harm)\b"#,
            #"\b(razor|razors|blades|razor blades) (hidden|hid|under)\b|\bhidden (razor|razors|blades)\b"#,
            #"\b(dying|death|being dead) (feels|would feel|would be|sounds|seems) (like )?(a )?(relief|peaceful|easier|better)\b"#,
            #"\bstop (permanently|forever|for good)\b"#,
            #"\bout of (life|this life|existence)\b"#,
            #"\bsamaritans\b|\bcrisis (line|text line|hotline)\b|\b988\b"#,
            // Methods, named plainly by people at risk
            #"\b(hang|hanging|hanged|hung) \#(reflexive)"#,
            #"\b(jump|jumping|jumped) (off|from|in front of) (a |the |my |our )?(bridge|roof|building|cliff|balcony|tower|train|car|bus|lorry|truck|window|car park|parking)"#,
            #"\b(step|stepping|walk|walking|throw|throwing) (my ?self )?in front of (a |the )?(train|car|bus|lorry|truck)"#,
            #"\b(od|overdose|overdosing) on\b"#,
            #"\b(take|taking|took|swallow|swallowing|swallowed) (all )?(my |the |a bottle of |a lot of |too many )?(pills|tablets|meds)( to| and)? (die|end|sleep forever|not wake up)"#,
            #"\bhow many (pills|tablets|paracetamol|sleeping pills)\b"#,
            #"\bslit (my|his|her|their) (wrist|wrists|throat)\b"#,
            // Self-harm
            #"\bself (harm|harming|harmed|injury|injuring|injure|mutilation)\b"#,
            #"\b(hurt|hurting|harm|harming|harmed|injure|injuring) \#(reflexive)"#,
            #"\b(cut|cutting|cuting|cuts|burn|burning) \#(reflexive)"#,
            #"\b(cut|cutting|cuting|burn|burning) (my|his|her|their) (arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|body|stomach)\b"#,
            #"\b(hit|hitting|punch|punching) \#(reflexive) (on purpose|to feel|as punishment|until)"#,
            // Said of someone else, by a worried friend
            #"\b(wants|wanted|trying|tried|going|planning) to (kill|hurt|harm|unalive) \#(reflexive)"#,
        ]
    }()

    nonisolated(unsafe) static let patterns: [NSRegularExpression] = phrases.map {
        // The phrases are fixed text in this file; a broken one is a programming error the tests catch.
        try! NSRegularExpression(pattern: $0)
    }

    /// The number of single-letter insertions, deletions or substitutions between two words.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
