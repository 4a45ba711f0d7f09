import TilgangDomain
import Vapor

/// One line of a work list: no patient identity, only what is needed to pick the case.
struct CaseSummaryDTO: Content {
    let id: UUID
    let caseNumber: String
    let kind: String
    let medicineName: String
    let indication: String
    let state: String
    let stateTitle: String
    let trust: String
    let department: String
    let createdAt: Date?
    let version: Int
    /// The applicant as they were named when they applied.
    let applicantName: String?
    /// The patient masked to a birth year (never the identity number); nil for a group.
    let patientBirthYear: Int?
    /// When the case reached its current state.
    let waitingSince: Date?
}
