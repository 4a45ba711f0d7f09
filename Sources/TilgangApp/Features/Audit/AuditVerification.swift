import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

/// `tilgang audit verify`: the chain (every row, the head, the operator's checkpoints), then the case rows the
/// chain vouches for (every stored step sealed, every seal stored, each case's state where its last step went).
extension AuditLogService {
    func verify(on database: any Database, checkpoints: [AuditChain.Checkpoint] = []) async throws
        -> AuditChain.Verdict
    {
        let rows = try await AuditEntryModel.query(on: database).sort(\.$sequence).all().map(Self.record)
        let head = try await AuditHeadModel.find(Self.headName, on: database)
        let verdict = chain.verify(rows, head: head.map { ($0.sequence, $0.hash, $0.mac) }, checkpoints: checkpoints)
        guard case .intact = verdict else { return verdict }
        let sealed = Set(
            rows.filter { $0.action.hasPrefix("case.") }.flatMap { DecisionSeal.hashes(inDetail: $0.detail) })
        let cases = try await Self.storedCases(on: database)
        let chain = chain
        if let problem = AuditCaseCheck.check(cases, sealedHashes: sealed, mac: chain.mac) {
            return .broken(sequence: rows.last?.sequence ?? 0, reason: problem)
        }
        return verdict
    }

    /// Every case with its steps, as the seals see them.
    static func storedCases(on database: any Database) async throws -> [AuditCaseCheck.StoredCase] {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        var steps: [UUID: [DecisionSeal]] = [:]
        let query: SQLQueryString = """
            SELECT case_id, "position", from_state, to_state, action, actor_id, on_behalf_of_id
            FROM case_transitions ORDER BY case_id, "position"
            """
        for row in try await sql.raw(query).all() {
            let caseID = try row.decode(column: "case_id", as: UUID.self)
            steps[caseID, default: []].append(
                DecisionSeal(
                    caseID: caseID.uuidString, position: try row.decode(column: "position", as: Int.self),
                    fromState: try row.decode(column: "from_state", as: String.self),
                    toState: try row.decode(column: "to_state", as: String.self),
                    action: try row.decode(column: "action", as: String.self),
                    actorID: try row.decode(column: "actor_id", as: UUID.self).uuidString,
                    onBehalfOfID: try row.decode(column: "on_behalf_of_id", as: UUID?.self)?.uuidString))
        }
        return try await sql.raw("SELECT id, case_number, state FROM cases").all().map { row in
            let id = try row.decode(column: "id", as: UUID.self)
            return AuditCaseCheck.StoredCase(
                caseID: id.uuidString, caseNumber: try row.decode(column: "case_number", as: String.self),
                state: try row.decode(column: "state", as: String.self), transitions: steps[id] ?? [])
        }
    }
}
