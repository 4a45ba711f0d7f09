/// What the audit chain vouches for about a step in a case: which case, which step, from which state to which,
/// by which action, by whom and on whose behalf.
///
/// The chain covered who *did* something but not the case rows themselves: editing `case_transitions` or a case's
/// state (who approved, what was decided) went unnoticed. Each action's audit row now carries this seal's keyed
/// hash, and `audit verify` recomputes it from the stored transitions (AuditCaseCheck). Free texts are not part of
/// it: retention purges them, and they are the case's content, not its decision.
public struct DecisionSeal: Hashable, Sendable {
    public let caseID: String
    public let position: Int
    public let fromState: String
    public let toState: String
    public let action: String
    public let actorID: String
    public let onBehalfOfID: String?

    public init(
        caseID: String, position: Int, fromState: String, toState: String, action: String, actorID: String,
        onBehalfOfID: String?
    ) {
        self.caseID = caseID
        self.position = position
        self.fromState = fromState
        self.toState = toState
        self.action = action
        self.actorID = actorID
        self.onBehalfOfID = onBehalfOfID
    }

    /// The text the keyed hash covers, each part length-prefixed so no two seals share one.
    public var canonicalPayload: String {
        [
            "seal", caseID.lowercased(), String(position), fromState, toState, action, actorID.lowercased(),
            onBehalfOfID?.lowercased() ?? "",
        ]
        .map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
    }

    /// The marker in an audit row's detail that carries the seal's keyed hash.
    public static let marker = "seal:"

    /// The seal hashes named in an audit row's detail.
    public static func hashes(inDetail detail: String) -> [String] {
        detail.split(separator: " ").compactMap { word in
            word.hasPrefix(marker) ? String(word.dropFirst(marker.count)) : nil
        }
    }
}

/// Checks stored transitions and case states against the seals in the audit chain.
public enum AuditCaseCheck {
    public struct StoredCase: Sendable {
        public let caseID: String
        public let caseNumber: String
        public let state: String
        /// In position order.
        public let transitions: [DecisionSeal]

        public init(caseID: String, caseNumber: String, state: String, transitions: [DecisionSeal]) {
            self.caseID = caseID
            self.caseNumber = caseNumber
            self.state = state
            self.transitions = transitions
        }
    }

    /// The first discrepancy, or nil. `sealedHashes` are every seal hash in the (verified) chain; `mac` is the
    /// chain's keyed hash. Every stored step must be sealed, every seal must match a stored step, and a case's
    /// state must be where its last step went.
    public static func check(
        _ cases: [StoredCase], sealedHashes: Set<String>, mac: (String) -> String
    ) -> String? {
        var matched = Set<String>()
        for stored in cases {
            for seal in stored.transitions {
                let hash = mac(seal.canonicalPayload)
                if sealedHashes.contains(hash) {
                    matched.insert(hash)
                } else {
                    return "case \(stored.caseNumber), step \(seal.position) (\(seal.action) by \(seal.actorID)) is "
                        + "not the step the audit log sealed: changed or added outside Tilgang"
                }
            }
            if let last = stored.transitions.last, last.toState != stored.state {
                return "case \(stored.caseNumber) is «\(stored.state)» but its last sealed step went to "
                    + "«\(last.toState)»: the state was changed outside Tilgang"
            }
        }
        if let missing = sealedHashes.subtracting(matched).first {
            return "the audit log sealed a step (\(missing.prefix(12))…) that is no longer stored: a step was deleted"
        }
        return nil
    }
}
