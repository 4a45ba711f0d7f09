import FluentKit
import NIOConcurrencyHelpers
import SQLKit

/// Write transactions one at a time. Every write appends to the audit log's hash chain and many take the next
/// reference number, both "read the last, write the next"; two at once would collide on the unique sequence or
/// number (a 500). So writes queue: within the process on an async mutex (SQLite has one writer anyway), and on
/// PostgreSQL also across processes on a transaction-scoped advisory lock.
public enum SerializedWrites {
    /// Set while a task holds a turn, so a write transaction inside another does not wait for itself.
    @TaskLocal public static var holding = false
    /// Any fixed number; every Tilgang write transaction takes the same advisory lock.
    static let advisoryLockKey = 7_243_001

    /// No turn within `turnTimeout`, or the turn held past `holdLimit`: the app answers 503 with Retry-After.
    public struct Busy: Error, CustomStringConvertible {
        public init() {}
        public var description: String { "Databasen er opptatt akkurat nå. Prøv igjen om litt." }
    }
}

/// One queue of write transactions: the application's is `shared`; a test makes its own so that it does not
/// queue behind (or hold up) anything else in the process.
public final class WriteTurn: Sendable {
    /// The turn every write of the application takes.
    public static let shared = WriteTurn()

    let mutex = AsyncMutex()
    /// How long a write waits for its turn before it gives up with 503: a stuck writer never hangs the rest.
    public let turnTimeout: Duration
    /// How long a write may hold its turn.
    public let holdLimit: Duration

    public init(turnTimeout: Duration = .seconds(8), holdLimit: Duration = .seconds(15)) {
        self.turnTimeout = turnTimeout
        self.holdLimit = holdLimit
    }
}

extension Database {
    /// A transaction that waits its turn behind every other write transaction (see `SerializedWrites`).
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T)
        async throws -> T
    {
        try await writeTransaction(on: .shared, body)
    }

    /// A write transaction in `turn`'s queue, with the turn's limits unless given others.
    public func writeTransaction<T: Sendable>(
        on turn: WriteTurn, turnTimeout: Duration? = nil, holdLimit: Duration? = nil,
        _ body: @escaping @Sendable (any Database) async throws -> T
    ) async throws -> T {
        if SerializedWrites.holding { return try await transaction(body) }
        guard await turn.mutex.lock(timeout: turnTimeout ?? turn.turnTimeout) else {
            throw SerializedWrites.Busy()
        }
        do {
            // The turn is bounded too: a transaction stuck in a dead connection gives up its turn after
            // `holdLimit` (503) instead of holding every other write back.
            let result = try await Deadline.run(holdLimit ?? turn.holdLimit) {
                try await SerializedWrites.$holding.withValue(true) {
                    try await self.transaction { db in
                        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                            // Bounded: a lock held by a dead session elsewhere fails this write (55P03 → 503).
                            // One statement, one round trip: `set_config(…, true)` is `SET LOCAL`, and the
                            // subquery (kept apart by OFFSET 0) sets it before the lock is asked for.
                            try await sql.raw(
                                """
                                SELECT pg_advisory_xact_lock(\(literal: SerializedWrites.advisoryLockKey)) \
                                FROM (SELECT set_config('lock_timeout', '5s', true) OFFSET 0) AS timeout
                                """
                            ).run()
                        }
                        return try await body(db)
                    }
                }
            }
            await turn.mutex.unlock()
            return result
        } catch {
            await turn.mutex.unlock()
            throw error
        }
    }
}

/// Runs an operation but stops waiting for it after a time limit (throws `SerializedWrites.Busy`); the operation
/// is cancelled and left to finish on its own. A cancelled caller stops waiting at once too, so a cancelled
/// writer does not keep the write turn until the limit.
enum Deadline {
    static func run<T: Sendable>(_ limit: Duration, _ operation: @escaping @Sendable () async throws -> T)
        async throws -> T
    {
        let once = ResumeOnce<T>()
        let work = NIOLockedValueBox<Task<Void, Never>?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                once.set(continuation)
                let task = Task { _ = once.resume(with: await Result(catching: operation)) }
                work.withLockedValue { $0 = task }
                // Cancelled before the task existed: the handler found nothing to cancel.
                if Task.isCancelled { task.cancel() }
                Task {
                    try? await Task.sleep(for: limit)
                    if once.resume(with: .failure(SerializedWrites.Busy())) { task.cancel() }
                }
            }
        } onCancel: {
            // Fluent runs a transaction's body in a task of its own, which cancellation does not reach; so the
            // caller stops waiting at once (and gives up the turn), and the body is left to end on its own, as
            // at the time limit.
            if once.resume(with: .failure(CancellationError())) { work.withLockedValue { $0 }?.cancel() }
        }
    }

    /// Resumes the continuation with whichever result comes first.
    final class ResumeOnce<T: Sendable>: Sendable {
        private let state = NIOLockedValueBox<(CheckedContinuation<T, any Error>?, Bool)>((nil, false))

        func set(_ continuation: CheckedContinuation<T, any Error>) {
            state.withLockedValue { $0.0 = continuation }
        }

        @discardableResult
        func resume(with result: Result<T, any Error>) -> Bool {
            let continuation: CheckedContinuation<T, any Error>? = state.withLockedValue { value in
                guard !value.1, let continuation = value.0 else { return nil }
                value.1 = true
                return continuation
            }
            continuation?.resume(with: result)
            return continuation != nil
        }
    }
}

extension Result where Failure == any Error {
    /// The outcome of async work as a value.
    public init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}

/// A first-come, first-served lock for async code, with a bounded wait.
actor AsyncMutex {
    private var locked = false
    private var waiters: [(id: UInt64, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextID: UInt64 = 0

    /// True once the lock is this caller's; false when `timeout` passed first.
    func lock(timeout: Duration) async -> Bool {
        guard locked else {
            locked = true
            return true
        }
        nextID += 1
        let id = nextID
        return await withCheckedContinuation { continuation in
            waiters.append((id, continuation))
            Task {
                try? await Task.sleep(for: timeout)
                self.expire(id)
            }
        }
    }

    func unlock() {
        if waiters.isEmpty {
            locked = false
        } else {
            waiters.removeFirst().continuation.resume(returning: true)
        }
    }

    private func expire(_ id: UInt64) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).continuation.resume(returning: false)
    }
}
