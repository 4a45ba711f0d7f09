import NIOConcurrencyHelpers

/// A bounded in-memory map whose entries live for a short, fixed time. For data read on nearly every request and
/// written rarely (who holds a token, whom a user stands in for, catalogue entries): the writer in this process
/// calls `removeAll()`, other processes see the change within `lifetime`.
final class ExpiringCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct State {
        var entries: [Key: (value: Value, expires: ContinuousClock.Instant)] = [:]
        /// Bumped by `removeAll()`, so a load that began before a change cannot store what it read.
        var generation = 0
    }

    private let state = NIOLockedValueBox(State())
    let lifetime: Duration
    let capacity: Int

    init(lifetime: Duration, capacity: Int = 10_000) {
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// The cached value, or `load()`'s answer, kept when it is not nil.
    func value(for key: Key, load: () async throws -> Value?) async throws -> Value? {
        let now = ContinuousClock.now
        let (hit, generation) = state.withLockedValue { state -> (Value?, Int) in
            guard let entry = state.entries[key], entry.expires > now else { return (nil, state.generation) }
            return (entry.value, state.generation)
        }
        if let hit { return hit }
        guard let loaded = try await load() else { return nil }
        let expires = ContinuousClock.now + lifetime
        state.withLockedValue { state in
            guard state.generation == generation else { return }
            // Full: start over rather than track ages; a miss costs one query.
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[key] = (loaded, expires)
        }
        return loaded
    }

    func removeAll() {
        state.withLockedValue { state in
            state.entries.removeAll()
            state.generation += 1
        }
    }
}
