import NIOConcurrencyHelpers

/// One small read many requests ask for at once (PostgreSQL's content generation), made once for
/// all the requests waiting, like a group commit for a read.
///
/// A caller never gets the answer of a read that began before it asked: while one read is under
/// way, callers that arrive wait for the next one, which starts as soon as it finishes. So
/// whatever had committed when a caller asked (its own write included) is seen, exactly as if it
/// had read for itself, while a burst of requests costs two reads at a time instead of one each.
final class CoalescedRead<Value: Sendable>: Sendable {
    private struct State {
        var waiting: [CheckedContinuation<Value, Never>] = []
        var reading = false
    }

    private let read: @Sendable () async -> Value
    private let state = NIOLockedValueBox(State())

    init(_ read: @escaping @Sendable () async -> Value) {
        self.read = read
    }

    func value() async -> Value {
        await withCheckedContinuation { (waiter: CheckedContinuation<Value, Never>) in
            let start = state.withLockedValue { state in
                state.waiting.append(waiter)
                guard !state.reading else { return false }
                state.reading = true
                return true
            }
            if start { Task.detached { await self.readForWaiting() } }
        }
    }

    /// Reads for everyone waiting, then again for whoever arrived meanwhile, until no one waits.
    private func readForWaiting() async {
        while true {
            let waiters = state.withLockedValue { state -> [CheckedContinuation<Value, Never>] in
                defer { state.waiting = [] }
                if state.waiting.isEmpty { state.reading = false }
                return state.waiting
            }
            if waiters.isEmpty { return }
            let value = await read()
            for waiter in waiters { waiter.resume(returning: value) }
        }
    }
}
