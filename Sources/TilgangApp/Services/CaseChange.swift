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
            if let current = try await store.apply(
                change.step, to: change.caseID, at: change.position, expectedVersion: change.expectedVersion,
                state: change.state, decidedAt: change.decidedAt)
            {
                results.append(.failure(CaseError.versionConflict(current: current)))
                continue
            }
            results.append(.success(()))
            entries.append(change.audit)
        }
        try await audit.append(entries, on: db)
        return results
    }
}

/// A new application, complete but for its case number, committed by the case-creation group commit.
struct CaseCreation: Sendable {
    /// Handed over whole: only the commit touches it from here on.
    let model: CaseModel
    /// `SI-2026-`: the number is one more than the highest with this prefix.
    let numberPrefix: String
    let actor: AuditActor
    let detail: String

    /// In one transaction: each case takes the next number and is inserted; the audit rows follow together.
    static func commit(
        _ creations: [CaseCreation], audit: AuditLogService, on db: any Database
    ) async throws -> [Result<UUID, any Error>] {
        var entries: [AuditLogService.Entry] = []
        var results: [Result<UUID, any Error>] = []
        for creation in creations {
            let model = creation.model
            model.caseNumber = try await ReferenceNumber.next(creation.numberPrefix, in: \CaseModel.$caseNumber, on: db)
            try await model.create(on: db)
            entries.append(
                AuditLogService.Entry(
                    action: "case.create", actor: creation.actor, caseID: model.caseNumber,
                    patientKey: model.patientKey, detail: creation.detail, at: Date()))
            results.append(.success(try model.requireID()))
        }
        try await audit.append(entries, on: db)
        return results
    }
}
