import Fluent
import SQLKit

/// Write transactions one at a time. Every write appends to the audit log's hash chain and many take the next
/// reference number, both "read the last, write the next"; two at once would collide on the unique sequence or
/// number (a 500). So writes queue: within the process on an async mutex (SQLite has one writer anyway), and on
/// PostgreSQL also across processes on a transaction-scoped advisory lock.
enum SerializedWrites {
    /// Set while a task holds the mutex, so a write transaction inside another does not wait for itself.
    @TaskLocal static var holding = false
    static let mutex = AsyncMutex()
    /// Any fixed number; every Tilgang write transaction takes the same advisory lock.
    static let advisoryLockKey = 7_243_001
}

extension Database {
    /// A transaction that waits its turn behind every other write transaction (see `SerializedWrites`).
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        if SerializedWrites.holding { return try await transaction(body) }
        await SerializedWrites.mutex.lock()
        do {
            let result = try await SerializedWrites.$holding.withValue(true) {
                try await transaction { db in
                    if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                        try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: SerializedWrites.advisoryLockKey))")
                            .run()
                    }
                    return try await body(db)
                }
            }
            await SerializedWrites.mutex.unlock()
            return result
        } catch {
            await SerializedWrites.mutex.unlock()
            throw error
        }
    }
}

/// A first-come, first-served lock for async code.
actor AsyncMutex {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        guard locked else {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func unlock() {
        if waiters.isEmpty {
            locked = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
