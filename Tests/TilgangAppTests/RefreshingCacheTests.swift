import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing

@testable import TilgangApp

/// The cache behind the statistics pages: one load per key at a time, a value past its lifetime answered while
/// it is replaced, a change clearing it, a failed load keeping nothing, and room made only from expired entries.
/// Time is the test's own clock and loads wait at a gate the test opens: nothing here depends on how fast the
/// machine is while the other suites run beside it.
@Suite(.timeLimit(.minutes(1))) struct RefreshingCacheTests {
    /// A clock the test moves.
    final class Clock: Sendable {
        private let instant = NIOLockedValueBox(ContinuousClock.now)
        var now: ContinuousClock.Instant { instant.withLockedValue { $0 } }
        func advance(_ duration: Duration) { instant.withLockedValue { $0 += duration } }
    }

    /// Closed until `open()`; then every waiter goes on.
    final class Gate: Sendable {
        private let state = NIOLockedValueBox<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>(
            (false, []))

        init(open: Bool = false) { if open { self.open() } }

        func wait() async {
            await withCheckedContinuation { continuation in
                let goOn = state.withLockedValue { state -> Bool in
                    if state.open { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if goOn { continuation.resume() }
            }
        }

        func open() {
            let waiters = state.withLockedValue { state in
                state.open = true
                defer { state.waiters = [] }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
    }

    /// Counts loads; each waits at `gate`, then answers `base` + its number, or fails when `failing`.
    final class Loader: Sendable {
        private let count = NIOLockedValueBox(0)
        let gate: Gate
        let base: Int
        let failing: Bool

        init(gate: Gate = Gate(open: true), base: Int = 0, failing: Bool = false) {
            self.gate = gate
            self.base = base
            self.failing = failing
        }

        var loads: Int { count.withLockedValue { $0 } }

        @Sendable func load() async throws -> Int {
            let number = count.withLockedValue {
                $0 += 1
                return $0
            }
            await gate.wait()
            if failing { throw CancellationError() }
            return base + number
        }

        /// Until `n` loads have begun (the suite's time limit ends a wait that never does).
        func begun(_ n: Int) async throws {
            while loads < n { try await Task.sleep(for: .milliseconds(5)) }
        }
    }

    @Test func callersArrivingTogetherShareOneLoad() async throws {
        let cache = RefreshingCache<String, Int>(lifetime: .seconds(60))
        let loader = Loader(gate: Gate())
        async let answers = withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<64 { group.addTask { try await cache.value(for: "tabell", load: loader.load) } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        try await loader.begun(1)
        try await Task.sleep(for: .milliseconds(200))  // the other callers arrive while the load waits
        loader.gate.open()
        let all = try await answers
        #expect(all.count == 64 && Set(all) == [1])
        #expect(loader.loads == 1)
        // Another key loads on its own.
        #expect(try await cache.value(for: "annen", load: loader.load) == 2)
    }

    @Test func aValuePastItsLifetimeIsAnsweredWhileOneLoadReplacesIt() async throws {
        let clock = Clock()
        let cache = RefreshingCache<String, Int>(lifetime: .seconds(5)) { clock.now }
        #expect(try await cache.value(for: "a", load: Loader().load) == 1)
        clock.advance(.seconds(6))
        // Expired: the old value at once (the refresh waits at its gate, so a caller that waited for it would
        // never return), and one load however many ask meanwhile.
        let refresh = Loader(gate: Gate(), base: 1)
        for _ in 0..<10 { #expect(try await cache.value(for: "a", load: refresh.load) == 1) }
        try await refresh.begun(1)
        refresh.gate.open()
        while try await cache.value(for: "a", load: refresh.load) != 2 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(refresh.loads == 1)
    }

    @Test func removeAllForcesALoadAndALoadBeforeItKeepsNothing() async throws {
        let cache = RefreshingCache<String, Int>(lifetime: .seconds(60))
        let old = Loader(gate: Gate(), base: 100)
        async let before = cache.value(for: "a", load: old.load)
        try await old.begun(1)
        cache.removeAll()  // an import committed while the load read the old figures
        // A load after the change ends before the old one, and answers differently.
        let new = Loader(base: 200)
        #expect(try await cache.value(for: "a", load: new.load) == 201)
        old.gate.open()
        #expect(try await before == 101, "its caller gets what it read")
        // The old load ended last, yet the value after the change is kept.
        #expect(try await cache.value(for: "a", load: new.load) == 201)
        #expect(new.loads == 1)
    }

    @Test func aFailedLoadKeepsNothingAndTheNextCallTriesAgain() async throws {
        let cache = RefreshingCache<String, Int>(lifetime: .seconds(60))
        let failing = Loader(failing: true)
        await #expect(throws: CancellationError.self) { try await cache.value(for: "a", load: failing.load) }
        let working = Loader()
        #expect(try await cache.value(for: "a", load: working.load) == 1)
        #expect(failing.loads == 1 && working.loads == 1)
    }

    @Test func aFailedRefreshIsLoggedAndTheKeptValueStillAnswered() async throws {
        let clock = Clock()
        let capture = DatabaseTests.TraceLoggingLeakTests.Capture()
        let cache = RefreshingCache<String, Int>(
            lifetime: .seconds(5), logger: Logger(label: "test") { _ in capture }
        ) { clock.now }
        #expect(try await cache.value(for: "a", load: Loader().load) == 1)
        #expect(capture.text.isEmpty)
        clock.advance(.seconds(6))
        let failing = Loader(failing: true)
        #expect(try await cache.value(for: "a", load: failing.load) == 1, "the kept value, not the error")
        while !capture.text.contains("Refreshing a cached value failed") {
            try await Task.sleep(for: .milliseconds(5))
        }
        #expect(capture.text.contains("[warning]") && capture.text.contains("CancellationError"))
        // Nothing was stored: the next call tries again, and a working load replaces the value.
        let working = Loader(base: 10)
        #expect(try await cache.value(for: "a", load: working.load) == 1)
        while try await cache.value(for: "a", load: working.load) != 11 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(failing.loads == 1 && working.loads == 1)
    }

    @Test func aFullCacheMakesRoomFromExpiredEntriesAndKeepsFreshOnes() async throws {
        let clock = Clock()
        let cache = RefreshingCache<Int, Int>(lifetime: .seconds(5), capacity: 2) { clock.now }
        let loader = Loader()
        for key in 0..<2 { _ = try await cache.value(for: key, load: loader.load) }
        #expect(loader.loads == 2)
        // Full of fresh entries: a new key (say, from a query string) is answered but not kept, and pushes
        // nothing out.
        #expect(try await cache.value(for: 2, load: loader.load) == 3)
        #expect(try await cache.value(for: 2, load: loader.load) == 4)
        _ = try await cache.value(for: 0, load: loader.load)
        _ = try await cache.value(for: 1, load: loader.load)
        #expect(loader.loads == 4)
        // Past their lifetime, the old entries make room for it.
        clock.advance(.seconds(6))
        #expect(try await cache.value(for: 2, load: loader.load) == 5)
        #expect(try await cache.value(for: 2, load: loader.load) == 5)
        #expect(loader.loads == 5)
    }
}
