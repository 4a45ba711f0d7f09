import Fluent
import Vapor

/// Audit rows for reads, group-committed: a read waits until its row is committed, so no case is shown without
/// its audit row, but the reads that arrive while one batch commits share the next write transaction. Each read
/// taking its own turn in the write queue capped case pages at a few hundred per second (docs/load-benchmark.md).
actor ReadAuditBatcher {
    /// Enough to amortise a transaction; small enough to stay one statement on every database.
    static let maximumBatch = 256

    private let database: any Database
    private let audit: AuditLogService
    private var pending: [(entry: AuditLogService.Entry, done: CheckedContinuation<Void, any Error>)] = []
    private var committing = false

    init(database: any Database, audit: AuditLogService) {
        self.database = database
        self.audit = audit
    }

    /// Returns once the row is committed; throws when the batch holding it failed (the read must then fail too).
    /// A caller inside a write transaction appends in that transaction instead (`CaseService.read`): waiting
    /// here for the write turn it holds would never end.
    func record(_ entry: AuditLogService.Entry) async throws {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((entry, continuation))
            if !committing {
                committing = true
                // Detached: the committer must not inherit a caller's write turn (`SerializedWrites.holding`).
                Task.detached { await self.commitUntilEmpty() }
            }
        }
    }

    private func commitUntilEmpty() async {
        while !pending.isEmpty {
            let batch = Array(pending.prefix(Self.maximumBatch))
            pending.removeFirst(batch.count)
            let entries = batch.map(\.entry)
            let audit = audit
            do {
                try await database.writeTransaction { db in try await audit.append(entries, on: db) }
                for item in batch { item.done.resume() }
            } catch {
                for item in batch { item.done.resume(throwing: error) }
            }
        }
        committing = false
    }
}

extension Application {
    private struct ReadAuditBatcherKey: StorageKey {
        typealias Value = ReadAuditBatcher
    }

    /// Made at start-up (`configureServices`), on the application's default database.
    var readAudit: ReadAuditBatcher {
        get {
            guard let batcher = storage[ReadAuditBatcherKey.self] else {
                fatalError("configureServices(_:) not called")
            }
            return batcher
        }
        set { storage[ReadAuditBatcherKey.self] = newValue }
    }
}
