import FluentKit

/// Group commit: small writes that arrive while one transaction commits share the next one. Every write waits
/// for the transaction holding it to commit (nothing is acknowledged before it is durable) and gets its own
/// answer, so one write refused (a 409) does not refuse the others; a failed transaction fails all of its writes.
/// Used where a write is hot and its statements are few: the audit rows of case reads, and case actions. One
/// write transaction per write, each queueing for `SerializedWrites`' turn, capped those at a few hundred a second
/// (docs/load-benchmark.md).
public actor GroupCommit<Input: Sendable, Output: Sendable> {
    /// Runs inside the write transaction: one result per input, in order.
    public typealias Commit = @Sendable ([Input], any Database) async throws -> [Result<Output, any Error>]

    /// Enough to amortise a transaction; small enough to stay a few statements on every database.
    static var maximumBatch: Int { 128 }

    private let database: any Database
    private let turn: WriteTurn
    private let commit: Commit
    private var pending: [(input: Input, done: CheckedContinuation<Output, any Error>)] = []
    private var committing = false

    public init(database: any Database, turn: WriteTurn = .shared, commit: @escaping Commit) {
        self.database = database
        self.turn = turn
        self.commit = commit
    }

    /// Returns once the write is committed, with its own result. A caller already inside a write transaction
    /// must not come here (waiting for the turn it holds would never end): see `write(_:on:)`.
    public func submit(_ input: Input) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            pending.append((input, continuation))
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
            let inputs = batch.map(\.input)
            let commit = commit
            do {
                let results = try await database.writeTransaction(on: turn) { db in try await commit(inputs, db) }
                guard results.count == batch.count else { throw GroupCommitMismatch() }
                for (item, result) in zip(batch, results) { item.done.resume(with: result) }
            } catch {
                for item in batch { item.done.resume(throwing: error) }
            }
        }
        committing = false
    }
}

extension GroupCommit {
    /// Submits the write, or commits it at once in the caller's write transaction when there is one.
    public nonisolated func write(_ input: Input, on database: any Database) async throws -> Output {
        guard SerializedWrites.holding else { return try await submit(input) }
        let commit = commit
        let results = try await database.writeTransaction(on: turn) { db in try await commit([input], db) }
        guard let result = results.first else { throw GroupCommitMismatch() }
        return try result.get()
    }
}

/// A commit function that did not give one result per write: a fault of ours.
public struct GroupCommitMismatch: Error, CustomStringConvertible {
    public var description: String { "a group commit gave a different number of results than writes" }
}
