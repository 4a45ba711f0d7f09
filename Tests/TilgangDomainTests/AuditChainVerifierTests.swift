import Testing

@testable import TilgangDomain

/// The streaming verifier against the whole-list `AuditChain.verify`: the same verdict, reason and row for every
/// kind of damage, so `tilgang audit verify` at ten-year scale says what it said before.
@Suite struct AuditChainVerifierTests {
    static let chain = AuditChainTests.chain

    static func streamed(
        _ rows: [AuditRecord], head: (sequence: Int, hash: String, mac: String)?,
        checkpoints: [AuditChain.Checkpoint] = []
    ) -> AuditChain.Verdict {
        var verifier = AuditChainVerifier(chain: chain, checkpoints: checkpoints)
        for row in rows where !verifier.take(row) { break }
        return verifier.finish(head: head)
    }

    static func renumbered(_ row: AuditRecord, sequence: Int) -> AuditRecord {
        AuditRecord(
            sequence: sequence, atMilliseconds: row.atMilliseconds, actorID: row.actorID, actorRole: row.actorRole,
            actorTrustID: row.actorTrustID, action: row.action, caseID: row.caseID, patientKey: row.patientKey,
            detail: row.detail, previousHash: row.previousHash, hash: row.hash)
    }

    /// Every single change to a log of six rows an attacker (or a faulty restore) could make.
    static func variants() -> [(name: String, rows: [AuditRecord])] {
        let rows = AuditChainTests.log(6)
        var variants: [(String, [AuditRecord])] = [("intact", rows), ("empty", []), ("one", [rows[0]])]
        for index in rows.indices {
            var edited = rows
            edited[index] = AuditChainTests.edited(rows[index], detail: "endret æøå")
            variants.append(("edited \(index)", edited))
            var deleted = rows
            deleted.remove(at: index)
            variants.append(("deleted \(index)", deleted))
            variants.append(("truncated at \(index)", Array(rows.prefix(index))))
            var doubled = rows
            doubled.insert(rows[index], at: index)
            variants.append(("doubled \(index)", doubled))
            if index + 1 < rows.count {
                var swapped = rows
                swapped.swapAt(index, index + 1)
                variants.append(("swapped \(index)", swapped))
            }
            var moved = rows
            moved[index] = renumbered(rows[index], sequence: rows[index].sequence + 10)
            variants.append(("renumbered \(index)", moved))
        }
        variants.append(("row zero", [renumbered(rows[0], sequence: 0)] + rows))
        let forged = AuditChain { _ in "forged" }.seal(
            after: rows[5], atMilliseconds: 0, actorID: "x", actorRole: "x", actorTrustID: "x", action: "read",
            caseID: nil, patientKey: nil, detail: "")
        variants.append(("forged", rows + [forged]))
        return variants
    }

    static func heads(_ rows: [AuditRecord]) -> [(sequence: Int, hash: String, mac: String)?] {
        let real = AuditChainTests.head(rows)
        return [
            nil, real, (real.sequence, real.hash, "not-the-mac"),
            (3, rows[2].hash, chain.headMAC(sequence: 3, hash: rows[2].hash)),
            (0, AuditChain.genesis, chain.headMAC(sequence: 0, hash: AuditChain.genesis)),
        ]
    }

    static func checkpointSets(_ rows: [AuditRecord]) -> [[AuditChain.Checkpoint]] {
        let at = "2026-11-29T10:00:00Z"
        let second = chain.checkpoint(.init(sequence: 2, hash: rows[1].hash), at: at)
        let last = chain.checkpoint(.init(sequence: 6, hash: rows[5].hash), at: at)
        let empty = chain.checkpoint(.init(sequence: 0, hash: AuditChain.genesis), at: at)
        let wrongHash = chain.checkpoint(.init(sequence: 4, hash: rows[2].hash), at: at)
        let beyond = chain.checkpoint(.init(sequence: 9, hash: rows[5].hash), at: at)
        let unsigned = AuditChain.Checkpoint(sequence: 2, hash: rows[1].hash, at: at, mac: "x")
        let negative = chain.checkpoint(.init(sequence: -1, hash: "x"), at: at)
        return [
            [], [second], [second, last], [empty], [wrongHash], [beyond], [unsigned], [last, unsigned], [negative],
        ]
    }

    @Test func everyVariantGetsTheVerdictOfTheWholeListVerify() {
        let rows = AuditChainTests.log(6)
        var verdicts: [AuditChain.Verdict] = []
        for variant in Self.variants() {
            for head in Self.heads(rows) {
                for checkpoints in Self.checkpointSets(rows) {
                    let whole = Self.chain.verify(variant.rows, head: head, checkpoints: checkpoints)
                    #expect(
                        Self.streamed(variant.rows, head: head, checkpoints: checkpoints) == whole,
                        "\(variant.name), head \(head?.sequence ?? -1), \(checkpoints.count) checkpoints")
                    verdicts.append(whole)
                }
            }
        }
        // The variants reach every kind of verdict, not just one.
        let reasons = Set(verdicts.compactMap { if case .broken(_, let reason) = $0 { reason } else { nil } })
        #expect(verdicts.contains(.intact(rows: 6)))
        #expect(verdicts.contains(.intact(rows: 0)))
        #expect(reasons.count >= 10, "\(reasons)")
    }

    @Test func anIntactChainWithCheckpointsIsIntactAndTheStreamKeepsNoRows() {
        let rows = AuditChainTests.log(2_000)
        let checkpoint = Self.chain.checkpoint(.init(sequence: 1_500, hash: rows[1_499].hash), at: "t")
        #expect(
            Self.streamed(rows, head: AuditChainTests.head(rows), checkpoints: [checkpoint]) == .intact(rows: 2_000))
        // a row that breaks the chain stops the verifier there; later rows are not looked at
        var verifier = AuditChainVerifier(chain: Self.chain)
        let taken = [verifier.take(rows[0]), verifier.take(rows[2]), verifier.take(rows[1])]
        #expect(taken == [true, false, false])
        #expect(verifier.count == 1)
        #expect(
            verifier.finish(head: AuditChainTests.head(rows))
                == .broken(sequence: 3, reason: "expected row 2 here: a row was deleted, inserted or reordered"))
    }
}
