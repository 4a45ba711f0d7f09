/// `AuditChain.verify` one row at a time, so a log of tens of millions of rows is checked in a stream: it keeps
/// the previous hash, the row count and the hashes the checkpoints name, nothing per row. Same verdicts as the
/// whole-list `verify` (AuditChainVerifierTests compares them).
public struct AuditChainVerifier: Sendable {
    public let chain: AuditChain
    public let checkpoints: [AuditChain.Checkpoint]
    /// Rows taken so far.
    public private(set) var count = 0
    /// The first problem among the rows; no further row is looked at once it is set.
    public private(set) var problem: AuditChain.Verdict?
    private var previousHash = AuditChain.genesis
    /// The hash of each row a checkpoint names, as the row goes by.
    private var seen: [Int: String] = [:]
    private let wanted: Set<Int>

    public init(chain: AuditChain, checkpoints: [AuditChain.Checkpoint] = []) {
        self.chain = chain
        self.checkpoints = checkpoints
        wanted = Set(checkpoints.map(\.sequence).filter { $0 > 0 })
    }

    /// Takes the next row in stored order; false once the chain is broken (at this row or before).
    @discardableResult
    public mutating func take(_ row: AuditRecord) -> Bool {
        guard problem == nil else { return false }
        let expectedSequence = count + 1
        if row.sequence != expectedSequence {
            problem = .broken(
                sequence: row.sequence,
                reason: "expected row \(expectedSequence) here: a row was deleted, inserted or reordered")
        } else if row.previousHash != previousHash {
            problem = .broken(sequence: row.sequence, reason: "does not follow the row before it")
        } else if chain.mac(row.canonicalPayload) != row.hash {
            problem = .broken(sequence: row.sequence, reason: "its content does not match its keyed hash: edited")
        }
        guard problem == nil else { return false }
        count = expectedSequence
        previousHash = row.hash
        if wanted.contains(count) { seen[count] = row.hash }
        return true
    }

    /// The verdict once every row has been taken: the rows, then the head (kept apart from the rows), then the
    /// operator's checkpoints, as `AuditChain.verify` orders them.
    public func finish(head: (sequence: Int, hash: String, mac: String)?) -> AuditChain.Verdict {
        if let problem { return problem }
        let last = (sequence: count, hash: count == 0 ? AuditChain.genesis : previousHash)
        if head == nil, count > 0 {
            return .broken(sequence: last.sequence, reason: "the head record of the log is missing: it was deleted")
        }
        if let head, chain.headMAC(sequence: head.sequence, hash: head.hash) != head.mac {
            return .broken(sequence: head.sequence, reason: "the head record of the log was edited")
        }
        if let head, head.sequence != last.sequence || head.hash != last.hash {
            return .broken(
                sequence: head.sequence,
                reason: "the log ends at row \(last.sequence) but row \(head.sequence) was written")
        }
        for checkpoint in checkpoints {
            if chain.checkpointMAC(checkpoint.sequence, checkpoint.hash, checkpoint.at) != checkpoint.mac {
                return .broken(
                    sequence: checkpoint.sequence,
                    reason: "the checkpoint of \(checkpoint.at) is not signed by this key")
            }
            guard checkpoint.sequence <= count else {
                return .broken(
                    sequence: checkpoint.sequence,
                    reason: "the checkpoint of \(checkpoint.at) saw row \(checkpoint.sequence) but the log ends at row "
                        + "\(count): rows were deleted or an older copy of the database was restored")
            }
            if checkpoint.sequence > 0, seen[checkpoint.sequence] != checkpoint.hash {
                return .broken(
                    sequence: checkpoint.sequence,
                    reason:
                        "row \(checkpoint.sequence) is not the row the checkpoint of \(checkpoint.at) saw: the log was "
                        + "rewritten")
            }
        }
        return .intact(rows: count)
    }
}
