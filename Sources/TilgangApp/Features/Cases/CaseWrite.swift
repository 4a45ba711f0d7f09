import Fluent
import Foundation
import TilgangDomain

/// What the cases' group commit writes (`GroupCommit`, `Application.caseWrites`): new cases, actions and the audit
/// rows of reads, in arrival order, in one transaction per batch. One committer for all three, so a mixed load
/// shares one transaction instead of taking turns.
enum CaseWrite: Sendable {
    case create(CaseCreation)
    case change(CaseChange)
    case amend(CaseAmendmentWrite)
    case read(AuditLogService.Entry)

    /// Each write's own result: a new case's id, nil for the others; a case that moved on gets its own 409. The
    /// audit rows of every applied write are appended together at the end.
    static func commit(
        _ writes: [CaseWrite], audit: AuditLogService, now: Date, on db: any Database
    ) async throws -> [Result<UUID?, any Error>] {
        let store = try CaseStore(db)
        var results: [Result<UUID?, any Error>] = []
        var entries: [AuditLogService.Entry] = []
        for write in writes {
            switch write {
            case .create(let creation):
                let model = creation.model
                model.caseNumber = try await ReferenceNumber.next(
                    creation.numberPrefix, in: \CaseModel.$caseNumber, on: db)
                try await store.insert(model, createdAt: now)
                entries.append(
                    AuditLogService.Entry(
                        action: "case.create", actor: creation.actor, caseID: model.caseNumber,
                        patientKey: model.patientKey, detail: creation.detail, at: now))
                results.append(.success(try model.requireID()))
            case .change(let change):
                if let current = try await store.apply(
                    change.step, to: change.caseID, at: change.position, expectedVersion: change.expectedVersion,
                    state: change.state, decidedAt: change.decidedAt)
                {
                    results.append(.failure(CaseError.versionConflict(current: current)))
                    continue
                }
                entries.append(change.audit)
                results.append(.success(nil))
            case .amend(let amendment):
                if let current = try await store.amend(amendment) {
                    results.append(.failure(CaseError.versionConflict(current: current)))
                    continue
                }
                entries.append(amendment.audit)
                results.append(.success(nil))
            case .read(let entry):
                entries.append(entry)
                results.append(.success(nil))
            }
        }
        try await audit.append(entries, on: db)
        return results
    }
}
