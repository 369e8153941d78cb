import Foundation
import ToolkitCore

// Search scaling: time per query over 50 items and over 5,000 generated items.
// The generated items recombine the real library's sentences, titles and keywords, so the
// vocabulary and word frequencies are those of real content.
//
// Run: swift run -c release SearchBench

struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

func generatedLibrary(from real: [LibraryItem], count: Int) -> [LibraryItem] {
    var random = SeededGenerator(state: 42)
    let sentences = real.flatMap { TextBlock.plainText($0.clientText).split(separator: ".").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } }
        .filter { $0.count > 20 }
    let titleWords = real.flatMap { $0.title.split(separator: " ").map(String.init) }
    return (0..<count).map { index in
        var item = real[index % real.count]
        item.id = "generated-\(index)"
        item.title = (0..<4).map { _ in titleWords.randomElement(using: &random)! }.joined(separator: " ")
        item.summary = sentences.randomElement(using: &random)! + "."
        item.keywords = (0..<5).map { _ in real.randomElement(using: &random)!.keywords.randomElement(using: &random) ?? "calm" }
        item.clientText = (0..<6).map { _ in
            TextBlock.paragraph([.text((0..<4).map { _ in sentences.randomElement(using: &random)! }.joined(separator: ". ") + ".")])
        }
        item.related = []
        return item
    }
}

let queries = [
    "self-compassion break", "I feel stupid after a mistake", "can't sleep", "loving kindness for others",
    "grounding", "compasion letter", "inner critic", "worried about everything", "progress not perfection",
    "breathing", "lonely", "body scan",
]

func medianQueryMicroseconds(_ search: LibrarySearch, rounds: Int) -> Double {
    var samples: [Double] = []
    for _ in 0..<rounds {
        for query in queries {
            let start = DispatchTime.now().uptimeNanoseconds
            let results = search.search(query, limit: 20)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1000
            precondition(results.count <= 20)
            samples.append(elapsed)
        }
    }
    samples.sort()
    return samples[samples.count / 2]
}

let library = try ContentLibrary.loadBundled()
let small = Array(library.items.prefix(50))
let large = generatedLibrary(from: library.items, count: 5000)
let buildStart = Date()
let smallSearch = LibrarySearch(items: small)
let largeSearch = LibrarySearch(items: large)
let buildSeconds = Date().timeIntervalSince(buildStart)
_ = medianQueryMicroseconds(smallSearch, rounds: 5)   // warm up
_ = medianQueryMicroseconds(largeSearch, rounds: 5)
let smallTime = medianQueryMicroseconds(smallSearch, rounds: 200)
let largeTime = medianQueryMicroseconds(largeSearch, rounds: 50)
print(String(format: "items: %d vs %d (index build for both: %.2f s)", small.count, large.count, buildSeconds))
print(String(format: "median query time, 50 items:    %8.1f µs", smallTime))
print(String(format: "median query time, 5,000 items: %8.1f µs", largeTime))
print(String(format: "ratio: %.1fx (target: 10x or less)", largeTime / smallTime))
if largeTime / smallTime > 10 { exit(1) }
