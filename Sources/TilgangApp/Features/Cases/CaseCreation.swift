import Fluent
import Foundation
import TilgangDomain

/// A new application, complete but for its case number, which the commit takes.
struct CaseCreation: Sendable {
    /// Handed over whole: only the commit touches it from here on.
    let model: CaseModel
    /// `SI-2026-`: the number is the next of this prefix's counter (`ReferenceNumber`).
    let numberPrefix: String
    let actor: AuditActor
    let detail: String
}
