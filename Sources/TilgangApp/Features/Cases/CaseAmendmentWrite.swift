import Foundation
import TilgangDomain

/// An applicant's edit of an application that is with them, decided by `CaseService.amend` before the write: the
/// new field values, and for a case that was returned or asked for more (not a draft) the history step that
/// records the changes.
struct CaseAmendmentWrite: Sendable {
    let caseID: UUID
    let expectedVersion: Int
    /// The state the edit was made in: a case that has moved on meanwhile is refused like any stale version.
    let state: CaseState
    let columns: [(column: String, value: any Encodable & Sendable)]
    let step: CaseTransitionRecord?
    let position: Int
    let audit: AuditLogService.Entry
}
