import Testing
@testable import ToolkitCore

@Suite struct LibrarySearchTests {
    let library: ContentLibrary

    init() throws { library = try ContentLibrary.loadBundled() }

    private func top(_ query: String, _ count: Int = 5, filters: LibrarySearch.Filters = .init()) -> [String] {
        library.search.search(query, filters: filters, limit: count).map(\.item.id)
    }

    @Test func titleMatchesRankAboveBodyMatches() {
        #expect(top("loving-kindness", 3).allSatisfy { $0.hasPrefix("loving-kindness") })
        #expect(top("self-compassion break").first?.contains("self-compassion-break") == true)
    }

    @Test func pluralsAndVerbFormsMatch() {
        let singular = Set(top("mistake", 10))
        let plural = Set(top("mistakes", 10))
        #expect(!singular.isEmpty)
        #expect(singular == plural)
        #expect(top("worrying", 10).contains { library.item($0)?.situations.contains(.anxiousOrWorried) == true })
    }

    @Test func smallSpellingSlipsStillFind() {
        #expect(top("grounding").contains("grounding-5-4-3-2-1"))
        #expect(top("grouding").contains("grounding-5-4-3-2-1"))
        #expect(top("compasion letter").contains("compassionate-letter"))
    }

    @Test func aPlainDescriptionOfAFeelingFindsItemsThatFit() {
        let afterMistake = top("I feel so stupid, I messed up at work", 5)
        #expect(afterMistake.contains { library.item($0)?.situations.contains(.afterAMistake) == true
            || library.item($0)?.situations.contains(.harshInnerCritic) == true })
        let sleepless = top("I can't sleep, lying awake replaying everything", 3)
        #expect(sleepless.contains("self-compassion-break-for-sleep"))
        let lonely = top("I feel so lonely", 5)
        #expect(lonely.contains { library.item($0)?.situations.contains(.feelingAlone) == true })
    }

    @Test func filtersNarrowResults() {
        let short = library.search.search("", filters: .init(maxMinutes: 5), limit: 500).map(\.item)
        #expect(!short.isEmpty)
        #expect(short.allSatisfy { $0.minutes <= 5 })
        let crisis = library.search.search("breathing", filters: .init(category: .crisis), limit: 500).map(\.item)
        #expect(crisis.allSatisfy { $0.category == .crisis })
        #expect(crisis.contains { $0.id == "paced-breathing-longer-exhale" })
        let worksheets = library.search.search("", filters: .init(component: .commonHumanity, kind: .worksheet), limit: 500).map(\.item)
        #expect(worksheets.allSatisfy { $0.kind == .worksheet && $0.components.contains(.commonHumanity) })
    }

    @Test func anItemWhoseTitleOrTopicNamesTheQueryComesFirst() {
        #expect(top("perfectionism", 1) == ["perfectionism-and-self-compassion"])
        #expect(top("perfectionism", 3).contains("progress-not-perfection-goals"))
        #expect(top("perfectionist", 3).contains("progress-not-perfection-goals"))
        #expect(top("grounding", 1) == ["grounding-5-4-3-2-1"])
        #expect(top("inner critic", 3).allSatisfy { library.item($0).map { $0.title.lowercased().contains("critic") || $0.keywords.contains { $0.contains("critic") } } == true })
    }

    @Test func griefBurnoutAndShameFindTheItemsWrittenForThem() {
        #expect(top("grief", 3).contains("grief-and-self-compassion"))
        #expect(top("grief", 5).contains("a-wave-of-grief"))
        #expect(top("burnout", 3).contains("compassion-with-equanimity"))
        #expect(top("shame", 2).contains("understanding-shame"))
        #expect(top("shame", 3).contains("meeting-shame-with-kindness"))
    }

    @Test func aLongQuestionFindsAFewItemsNotHalfTheLibrary() {
        let everything = library.items.count
        let long = library.search.search("how can I be a little kinder to myself when everything at work goes wrong again", limit: 500)
        #expect(!long.isEmpty)
        #expect(long.count * 4 <= everything, "\(long.count) of \(everything) items")
    }

    @Test func nonsenseFindsNothing() {
        #expect(top("xqzvbnm").isEmpty)
    }

    @Test func stemmingAndEditDistanceBehave() {
        #expect(LibrarySearch.stem("worries") == LibrarySearch.stem("worry"))
        #expect(LibrarySearch.stem("breathing") == LibrarySearch.stem("breath"))
        #expect(LibrarySearch.stem("perfectionism") == LibrarySearch.stem("perfection"))
        #expect(LibrarySearch.stem("perfectionists") == LibrarySearch.stem("perfection"))
        #expect(EditDistance.within("compasion", "compassion", 1))
        #expect(!EditDistance.within("kindness", "sadness", 1))
    }
}
