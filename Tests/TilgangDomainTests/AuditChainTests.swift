import Testing

@testable import TilgangDomain

@Suite struct AuditChainTests {
    /// A stand-in keyed hash: deterministic and sensitive to every character, which is all the chain relies on.
    static let chain = AuditChain { payload in
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in ("key:" + payload).utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    static func log(_ count: Int) -> [AuditRecord] {
        var rows: [AuditRecord] = []
        for index in 0..<count {
            rows.append(
                chain.seal(
                    after: rows.last, atMilliseconds: 1_700_000_000_000 + Int64(index), actorID: "lege",
                    actorRole: "physician", actorTrustID: "SI", action: index.isMultiple(of: 2) ? "read" : "update",
                    caseID: "SI-2026-00000\(index)", patientKey: "p\(index)", detail: "row \(index)"))
        }
        return rows
    }

    static func head(_ rows: [AuditRecord]) -> (sequence: Int, hash: String, mac: String) {
        let last = rows.last!
        return (last.sequence, last.hash, chain.headMAC(sequence: last.sequence, hash: last.hash))
    }

    static func edited(_ row: AuditRecord, detail: String) -> AuditRecord {
        AuditRecord(
            sequence: row.sequence, atMilliseconds: row.atMilliseconds, actorID: row.actorID, actorRole: row.actorRole,
            actorTrustID: row.actorTrustID, action: row.action, caseID: row.caseID, patientKey: row.patientKey,
            detail: detail, previousHash: row.previousHash, hash: row.hash)
    }

    @Test func intactChainVerifies() {
        let rows = Self.log(5)
        #expect(Self.chain.verify(rows, head: Self.head(rows)) == .intact(rows: 5))
        #expect(rows[0].previousHash == AuditChain.genesis)
        #expect(rows[3].previousHash == rows[2].hash)
    }

    @Test func editedRowIsNamed() {
        // given
        var rows = Self.log(5)
        let head = Self.head(rows)
        rows[2] = Self.edited(rows[2], detail: "something else")
        // then
        #expect(
            Self.chain.verify(rows, head: head)
                == .broken(sequence: 3, reason: "its content does not match its keyed hash: edited"))
    }

    @Test func deletedReorderedAndInsertedRowsAreFound() {
        let rows = Self.log(5)
        let head = Self.head(rows)
        var deleted = rows
        deleted.remove(at: 1)
        #expect(Self.chain.verify(deleted, head: head) != .intact(rows: 4))
        var reordered = rows
        reordered.swapAt(1, 2)
        #expect(Self.chain.verify(reordered, head: head) != .intact(rows: 5))
        // a row re-sealed by someone without the key
        let forged = AuditChain { _ in "forged" }.seal(
            after: rows[4], atMilliseconds: 0, actorID: "x", actorRole: "x", actorTrustID: "x", action: "read",
            caseID: nil, patientKey: nil, detail: "")
        #expect(
            Self.chain.verify(rows + [forged], head: Self.head(rows))
                == .broken(sequence: 6, reason: "its content does not match its keyed hash: edited"))
    }

    @Test func deletingTheNewestRowsIsFoundThroughTheHead() {
        let rows = Self.log(5)
        #expect(Self.chain.verify(Array(rows.prefix(3)), head: Self.head(rows)) != .intact(rows: 3))
        let forgedHead = (sequence: 3, hash: rows[2].hash, mac: "not-the-mac")
        #expect(
            Self.chain.verify(Array(rows.prefix(3)), head: forgedHead)
                == .broken(sequence: 3, reason: "the head record of the log was edited"))
    }
}
