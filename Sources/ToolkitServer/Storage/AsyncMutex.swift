import NIOConcurrencyHelpers

/// A first-come, first-served lock for async code. A task waiting for it is suspended, so it
/// never holds a thread that the task holding the lock might need to finish.
final class AsyncMutex: Sendable {
    private struct State {
        var locked = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = NIOLockedValueBox(State())

    func lock() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = state.withLockedValue { state -> Bool in
                guard state.locked else {
                    state.locked = true
                    return true
                }
                state.waiters.append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    /// Hands the lock straight to the longest waiter, so no newcomer can overtake it.
    func unlock() {
        let next = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            guard !state.waiters.isEmpty else {
                state.locked = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }

    func withLock<R: Sendable>(_ body: @Sendable () async throws -> R) async throws -> R {
        await lock()
        defer { unlock() }
        return try await body()
    }

    /// How many tasks are waiting (for tests and diagnostics).
    var waiting: Int { state.withLockedValue { $0.waiters.count } }
}
