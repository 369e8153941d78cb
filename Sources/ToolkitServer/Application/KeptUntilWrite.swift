import Foundation
import NIOConcurrencyHelpers

/// Values read from the database and kept in memory until the database changes: each is kept
/// with the content generation it was read under (see `Database.contentGeneration()`) and is
/// given out only while that generation is unchanged and for at most `maxAge` seconds. Any
/// committed write retires every kept value at once; `maxAge` bounds what the generation can't
/// see (on SQLite, a write by another process such as the command line beside the server; a
/// process that stopped between a commit and counting it) and how long a value stays in memory.
final class KeptUntilWrite<Value: Sendable>: Sendable {
    private struct Entry: Sendable {
        let value: Value
        let generation: UInt64
        let storedAt: Date
        let cost: Int
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var cost = 0
    }

    let maxAge: TimeInterval
    /// Values and total cost kept at most; past either, values of older generations go, then the oldest half.
    let maxCount: Int
    let maxCost: Int
    private let cost: @Sendable (Value) -> Int
    private let state = NIOLockedValueBox(State())

    init(maxAge: TimeInterval, maxCount: Int, maxCost: Int = .max, cost: @escaping @Sendable (Value) -> Int = { _ in 1 }) {
        self.maxAge = maxAge
        self.maxCount = maxCount
        self.maxCost = maxCost
        self.cost = cost
    }

    /// The value kept under `key` if it was read under `generation` less than `maxAge` ago.
    func value(_ key: String, generation: UInt64, now: Date) -> Value? {
        kept(key, generation: generation, now: now)?.value
    }

    /// The value kept under `key` if it was read under `generation` less than `maxAge` ago, with when.
    func kept(_ key: String, generation: UInt64, now: Date) -> (value: Value, storedAt: Date)? {
        state.withLockedValue { state in
            guard let entry = state.entries[key] else { return nil }
            if entry.generation == generation, now >= entry.storedAt, now.timeIntervalSince(entry.storedAt) < maxAge {
                return (entry.value, entry.storedAt)
            }
            state.entries[key] = nil
            state.cost -= entry.cost
            return nil
        }
    }

    /// Keeps `value`, read under `generation` (taken before the read began) at `storedAt`.
    func keep(_ value: Value, under key: String, generation: UInt64, storedAt: Date) {
        let entry = Entry(value: value, generation: generation, storedAt: storedAt, cost: cost(value))
        state.withLockedValue { state in
            if let old = state.entries.updateValue(entry, forKey: key) { state.cost -= old.cost }
            state.cost += entry.cost
            guard state.cost > maxCost || state.entries.count > maxCount else { return }
            // Values of an older generation can never be given out again: they go first.
            state.entries = state.entries.filter { $0.value.generation == generation }
            state.cost = state.entries.values.reduce(0) { $0 + $1.cost }
            if state.cost > maxCost || state.entries.count > maxCount / 2 {
                let newestFirst = state.entries.sorted { $0.value.storedAt > $1.value.storedAt }
                state.entries = Dictionary(uniqueKeysWithValues: newestFirst.prefix(newestFirst.count / 2).map { ($0.key, $0.value) })
                state.cost = state.entries.values.reduce(0) { $0 + $1.cost }
            }
        }
    }

    /// Values kept right now (for tests).
    var count: Int { state.withLockedValue { $0.entries.count } }
}
