import Foundation
import Testing

@testable import TilgangApp

/// The short-lived cache behind the identity lookups: entries expire, a change clears them, and a load that
/// raced a change never stores what it read.
@Suite struct ExpiringCacheTests {
    final class Loads: @unchecked Sendable {
        var count = 0
    }

    @Test func keepsAValueForItsLifetimeThenLoadsAgain() async throws {
        let cache = ExpiringCache<String, Int>(lifetime: .milliseconds(200))
        let loads = Loads()
        let load: () async throws -> Int? = {
            loads.count += 1
            return loads.count
        }
        #expect(try await cache.value(for: "a", load: load) == 1)
        #expect(try await cache.value(for: "a", load: load) == 1)
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await cache.value(for: "a", load: load) == 2)
    }

    @Test func removeAllForcesALoadAndNilIsNeverKept() async throws {
        let cache = ExpiringCache<String, Int>(lifetime: .seconds(60))
        let loads = Loads()
        #expect(
            try await cache.value(for: "a") {
                loads.count += 1; return 7
            } == 7)
        cache.removeAll()
        #expect(
            try await cache.value(for: "a") {
                loads.count += 1; return 8
            } == 8)
        #expect(
            try await cache.value(for: "b") {
                loads.count += 1; return nil
            } == nil)
        #expect(
            try await cache.value(for: "b") {
                loads.count += 1; return 9
            } == 9)
        #expect(loads.count == 4)
    }

    @Test func aLoadThatRacedAChangeIsNotKept() async throws {
        let cache = ExpiringCache<String, Int>(lifetime: .seconds(60))
        // A change commits (and clears the cache) while the load is reading the old value.
        #expect(
            try await cache.value(for: "a") {
                cache.removeAll(); return 1
            } == 1)
        #expect(try await cache.value(for: "a") { 2 } == 2)
        #expect(try await cache.value(for: "a") { 3 } == 2)
    }

    @Test func aFullCacheStartsOver() async throws {
        let cache = ExpiringCache<Int, Int>(lifetime: .seconds(60), capacity: 3)
        for n in 0..<3 { _ = try await cache.value(for: n) { n } }
        _ = try await cache.value(for: 3) { 3 }
        #expect(try await cache.value(for: 0) { 100 } == 100)
        #expect(try await cache.value(for: 3) { 300 } == 3)
    }
}
