import Foundation
import NIOConcurrencyHelpers
import Testing

@testable import TilgangApp

/// The cache behind the statistics pages: one load per key at a time, a value past its lifetime answered while
/// it is replaced, a change clearing it, and a failed load keeping nothing.
@Suite struct RefreshingCacheTests {
    /// Counts loads; each answers its number after `delay`, or fails when `failing`.
    final class Loader: Sendable {
        private let count = NIOLockedValueBox(0)
        let delay: Duration
        let failing: Bool

        init(delay: Duration = .zero, failing: Bool = false) {
            self.delay = delay
            self.failing = failing
        }

        var loads: Int { count.withLockedValue { $0 } }

        @Sendable func load() async throws -> Int {
            let number = count.withLockedValue {
                $0 += 1
                return $0
            }
            try await Task.sleep(for: delay)
            if failing { throw CancellationError() }
            return number
        }
    }

    @Test func callersArrivingTogetherShareOneLoad() async throws {
        let cache = RefreshingCache<String, Int>(lifetime: .seconds(60))
        let loader = Loader(delay: .milliseconds(200))
        let answers = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<64 { group.addTask { try await cache.value(for: "tabell", load: loader.load) } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(answers.count == 64 && Set(answers) == [1])
        #expect(loader.loads == 1)
        // Another key loads on its own.
        #expect(try await cache.value(for: "annen", load: loader.load) == 2)
    }

    @Test func aValuePastItsLifetimeIsAnsweredWhileOneLoadReplacesIt() async throws {
        // Margins of several hundred milliseconds either way: the suites run side by side.
        let cache = RefreshingCache<String, Int>(lifetime: .seconds(1))
        let loader = Loader(delay: .milliseconds(600))
        #expect(try await cache.value(for: "a", load: loader.load) == 1)
        try await Task.sleep(for: .milliseconds(1_100))
        // Expired: the old value at once, and one load in the background however many ask meanwhile.
        let started = ContinuousClock.now
        for _ in 0..<10 { #expect(try await cache.value(for: "a", load: loader.load) == 1) }
        #expect(ContinuousClock.now - started < .milliseconds(400), "nobody waited for the 600 ms load")
        try await Task.sleep(for: .milliseconds(100))
        #expect(loader.loads == 2, "one load began")
        try await Task.sleep(for: .milliseconds(800))
        #expect(try await cache.value(for: "a", load: loader.load) == 2)
        #expect(loader.loads == 2)
    }

    @Test func removeAllForcesALoadAndALoadBeforeItKeepsNothing() async throws {
        let cache = RefreshingCache<String, Int>(lifetime: .seconds(60))
        let slow = Loader(delay: .milliseconds(300))
        async let before = cache.value(for: "a", load: slow.load)
        try await Task.sleep(for: .milliseconds(50))
        cache.removeAll()  // an import committed while the load read the old figures
        #expect(try await before == 1, "its caller gets what it read")
        let fresh = Loader()
        #expect(try await cache.value(for: "a", load: fresh.load) == 1)
        #expect(fresh.loads == 1, "what the load before the change read was not kept")
        #expect(try await cache.value(for: "a", load: fresh.load) == 1)
        #expect(fresh.loads == 1)
    }

    @Test func aFailedLoadKeepsNothingAndTheNextCallTriesAgain() async throws {
        let cache = RefreshingCache<String, Int>(lifetime: .seconds(60))
        let failing = Loader(failing: true)
        await #expect(throws: CancellationError.self) { try await cache.value(for: "a", load: failing.load) }
        let working = Loader()
        #expect(try await cache.value(for: "a", load: working.load) == 1)
        #expect(failing.loads == 1 && working.loads == 1)
    }

    @Test func aFullCacheStartsOver() async throws {
        let cache = RefreshingCache<Int, Int>(lifetime: .seconds(60), capacity: 2)
        let loader = Loader()
        for key in 0..<3 { _ = try await cache.value(for: key, load: loader.load) }
        #expect(loader.loads == 3)
        // Key 0 was dropped when key 2 came; key 2 is kept.
        _ = try await cache.value(for: 2, load: loader.load)
        #expect(loader.loads == 3)
        _ = try await cache.value(for: 0, load: loader.load)
        #expect(loader.loads == 4)
    }
}
