import NIOConcurrencyHelpers

/// One small read many requests ask for at once (PostgreSQL's content generation), made once for
/// all the requests waiting, like a group commit for a read.
///
/// A caller never gets the answer of a read that began before it asked: while one read is under
/// way, callers that arrive wait for the next one, which starts as soon as it finishes. So
/// whatever had committed when a caller asked (its own write included) is seen, exactly as if it
/// had read for itself, while a burst of requests costs two reads at a time instead of one each.
///
/// The reads of one busy spell share whatever `withReader` sets up (on PostgreSQL one
/// connection, instead of asking the pool for one per read); a failed read (nil) ends the spell,
/// and the next read sets up afresh.
final class CoalescedRead<Value: Sendable>: Sendable {
    /// Runs `body` with a way to read; must call `body` (once, or again should it fail after `body` ran).
    typealias WithReader = @Sendable (_ body: @escaping @Sendable (_ read: @escaping @Sendable () async -> Value?) async -> Void) async -> Void

    private struct State {
        var waiting: [CheckedContinuation<Value?, Never>] = []
        var reading = false
    }

    private let withReader: WithReader
    private let state = NIOLockedValueBox(State())

    init(withReader: @escaping WithReader) {
        self.withReader = withReader
    }

    /// Each read on its own.
    convenience init(_ read: @escaping @Sendable () async -> Value?) {
        self.init(withReader: { body in await body(read) })
    }

    /// The value read for this caller; nil when the read failed.
    func value() async -> Value? {
        await withCheckedContinuation { (waiter: CheckedContinuation<Value?, Never>) in
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
    /// After a failed read, a new reader is set up for whoever is waiting by then.
    private func readForWaiting() async {
        let readFailed = NIOLockedValueBox(false)
        repeat {
            readFailed.withLockedValue { $0 = false }
            await withReader { read in
                while let waiters = self.takeWaiting() {
                    let value = await read()
                    for waiter in waiters { waiter.resume(returning: value) }
                    if value == nil {
                        readFailed.withLockedValue { $0 = true }
                        return
                    }
                }
            }
        } while readFailed.withLockedValue({ $0 }) && !endIfNoOneWaits()
    }

    /// Ends reading if no one is waiting; false if someone is.
    private func endIfNoOneWaits() -> Bool {
        state.withLockedValue { state in
            guard state.waiting.isEmpty else { return false }
            state.reading = false
            return true
        }
    }

    /// The callers waiting now, taken from the queue; nil (and reading ends) when there are none.
    private func takeWaiting() -> [CheckedContinuation<Value?, Never>]? {
        state.withLockedValue { state in
            defer { state.waiting = [] }
            if state.waiting.isEmpty {
                state.reading = false
                return nil
            }
            return state.waiting
        }
    }
}
