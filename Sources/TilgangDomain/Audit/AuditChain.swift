/// One row of the append-only audit log: who did what to which case, when (UTC).
///
/// `patientKey` is a keyed hash of the patient's identity number, never the number itself, so the log can answer
/// "who has read this patient's cases" without holding the number.
public struct AuditRecord: Hashable, Sendable {
    public let sequence: Int
    /// Seconds since 1970 in UTC, whole milliseconds, so every database stores and returns it exactly.
    public let atMilliseconds: Int64
    public let actorID: String
    public let actorRole: String
    public let actorTrustID: String
    public let action: String
    public let caseID: String?
    public let patientKey: String?
    public let detail: String
    public let previousHash: String
    public let hash: String

    public init(
        sequence: Int, atMilliseconds: Int64, actorID: String, actorRole: String, actorTrustID: String,
        action: String, caseID: String?, patientKey: String?, detail: String, previousHash: String, hash: String
    ) {
        self.sequence = sequence
        self.atMilliseconds = atMilliseconds
        self.actorID = actorID
        self.actorRole = actorRole
        self.actorTrustID = actorTrustID
        self.action = action
        self.caseID = caseID
        self.patientKey = patientKey
        self.detail = detail
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The exact text the keyed hash covers: every field but the hash, the previous hash first, so an edited,
    /// inserted, reordered or deleted row breaks the chain.
    public var canonicalPayload: String {
        // Appended into one buffer (not mapped and joined): `audit verify` builds one per row.
        var text = ""
        text.reserveCapacity(previousHash.utf8.count + actorID.utf8.count + detail.utf8.count + 160)
        for (index, part) in [
            previousHash, String(sequence), String(atMilliseconds), actorID, actorRole, actorTrustID, action,
            caseID ?? "", patientKey ?? "", detail,
        ].enumerated() {
            if index > 0 { text += "|" }
            text += String(part.utf8.count)
            text += ":"
            text += part
        }
        return text
    }
}

/// Builds and verifies the keyed hash chain of the audit log. The MAC (HMAC-SHA256 with the configured key)
/// is passed in, so the rules of the chain stay free of any crypto library.
public struct AuditChain: Sendable {
    /// The previous hash of the first row.
    public static let genesis = String(repeating: "0", count: 64)

    public let mac: @Sendable (String) -> String

    public init(mac: @escaping @Sendable (String) -> String) {
        self.mac = mac
    }

    /// What a new row needs of the row before it.
    public struct Link: Equatable, Sendable {
        public let sequence: Int
        public let hash: String

        public init(sequence: Int, hash: String) {
            self.sequence = sequence
            self.hash = hash
        }
    }

    /// The row that follows `previous` (or starts the chain), with its hash.
    public func seal(
        after previous: AuditRecord?, atMilliseconds: Int64, actorID: String, actorRole: String,
        actorTrustID: String, action: String, caseID: String?, patientKey: String?, detail: String
    ) -> AuditRecord {
        seal(
            after: previous.map { Link(sequence: $0.sequence, hash: $0.hash) }, atMilliseconds: atMilliseconds,
            actorID: actorID, actorRole: actorRole, actorTrustID: actorTrustID, action: action, caseID: caseID,
            patientKey: patientKey, detail: detail)
    }

    /// The row that follows the row linked by `previous` (or starts the chain), with its hash.
    public func seal(
        after previous: Link?, atMilliseconds: Int64, actorID: String, actorRole: String,
        actorTrustID: String, action: String, caseID: String?, patientKey: String?, detail: String
    ) -> AuditRecord {
        let unsealed = AuditRecord(
            sequence: (previous?.sequence ?? 0) + 1, atMilliseconds: atMilliseconds, actorID: actorID,
            actorRole: actorRole, actorTrustID: actorTrustID, action: action, caseID: caseID, patientKey: patientKey,
            detail: detail, previousHash: previous?.hash ?? Self.genesis, hash: "")
        return AuditRecord(
            sequence: unsealed.sequence, atMilliseconds: atMilliseconds, actorID: actorID, actorRole: actorRole,
            actorTrustID: actorTrustID, action: action, caseID: caseID, patientKey: patientKey, detail: detail,
            previousHash: unsealed.previousHash, hash: mac(unsealed.canonicalPayload))
    }

    /// The keyed hash of the head record (last sequence and hash), so the head cannot be rewritten either.
    public func headMAC(sequence: Int, hash: String) -> String { mac("head|\(sequence)|\(hash)") }

    /// What verification found: nothing, or the first row that breaks the chain and why.
    public enum Verdict: Equatable, Sendable {
        case intact(rows: Int)
        case broken(sequence: Int, reason: String)
    }

    /// A signed note of where the chain's head was at a moment, kept by the operator outside the database
    /// (`tilgang audit anchor`), so that a restore of an older database or a wipe of the log is detected.
    public struct Checkpoint: Equatable, Sendable {
        public let sequence: Int
        public let hash: String
        public let at: String
        public let mac: String

        public init(sequence: Int, hash: String, at: String, mac: String) {
            self.sequence = sequence
            self.hash = hash
            self.at = at
            self.mac = mac
        }
    }

    /// A checkpoint of the head `link` taken at `at`.
    public func checkpoint(_ link: Link, at: String) -> Checkpoint {
        Checkpoint(sequence: link.sequence, hash: link.hash, at: at, mac: checkpointMAC(link.sequence, link.hash, at))
    }

    func checkpointMAC(_ sequence: Int, _ hash: String, _ at: String) -> String {
        mac("checkpoint|\(sequence)|\(hash)|\(at)")
    }

    /// Checks rows in stored order against each other, against the recorded head (kept apart from the rows so
    /// that deleting the newest rows is detected too) and against the operator's checkpoints (so that deleting
    /// the rows together with the head, or restoring an older copy of both, is detected).
    public func verify(
        _ rows: [AuditRecord], head: (sequence: Int, hash: String, mac: String)?, checkpoints: [Checkpoint] = []
    ) -> Verdict {
        var previousHash = Self.genesis
        var hashes: [String] = []
        hashes.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            let expectedSequence = index + 1
            if row.sequence != expectedSequence {
                return .broken(
                    sequence: row.sequence,
                    reason: "expected row \(expectedSequence) here: a row was deleted, inserted or reordered")
            }
            if row.previousHash != previousHash {
                return .broken(sequence: row.sequence, reason: "does not follow the row before it")
            }
            if mac(row.canonicalPayload) != row.hash {
                return .broken(sequence: row.sequence, reason: "its content does not match its keyed hash: edited")
            }
            previousHash = row.hash
            hashes.append(row.hash)
        }
        let last = rows.last.map { (sequence: $0.sequence, hash: $0.hash) } ?? (sequence: 0, hash: Self.genesis)
        if head == nil, !rows.isEmpty {
            return .broken(sequence: last.sequence, reason: "the head record of the log is missing: it was deleted")
        }
        if let head, headMAC(sequence: head.sequence, hash: head.hash) != head.mac {
            return .broken(sequence: head.sequence, reason: "the head record of the log was edited")
        }
        if let head, head.sequence != last.sequence || head.hash != last.hash {
            return .broken(
                sequence: head.sequence,
                reason: "the log ends at row \(last.sequence) but row \(head.sequence) was written")
        }
        for checkpoint in checkpoints {
            if checkpointMAC(checkpoint.sequence, checkpoint.hash, checkpoint.at) != checkpoint.mac {
                return .broken(
                    sequence: checkpoint.sequence,
                    reason: "the checkpoint of \(checkpoint.at) is not signed by this key")
            }
            guard checkpoint.sequence <= hashes.count else {
                return .broken(
                    sequence: checkpoint.sequence,
                    reason: "the checkpoint of \(checkpoint.at) saw row \(checkpoint.sequence) but the log ends at row "
                        + "\(hashes.count): rows were deleted or an older copy of the database was restored")
            }
            if checkpoint.sequence > 0, hashes[checkpoint.sequence - 1] != checkpoint.hash {
                return .broken(
                    sequence: checkpoint.sequence,
                    reason:
                        "row \(checkpoint.sequence) is not the row the checkpoint of \(checkpoint.at) saw: the log was "
                        + "rewritten")
            }
        }
        return .intact(rows: rows.count)
    }
}
