import Fluent
import Foundation
import TilgangDomain

/// One case action, decided by `CaseService.act` before the write turn and committed by the case-change group
/// commit (`GroupCommit`).
struct CaseChange: Sendable {
    let caseID: UUID
    let expectedVersion: Int
    let state: CaseState
    let decidedAt: Date?
    let step: CaseTransitionRecord
    let position: Int
    let audit: AuditLogService.Entry

    /// In one transaction: each change whose case is still at the expected version is applied with its
    /// transition, and the audit rows of the applied ones are appended together; a case that moved on gets its
    /// own 409.
    static func commit(
        _ changes: [CaseChange], audit: AuditLogService, on db: any Database
    ) async throws -> [Result<Void, any Error>] {
        let store = try CaseStore(db)
        var results: [Result<Void, any Error>] = []
        var entries: [AuditLogService.Entry] = []
        for change in changes {
            if let current = try await store.compareAndSet(
                change.caseID, expectedVersion: change.expectedVersion, state: change.state,
                decidedAt: change.decidedAt)
            {
                results.append(.failure(CaseError.versionConflict(current: current)))
                continue
            }
            try await store.insert(change.step, caseID: change.caseID, position: change.position)
            results.append(.success(()))
            entries.append(change.audit)
        }
        try await audit.append(entries, on: db)
        return results
    }
}
