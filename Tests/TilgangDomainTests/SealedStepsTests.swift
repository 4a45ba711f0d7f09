import Testing

@testable import TilgangDomain

/// `SealedSteps` (the seals as 8-byte prefixes, cases checked one at a time) against `AuditCaseCheck.check` (every
/// seal text in a set, every case in memory): the same answer for each kind of change to the case rows.
@Suite struct SealedStepsTests {
    /// A stand-in keyed hash in the shape of HMAC-SHA256 in hex (64 digits), which the 8-byte prefix relies on.
    static func mac(_ payload: String) -> String {
        (0..<4).map { round in
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 &+ UInt64(round)
            for byte in ("nøkkel:" + payload).utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            let digits = String(hash, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }.joined()
    }

    static func step(_ caseID: String, _ position: Int, _ from: String, _ to: String, actor: String = "lege")
        -> DecisionSeal
    {
        DecisionSeal(
            caseID: caseID, position: position, fromState: from, toState: to, action: "submit", actorID: actor,
            onBehalfOfID: nil)
    }

    static func cases() -> [AuditCaseCheck.StoredCase] {
        (1...40).map { number in
            let id = "00000000-0000-0000-0000-\(String(repeating: "0", count: 10))\(number < 10 ? "0" : "")\(number)"
            let steps = (0..<(number % 4)).map { offset in
                step(id, offset + 1, "s\(offset)", "s\(offset + 1)")
            }
            return AuditCaseCheck.StoredCase(
                caseID: id, caseNumber: "SI-2026-\(number)", state: steps.last?.toState ?? "draft",
                transitions: steps)
        }
    }

    /// The audit rows' details: a few seals per row, one row repeating a seal (as the one-off sealing of older
    /// steps may), and rows without seals.
    static func details(_ cases: [AuditCaseCheck.StoredCase]) -> [String] {
        var details = cases.flatMap { stored in
            stored.transitions.map { "submitted->x seal:\(mac($0.canonicalPayload))" }
        }
        details.append("fields=justification")
        if let first = cases.first(where: { !$0.transitions.isEmpty })?.transitions.first {
            details.append("seal:\(mac(first.canonicalPayload)) seal:\(mac(first.canonicalPayload))")
        }
        return details
    }

    static func streamed(_ cases: [AuditCaseCheck.StoredCase], details: [String]) -> String? {
        var seals = SealedSteps()
        for detail in details { seals.add(detail: detail) }
        seals.seal()
        for stored in cases {
            if let problem = seals.check(stored, mac: mac) { return problem }
        }
        return seals.unmatched()
    }

    static func whole(_ cases: [AuditCaseCheck.StoredCase], details: [String]) -> String? {
        AuditCaseCheck.check(cases, sealedHashes: Set(details.flatMap(DecisionSeal.hashes(inDetail:))), mac: mac)
    }

    static func replacing(_ stored: AuditCaseCheck.StoredCase, state: String? = nil, steps: [DecisionSeal]? = nil)
        -> AuditCaseCheck.StoredCase
    {
        AuditCaseCheck.StoredCase(
            caseID: stored.caseID, caseNumber: stored.caseNumber, state: state ?? stored.state,
            transitions: steps ?? stored.transitions)
    }

    @Test func eachKindOfChangeIsFoundAsTheWholeCheckFindsIt() throws {
        let cases = Self.cases()
        let details = Self.details(cases)
        #expect(Self.streamed(cases, details: details) == nil)
        #expect(Self.whole(cases, details: details) == nil)
        var variants: [(String, [AuditCaseCheck.StoredCase])] = []
        for (index, stored) in cases.enumerated() {
            var changed = cases
            changed[index] = Self.replacing(stored, state: "approved")
            variants.append(("state \(index)", changed))
            var removed = cases
            removed.remove(at: index)
            variants.append(("case deleted \(index)", removed))
            var added = cases
            added[index] = Self.replacing(
                stored, steps: stored.transitions + [Self.step(stored.caseID, stored.transitions.count + 1, "a", "b")])
            variants.append(("step added \(index)", added))
            guard let last = stored.transitions.last else { continue }
            var edited = cases
            edited[index] = Self.replacing(
                stored,
                steps: stored.transitions.dropLast() + [
                    Self.step(stored.caseID, last.position, last.fromState, last.toState, actor: "direktør")
                ])
            variants.append(("step edited \(index)", edited))
            var dropped = cases
            dropped[index] = Self.replacing(stored, steps: Array(stored.transitions.dropFirst()))
            variants.append(("step deleted \(index)", dropped))
        }
        var found = 0
        for (name, variant) in variants {
            let whole = Self.whole(variant, details: details)
            let streamed = Self.streamed(variant, details: details)
            if let whole, whole.hasPrefix("the audit log sealed a step") {
                // With several seals missing the set's answer names any one of them (its order is random);
                // the stream names one of the same.
                let stored = Set(variant.flatMap { $0.transitions.map { Self.mac($0.canonicalPayload) } })
                let missing = details.flatMap(DecisionSeal.hashes(inDetail:)).filter { !stored.contains($0) }
                #expect(
                    missing.contains { streamed == Self.missingMessage($0) }
                        && missing.contains(where: {
                            whole == Self.missingMessage($0)
                        }), "\(name): \(streamed ?? "nil")")
            } else {
                #expect(streamed == whole, "\(name)")
            }
            if whole != nil { found += 1 }
        }
        // Deleting a case without steps, or changing its state, is nothing the seals cover; the rest is found.
        #expect(found == variants.count - 2 * cases.filter { $0.transitions.isEmpty }.count)
    }

    static func missingMessage(_ hash: String) -> String {
        "the audit log sealed a step (\(hash.prefix(12))…) that is no longer stored: a step was deleted"
    }

    @Test func aDeletedStepIsNamedByItsSealsFirstTwelveDigits() throws {
        let cases = Self.cases()
        let stored = try #require(cases.first { $0.transitions.count == 3 })
        let missing = Self.mac(stored.transitions[2].canonicalPayload)
        let kept = cases.map {
            $0.caseID == stored.caseID
                ? Self.replacing($0, state: "s2", steps: Array($0.transitions.prefix(2))) : $0
        }
        #expect(
            Self.streamed(kept, details: Self.details(cases)) == Self.missingMessage(missing))
    }
}
