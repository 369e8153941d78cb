/// Ranked search over the library.
///
/// - Matches in the title weigh most, then the summary, keywords and situations, then the body.
/// - Words are reduced to a simple stem, so "mistakes" finds "mistake" and "worrying" finds "worry".
/// - A query word that matches nothing is compared with the index's vocabulary allowing one
///   slip (two for long words), so "compasion" still finds "compassion".
/// - Everyday feeling words ("stupid", "lonely", "can't sleep") also match the situations they
///   point to, so a plain description of how someone feels finds the items that fit.
///
/// - An item whose title or topic words hold every word of a short query comes first: a search
///   for "perfectionism" is a search for the item about perfectionism.
/// - An item scores in proportion to how many of the query's words it matches, so a long
///   question doesn't bring back every item that shares one common word with it.
///
/// Postings are kept per term, best first, and a query reads at most `postingsPerTerm` of them,
/// so the cost of a query stays bounded as the library grows.
public struct LibrarySearch: Sendable {
    public struct Filters: Sendable, Equatable {
        public var category: ItemCategory?
        public var component: CompassionComponent?
        public var kind: ItemKind?
        public var situation: Situation?
        public var maxMinutes: Int?

        public init(category: ItemCategory? = nil, component: CompassionComponent? = nil, kind: ItemKind? = nil,
                    situation: Situation? = nil, maxMinutes: Int? = nil) {
            self.category = category
            self.component = component
            self.kind = kind
            self.situation = situation
            self.maxMinutes = maxMinutes
        }

        func admits(_ item: LibraryItem) -> Bool {
            if let category, item.category != category { return false }
            if let component, !item.components.contains(component) { return false }
            if let kind, item.kind != kind { return false }
            if let situation, !item.situations.contains(situation) { return false }
            if let maxMinutes, item.minutes > maxMinutes { return false }
            return true
        }
    }

    struct Posting: Sendable { var item: Int; var weight: Double }

    static let titleWeight = 8.0
    static let summaryWeight = 3.0
    static let bodyWeight = 1.0
    static let postingsPerTerm = 400
    /// Results scoring under this share of the best match are dropped.
    static let relevanceFloor = 0.15

    /// Added for an item whose title or topic words hold every word of a short query.
    static let topicBonus = 1_000.0
    /// Queries of up to this many words can name a topic.
    static let topicQueryLength = 3

    private let items: [LibraryItem]
    /// Each item's title and keyword terms: what the item is about.
    private let topicTerms: [Set<String>]
    private let postings: [String: [Posting]]
    /// Vocabulary grouped by length, for the spelling-slip comparison.
    private let vocabularyByLength: [Int: [String]]

    public init(items: [LibraryItem]) {
        self.items = items
        self.topicTerms = items.map { Set(Self.terms($0.title + " " + $0.keywords.joined(separator: " "))) }
        var weights: [String: [Int: Double]] = [:]
        for (index, item) in items.enumerated() {
            func add(_ text: String, _ weight: Double) {
                for term in Self.terms(text) { weights[term, default: [:]][index, default: 0] += weight }
            }
            add(item.title, Self.titleWeight)
            add(item.summary, Self.summaryWeight)
            add(item.keywords.joined(separator: " "), Self.summaryWeight)
            add(item.situations.map(\.displayName).joined(separator: " "), Self.summaryWeight)
            for situation in item.situations { add(Self.situationToken(situation), Self.summaryWeight) }
            add(item.components.map(\.displayName).joined(separator: " "), Self.bodyWeight)
            add(item.kind.displayName, Self.bodyWeight)
            add(item.clientPlainText, Self.bodyWeight * 0.2)
        }
        var postings: [String: [Posting]] = [:]
        var byLength: [Int: [String]] = [:]
        for (term, perItem) in weights {
            // Dampen repetition: the tenth mention of a word says little more than the third.
            postings[term] = perItem.map { Posting(item: $0.key, weight: Self.dampen($0.value)) }
                .sorted { $0.weight > $1.weight }
            byLength[term.count, default: []].append(term)
        }
        self.postings = postings
        self.vocabularyByLength = byLength
    }

    public struct Result: Sendable {
        public let item: LibraryItem
        public let score: Double
    }

    /// Items matching `query` (best first), or all items passing the filters when the query is empty.
    public func search(_ query: String, filters: Filters = Filters(), limit: Int = 50) -> [Result] {
        let queryTerms = Self.terms(query) + Self.situationTokens(forFeelings: query)
        guard !queryTerms.isEmpty else {
            return items.filter(filters.admits).prefix(limit).map { Result(item: $0, score: 0) }
        }
        var scores: [Int: Double] = [:]
        var matchedTerms: [Int: Int] = [:]
        var topicHits: [Int: Int] = [:]
        let distinctTerms = Set(queryTerms)
        let wordTerms = distinctTerms.filter { !$0.hasPrefix("situation:") }
        for term in distinctTerms {
            var matchedBy: Set<Int> = []
            var inTopic: Set<Int> = []
            for (match, factor) in expansions(of: term) {
                guard let list = postings[match] else { continue }
                for posting in list.prefix(Self.postingsPerTerm) {
                    scores[posting.item, default: 0] += posting.weight * factor
                    matchedBy.insert(posting.item)
                    if topicTerms[posting.item].contains(match) { inTopic.insert(posting.item) }
                }
            }
            for item in matchedBy { matchedTerms[item, default: 0] += 1 }
            if !term.hasPrefix("situation:") { for item in inTopic { topicHits[item, default: 0] += 1 } }
        }
        // Partial matches count in proportion to the share of the query they answer.
        if distinctTerms.count > 1 {
            for (item, score) in scores {
                let share = Double(matchedTerms[item] ?? 0) / Double(distinctTerms.count)
                scores[item] = score * share * share
            }
        }
        if !wordTerms.isEmpty, wordTerms.count <= Self.topicQueryLength {
            for (item, hits) in topicHits where hits == wordTerms.count { scores[item, default: 0] += Self.topicBonus }
        }
        // Items that share only a stray word with a long query are noise, not answers.
        let best = scores.values.max() ?? 0
        return scores
            .filter { $0.value >= best * Self.relevanceFloor && filters.admits(items[$0.key]) }
            .sorted { $0.value != $1.value ? $0.value > $1.value : items[$0.key].title < items[$1.key].title }
            .prefix(limit)
            .map { Result(item: items[$0.key], score: $0.value) }
    }

    /// The term itself, or, when the index lacks it, near spellings at a reduced weight.
    private func expansions(of term: String) -> [(String, Double)] {
        if postings[term] != nil || term.hasPrefix("situation:") { return [(term, 1)] }
        guard term.count >= 4 else { return [] }
        let allowed = term.count >= 8 ? 2 : 1
        var matches: [(String, Double)] = []
        for length in (term.count - allowed)...(term.count + allowed) {
            for candidate in vocabularyByLength[length] ?? [] where EditDistance.within(term, candidate, allowed) {
                matches.append((candidate, 0.6))
            }
        }
        return matches
    }

    // MARK: Text to terms

    static func dampen(_ weight: Double) -> Double { weight <= 3 ? weight : 3 + (weight - 3).squareRoot() }

    static func situationToken(_ situation: Situation) -> String { "situation:" + situation.rawValue }

    public static func terms(_ text: String) -> [String] {
        var terms: [String] = []
        var word = ""
        func flush() {
            if word.count >= 2, !stopWords.contains(word) { terms.append(stem(word)) }
            word = ""
        }
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                word.append(character)
            } else if character == "'" || character == "\u{2019}" {
                continue
            } else {
                flush()
            }
        }
        flush()
        return terms
    }

    /// A light English stemmer: enough for plurals and common verb endings.
    static func stem(_ word: String) -> String {
        var w = word
        if w.count > 4, w.hasSuffix("ies") { w = String(w.dropLast(3)) + "y" }
        else if w.count > 5, w.hasSuffix("sses") { w = String(w.dropLast(2)) }
        else if w.count > 3, w.hasSuffix("s"), !w.hasSuffix("ss"), !w.hasSuffix("us"), !w.hasSuffix("is") { w = String(w.dropLast()) }
        // "perfectionism" and "perfectionist" are about perfection.
        if w.count > 8, w.hasSuffix("ism") || w.hasSuffix("ist") { w = String(w.dropLast(3)) }
        if w.count > 5, w.hasSuffix("ing") { w = String(w.dropLast(3)) }
        else if w.count > 4, w.hasSuffix("ed") { w = String(w.dropLast(2)) }
        if w.count > 4, w.hasSuffix("e") { w = String(w.dropLast()) }
        if w.count > 3, let last = w.last, let beforeLast = w.dropLast().last, last == beforeLast, !"lsz".contains(last) {
            w = String(w.dropLast())
        }
        return w
    }

    /// Situations that everyday feeling words point to.
    static func situationTokens(forFeelings query: String) -> [String] {
        let words = Set(terms(query))
        var tokens: [String] = []
        for (situation, cues) in FeelingCues.cues {
            if cues.contains(where: { cue in terms(cue).allSatisfy(words.contains) }) {
                tokens.append(situationToken(situation))
            }
        }
        return tokens
    }

    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "how", "if", "in", "into", "is", "it",
        "its", "me", "my", "of", "on", "or", "so", "that", "the", "this", "to", "was", "we", "with", "you", "your",
        "im", "am", "have", "has", "had", "do", "does", "just", "about", "feel", "feeling", "really", "very", "been",
        "what", "when", "can", "will", "all", "there", "they", "them", "then", "than", "out", "up", "get", "got",
    ]
}

/// Bounded edit distance: is `a` within `limit` insertions, deletions or substitutions of `b`?
enum EditDistance {
    static func within(_ a: String, _ b: String, _ limit: Int) -> Bool {
        let a = Array(a), b = Array(b)
        if abs(a.count - b.count) > limit { return false }
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            var rowMinimum = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return false }
            previous = current
        }
        return previous[b.count] <= limit
    }
}
