import Logging
import NIOConcurrencyHelpers

/// A bounded in-memory map for values that are costly to compute and change rarely (the statistics tables, which
/// change only by an import). Unlike `ExpiringCache`, one load runs per key at a time, and a value past its
/// lifetime is still answered while one request's load replaces it: an expiry then costs nobody a wait, and 64
/// requests arriving together start one load, not 64. The writer in this process calls `removeAll()`; other
/// processes see a change within `lifetime` plus one load.
final class RefreshingCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        var value: Value?
        var loadedAt: ContinuousClock.Instant
        var loading: Task<Value, any Error>?
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        /// Bumped by `removeAll()`, so a load that began before a change cannot store what it read.
        var generation = 0
    }

    private enum Next {
        case value(Value)
        case wait(Task<Value, any Error>)
        case uncached
    }

    private let state = NIOLockedValueBox(State())
    let lifetime: Duration
    let capacity: Int

    /// The time entries are measured by: the clock, or the tests' own.
    private let now: @Sendable () -> ContinuousClock.Instant
    /// Where a failed background refresh is told: no caller waits for it, so it would otherwise go unseen while
    /// the old value is answered.
    private let logger: Logger

    init(
        lifetime: Duration, capacity: Int = 256, logger: Logger = Logger(label: "tilgang.cache"),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.logger = logger
        self.now = now
    }

    /// The kept value (refreshed by `load()` in the background once past its lifetime), or `load()`'s answer,
    /// shared by every caller that asks while it runs. A failed load keeps nothing; the next call tries again.
    func value(for key: Key, load: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let now = self.now()
        let next = state.withLockedValue { state -> Next in
            let entry = state.entries[key]
            if let value = entry?.value, let loadedAt = entry?.loadedAt, now < loadedAt + lifetime {
                return .value(value)
            }
            if let loading = entry?.loading {
                return entry?.value.map(Next.value) ?? .wait(loading)
            }
            if entry == nil, state.entries.count >= capacity {
                // Full: make room from entries past their lifetime and not loading. Keys can come from a query
                // string, so a burst of new ones must not push out what everyone reads: when every entry is
                // fresh, this one is loaded for its caller and not kept.
                state.entries = state.entries.filter { $0.value.loading != nil || now < $0.value.loadedAt + lifetime }
                if state.entries.count >= capacity { return .uncached }
            }
            let task = startLoad(key, generation: state.generation, inBackground: entry?.value != nil, load: load)
            state.entries[key, default: Entry(value: nil, loadedAt: now, loading: nil)].loading = task
            return entry?.value.map(Next.value) ?? .wait(task)
        }
        switch next {
        case .value(let value): return value
        case .wait(let task): return try await task.value
        case .uncached: return try await load()
        }
    }

    /// After a change has committed. A load under way is not stopped (its callers get what it read), but keeps
    /// nothing.
    func removeAll() {
        state.withLockedValue { state in
            state.entries.removeAll()
            state.generation += 1
        }
    }

    private func startLoad(
        _ key: Key, generation: Int, inBackground: Bool, load: @escaping @Sendable () async throws -> Value
    ) -> Task<Value, any Error> {
        Task {
            do {
                let value = try await load()
                finish(key, generation: generation, value: value)
                return value
            } catch {
                finish(key, generation: generation, value: nil)
                if inBackground {
                    // The error's type only: a database error's text can quote the statement and its values.
                    logger.warning(
                        "Refreshing a cached value failed (\(String(reflecting: type(of: error)))); the kept value is answered until a load succeeds"
                    )
                }
                throw error
            }
        }
    }

    private func finish(_ key: Key, generation: Int, value: Value?) {
        state.withLockedValue { state in
            guard state.generation == generation, var entry = state.entries[key] else { return }
            entry.loading = nil
            if let value {
                entry.value = value
                entry.loadedAt = now()
            }
            state.entries[key] = entry
        }
    }
}
