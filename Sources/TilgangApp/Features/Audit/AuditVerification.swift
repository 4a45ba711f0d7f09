import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

/// `tilgang audit verify`: the chain (every row, the head, the operator's checkpoints), then the case rows the
/// chain vouches for (every stored step sealed, every seal stored, each case's state where its last step went).
///
/// In a stream, so memory stays flat however long the log: the rows in keyset pages by sequence through
/// `AuditChainVerifier` (the previous hash, nothing per row), the seals kept as 8-byte prefixes (`SealedSteps`),
/// then the cases in pages by id, each page with its steps, checked case by case.
extension AuditLogService {
    /// Audit rows per query.
    static let verifyRowPage = 10_000
    /// Cases per query (with their steps).
    static let verifyCasePage = 1_000

    /// How far verification has come, for the caller's progress line.
    struct VerifyProgress {
        var rows = 0
        var cases = 0
    }

    func verify(
        on database: any Database, checkpoints: [AuditChain.Checkpoint] = [],
        progress: (VerifyProgress) -> Void = { _ in }
    ) async throws -> AuditChain.Verdict {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        var verifier = AuditChainVerifier(chain: chain, checkpoints: checkpoints)
        var seals = SealedSteps()
        // Int.min, not 0: a row slipped in with sequence 0 or below must be read to be found.
        var after = Int.min
        reading: while true {
            let page = try await sql.resultRows(
                AuditStreamQueries.RowsAfter(sequence: after, limit: Self.verifyRowPage))
            for row in page {
                let record = try AuditStreamQueries.record(row)
                guard verifier.take(record) else { break reading }
                if record.action.hasPrefix("case.") { seals.add(detail: record.detail) }
                after = record.sequence
            }
            progress(VerifyProgress(rows: verifier.count))
            if page.count < Self.verifyRowPage { break }
        }
        let head = try await AuditHeadModel.find(Self.headName, on: database)
        let verdict = verifier.finish(head: head.map { ($0.sequence, $0.hash, $0.mac) })
        guard case .intact = verdict else { return verdict }
        seals.seal()
        let mac = chain.mac
        var checked = 0
        var problem: String?
        try await Self.forEachStoredCase(on: sql) { stored in
            problem = seals.check(stored, mac: mac)
            checked += 1
            if checked.isMultiple(of: Self.verifyCasePage) {
                progress(VerifyProgress(rows: verifier.count, cases: checked))
            }
            return problem == nil
        }
        if let problem = problem ?? seals.unmatched() {
            return .broken(sequence: verifier.count, reason: problem)
        }
        progress(VerifyProgress(rows: verifier.count, cases: checked))
        return verdict
    }

    /// Every case with its steps, in id order, a page at a time; stops when `body` returns false.
    static func forEachStoredCase(
        on sql: any SQLDatabase, _ body: (AuditCaseCheck.StoredCase) throws -> Bool
    ) async throws {
        var after: UUID?
        while true {
            let cases =
                if let after {
                    try await sql.resultRows(AuditStreamQueries.CasesAfter(id: after, limit: verifyCasePage))
                } else {
                    try await sql.resultRows(AuditStreamQueries.FirstCases(limit: verifyCasePage))
                }
            guard let first = cases.first, let last = cases.last else { return }
            let firstID: UUID = try first.value("id")
            let lastID: UUID = try last.value("id")
            var steps: [UUID: [DecisionSeal]] = [:]
            for row in try await sql.resultRows(AuditStreamQueries.StepsBetween(first: firstID, last: lastID)) {
                let (caseID, seal) = try AuditStreamQueries.seal(row)
                steps[caseID, default: []].append(seal)
            }
            for row in cases {
                let id: UUID = try row.value("id")
                let stored = AuditCaseCheck.StoredCase(
                    caseID: id.uuidString, caseNumber: try row.value("case_number"), state: try row.value("state"),
                    transitions: steps[id] ?? [])
                guard try body(stored) else { return }
            }
            if cases.count < verifyCasePage { return }
            after = lastID
        }
    }

    /// Every case with its steps, as the seals see them (at start-up, for a database from before step seals).
    static func storedCases(on database: any Database) async throws -> [AuditCaseCheck.StoredCase] {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        var cases: [AuditCaseCheck.StoredCase] = []
        try await forEachStoredCase(on: sql) { stored in
            cases.append(stored)
            return true
        }
        return cases
    }
}
