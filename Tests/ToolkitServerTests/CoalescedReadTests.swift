import NIOConcurrencyHelpers
import Testing
@testable import ToolkitServer

/// The content generation on PostgreSQL is read once for the requests asking at one moment; no
/// request may get a value read before it asked (it would miss its own write).
@Suite struct CoalescedReadTests {
    /// A read that counts its calls and answers with its own number, held open until released.
    final class Source: Sendable {
        let calls = NIOLockedValueBox(0)
        let release = AsyncGate()

        func read() async -> Int {
            let number = calls.withLockedValue { $0 += 1; return $0 }
            await release.wait()
            return number
        }
    }

    /// Opens once; everyone waiting and arriving later passes.
    final class AsyncGate: Sendable {
        private let state = NIOLockedValueBox<(open: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))
        func wait() async {
            await withCheckedContinuation { waiter in
                let open = state.withLockedValue { state in
                    if !state.open { state.waiting.append(waiter) }
                    return state.open
                }
                if open { waiter.resume() }
            }
        }
        func open() {
            let waiting = state.withLockedValue { state in
                state.open = true
                defer { state.waiting = [] }
                return state.waiting
            }
            for waiter in waiting { waiter.resume() }
        }
    }

    @Test func callersArrivingDuringAReadGetTheNextOneAndShareIt() async throws {
        // setup
        let source = Source()
        let coalesced = CoalescedRead { await source.read() }
        // act: one caller starts a read that is held open; forty more arrive while it is under way
        let first = Task { await coalesced.value() }
        while source.calls.withLockedValue({ $0 }) == 0 { await Task.yield() }
        let later = (0..<40).map { _ in Task { await coalesced.value() } }
        try await Task.sleep(for: .milliseconds(200))
        source.release.open()
        var answers: [Int] = []
        for task in later { answers.append(await task.value ?? 0) }
        // check: the first caller got the first read; none of the later ones did, and all of them
        // shared reads made after they asked (far fewer than one each)
        #expect(await first.value == 1)
        #expect(answers.allSatisfy { $0 >= 2 })
        #expect(source.calls.withLockedValue { $0 } <= 3)
    }

    @Test func aCallerAfterAReadFinishedReadsAgain() async {
        let source = Source()
        source.release.open()
        let coalesced = CoalescedRead { await source.read() }
        #expect(await coalesced.value() == 1)
        #expect(await coalesced.value() == 2)
    }

    @Test func aBusySpellSharesOneReaderAndAFailedReadStartsAfresh() async throws {
        // setup: a reader that counts how often it is set up; its reads are held open, and the
        // second read fails
        let source = Source()
        let setups = NIOLockedValueBox(0)
        let coalesced = CoalescedRead<Int>(withReader: { body in
            setups.withLockedValue { $0 += 1 }
            await body {
                let number = await source.read()
                return number == 2 ? nil : number
            }
        })
        // act: a caller starts the first read; a burst arrives during it, then another during
        // the second (failing) read
        let first = Task { await coalesced.value() }
        while source.calls.withLockedValue({ $0 }) == 0 { await Task.yield() }
        let during = (0..<20).map { _ in Task { await coalesced.value() } }
        try await Task.sleep(for: .milliseconds(100))
        source.release.open()
        var answers: [Int?] = []
        for task in during { answers.append(await task.value) }
        let afterFailure = await coalesced.value()
        // check: the first read, then one read for the burst that failed (nil for all of them),
        // which ended the spell: the next caller's read set up a new reader and succeeded
        #expect(await first.value == 1)
        #expect(answers.allSatisfy { $0 == nil })
        #expect(afterFailure == 3)
        #expect(setups.withLockedValue { $0 } == 2)
    }
}
