import Fluent
import Foundation
import TilgangDomain

/// One case action, decided by `CaseService.act` before the write.
struct CaseChange: Sendable {
    let caseID: UUID
    let expectedVersion: Int
    let state: CaseState
    let decidedAt: Date?
    let step: CaseTransitionRecord
    let position: Int
    let audit: AuditLogService.Entry
}
