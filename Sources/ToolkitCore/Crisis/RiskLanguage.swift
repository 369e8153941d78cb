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
        "selfharm", "selfharming", "selfharmed", "selfharmer", "selfinjury", "slefharm", "noose", "nooses", "ctb", "kys", "euthanasia",
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
        let reflexive = #"(my ?(self|slef|sefl|selfe)|me ?self|him ?self|her ?self|them ?selves|them ?self|your ?self)\b(?! ?(esteem|confidence|worth|image|care|respect|belief|doubt|talk|compassion|control|help|awareness))"#
        return [
            // Suicide and wanting to die
            #"\bkill(ing|ed|s)? \#(reflexive)"#,
            #"\b(end|ending|ended) (it all|everything|my (own )?life|(his|her|their) (own )?life)\b"#,
            #"\bend (it|things) (tonight|today|now|for good|forever)\b"#,
            #"\b(take|taking|took) (my|his|her|their) (own )?life\b"#,
            #"\b(want|wanted|wanting|wanna|ready|plan|planning|trying|deserve) (to )?die\b"#,
            #"\bwish(es|ed|ing)? (i|he|she|they) (was|were|had|could be) (dead|never born|gone)\b"#,
            #"\bwish i (wasnt|werent|was not|were not) (alive|here|born|around)\b"#,
            #"\b(better|easier) off (dead|without me|if i (was|were|wasnt|werent) (gone|dead|here|around|alive))\b"#,
            #"\b(rather|prefer to) (be dead|not be alive|not exist|not be here)\b"#,
            #"\b(dont|do not|didnt|never) (want|wanna|wish) (to )?(live|be alive|exist|be here anymore|go on living|keep living)\b"#,
            #"\bnot (want|wanting|wanna) to (live|be alive|exist)\b"#,
            #"\b(hope|hoping|wish|wishing|pray|praying|want|wanna)\b[^.]{0,30}\b(never|not|dont|wont) wake up\b"#,
            #"\bnever wake up again\b"#,
            #"\b(disappear|vanish|be gone) (forever|for good|permanently)\b"#,
            #"\b(no|nothing|no more) (reason|reasons|point) (to|in|for) (live|living|life|being alive|going on|keep living|keep going)\b"#,
            #"\bnothing (left )?to live for\b"#,
            #"\b(life|living) (is|isnt|is not|feels|aint) (not |no longer |never )?worth (it|living)\b"#,
            #"\bnot worth living\b"#,
            #"\b(cant|cannot|can not|couldnt) (go on|carry on|live like this|take it anymore)\b"#,
            #"\b(tired|sick) of (living|being alive|life|existing)\b(?! (admin|insurance|style|coach|hacks))"#,
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
            #"\b(want|wanna|wish|wishing|hope|hoping|pray|praying|could just|like to)\b.{0,20}\b(sleep|asleep) forever\b"#,
            #"\b(fall|go) (asleep|to sleep) forever\b"#,
            #"\bsleep and never wake\b"#,
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
            #"\b(no|lost the|lost my|losing the|losing my|dont have the|have no) will to live\b"#,
            #"\b(survived|survivor of|after|since|before) (an|my|a|his|her|their|another|last) (suicide )?attempt\b"#,
            #"\b(suicide attempt|attempted suicide|attempt on my life|attempted to (end|take|kill))\b"#,
            #"\burges? (is|are) back\b"#,
            #"\bjump(ing|ed|s)?\b.{0,30}\b(bridge|roof|rooftop|cliff|ledge|building|multi ?storey|tower block|balcony|car park|overpass|motorway)\b"#,
            #"\b(bridge|roof|rooftop|cliff|ledge|multi ?storey|balcony|overpass)\b.{0,30}\bjump(ing)?\b"#,
            #"\b(thinking|think|thought|thoughts) (about|of) (jumping|hanging|overdosing|ending|dying)\b"#,
            #"\bthrow(ing|n)? \#(reflexive) (off|from|in front of|under)\b"#,
            #"\bif i (died|were to die|was to die|killed my ?self|wasnt alive)\b"#,
            #"\b(did|do|doing|done|relapsed on) sh\b|\bsh (again|tonight|today|scars?|cuts?|relapse)\b"#,
            #"\b(hit|hitting|punch|punching|bruise|bruising|scratch|scratching) my (legs|arms|head|face|body|thighs|stomach|wrists)\b.{0,20}\b(until|to punish|on purpose|so i|because i|when im)"#,
            #"\bto punish (my ?self|me ?self)\b"#,
            #"\bbetter dead\b|\bbe better off gone\b"#,
            #"\b(want|wish|wanna|need) (my life|it all|everything) to (be over|end|stop for good)\b"#,
            #"\beat(ing)? (a|his|her|my|their) gun\b|\bgun to (my|his|her|their) head\b"#,
            // Words for it that share nothing with the above
            #"\b(do|doing|did|done) (my ?self|me ?self|him ?self|her ?self|them ?selves) in\b"#,
            #"\b(neck|necking|finish|finishing|shoot|shooting) \#(reflexive)"#,
            #"\bfinish(ing)? \#(reflexive) off\b"#,
            #"\bremov(e|ed|ing) (my ?self|me ?self) (permanently|for good|from (this|the) (world|earth|picture))\b"#,
            #"\bsix feet under\b"#,
            #"\bleav(e|ing) (this|the) (world|earth|planet)\b"#,
            #"\b(dont|do not) belong (on|in) this (earth|world)\b"#,
            #"\bjoin (my|her|him|them|his) .{0,20}\b(in heaven|on the other side|in the grave)\b"#,
            #"\b(god|he|death) (takes?|to take) me\b"#,
            #"\b(bus|car|train|lorry|truck) (would|to|could|will|might) (hit|run over|kill) me\b"#,
            #"\bso i (dont|wouldnt|wont|do not) have to (live|be alive|wake up|exist|go on|keep going)\b"#,
            #"\b(around|here|alive) (much longer|by christmas|by (next|the) (week|month|year))\b"#,
            #"\b(see|reach|make it to) my next birthday\b"#,
            #"\b(intend|intending|plan|planning) (to|on) (stick|sticking|stay|staying|being) (around|alive)\b|\bdont intend to stick around\b"#,
            #"\b(why am i|disappointed im|disappointed i am|disappointed to be|hate that im|hate being) still (alive|here|breathing)\b"#,
            #"\bstill breathing\b.{0,10}$|\bpoint in (me )?still (breathing|being here|being alive)\b"#,
            #"\b(bother|bothered) (staying alive|living|being alive|existing|to live)\b"#,
            #"\b(had|have) (enough|it) (of|with) (living|life|being alive)\b"#,
            #"\bwant out (permanently|for good|of (life|this world|here|it all))\b|\band want out\b"#,
            #"\b(decided|decide|deciding|chose|choose|choosing) to (die|go|end it|leave)\b"#,
            #"\bby my own hand\b|\bpeace with dying\b"#,
            #"\b(dying|death|suicide) (is|feels like|seems like|seems) (the|my) only\b"#,
            #"\blast (post|message|messages|note|letter|words)\b.{0,25}\b(ever|everyone|goodbye|before i go)\b"#,
            #"\bgone (by|before) (morning|tonight|tomorrow|christmas|the weekend|my birthday)\b|\bbe gone by\b"#,
            #"\b(lethal|fatal|deadly) (amount|dose|dosage|quantity)\b|\bwould be (fatal|lethal)\b"#,
            #"\b(how much|how many|enough|amount|dose)\b.{0,30}\b(would|will|could|to) (kill|be fatal to|be lethal to) me\b"#,
            #"\b(drank|drink|drinking|swallowed|swallow|swallowing) (some )?(bleach|antifreeze|poison|weed killer)\b"#,
            #"\b(bought|buy|buying|got|have) (a |some )?(rope|noose)\b"#,
            #"\bstockpil\w* (my |the |all my )?(meds|pills|tablets|medication|painkillers|antidepressants)\b"#,
            #"\b(swerve|swerving|steer|steering|drive|driving|walk|walking|step|stepping) (into|in front of|off) (oncoming traffic|the traffic|traffic|the platform|a train|the train|the edge)\b"#,
            #"\bnot survive (a|the) fall\b|\bhigh enough to (die|not survive)\b"#,
            #"\b(reopen\w*|re open\w*|opened up|picking at|pick at) (my |the |her |his )?(old )?(scars|cuts|wounds)\b"#,
            #"\b(blade|razor|knife|lighter) on (my ?self|my (arm|arms|skin|wrists?|legs?|thighs?))\b"#,
            #"\b(marks|scars|cuts|burns) on (my|his|her|their) (wrists?|arms?|thighs?|legs?)\b"#,
            #"\bclean from (sh|self harm|cutting|selfharm)\b|\bfrom sh\b"#,
            #"\bpain on purpose\b|\bto feel pain\b"#,
            #"\bnever (get up|wake up|come back) again\b"#,
            #"\bsamaritans\b|\bcrisis (line|text line|hotline)\b|\b988\b"#,
            // Methods, named plainly by people at risk
            #"\b(hang|hanging|hanged|hung) \#(reflexive)"#,
            #"\b(jump|jumping|jumped) (off|from|in front of) (a |the |my |our )?(bridge|roof|building|cliff|balcony|tower|train|car|bus|lorry|truck|window|car park|parking)"#,
            #"\b(step|stepping|walk|walking|throw|throwing) (my ?self )?in front of (a |the )?(train|car|bus|lorry|truck)"#,
            #"\boverdos(e|es|ed|ing)\b(?! on| of)"#,
            #"\b(od|od d|odd|overdose|overdosed|overdosing) on ((my|his|her|their|the|some|all (my|the)) )?(sleeping )?(pills|tablets|paracetamol|ibuprofen|aspirin|meds|medication|medicine|drugs|insulin|painkillers|antidepressants|heroin|prescription)\b"#,
            #"\b(od|overdose|overdosed|overdosing) on purpose\b"#,
            #"\boverdos\w* of ((my|his|her|their|the|some|all (my|the)) )?(sleeping )?(pills|tablets|paracetamol|ibuprofen|aspirin|meds|medication|medicine|drugs|insulin|painkillers|antidepressants|heroin|prescription)\b"#,
            #"\b(take|taking|took|swallow|swallowing|swallowed) (all )?(my |the |a bottle of |a lot of |too many )?(pills|tablets|meds)( to| and)? (die|end|sleep forever|not wake up)"#,
            #"\bhow many (pills|tablets|paracetamol|sleeping pills)\b"#,
            #"\bslit (my|his|her|their) (wrist|wrists|throat)\b"#,
            // Self-harm
            #"\bs(elf|lef|ef) ?(harm\w*|injur\w*|inflicted|mutilat\w*)\b"#,
            #"\b(hurt|hurting|harm|harming|harmed|injure|injuring) \#(reflexive)(?! (moving|lifting|at the gym|at work|playing|running|exercising|falling|carrying|doing|while|when i (fell|slipped|tripped)|in a fall|on the))"#,
            #"\b(cut|cutting|cuting|cuts|burn|burning|burns|slash|slashing|carve|carving) \#(reflexive)(?! (some |a bit of |a little )?slack| off| out| loose| free| a (piece|slice|break))"#,
            #"\b(cut|cutting|cuting|burn|burning|slash|slashing|slashed|carve|carving|carved) (into )?(my|his|her|their) (arm|arms|wrist|wrists|leg|legs|thigh|thighs|skin|body|stomach)\b"#,
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
