import Foundation
import TilgangDomain
import Vapor

/// An exemption application or notification as its readers see it. No trust deliberations: a prefilled
/// application says only that it came from an approved trust case.
struct ExemptionDTO: Content {
    struct Event: Content {
        let action: String
        let from: String
        let to: String
        let actor: String
        let actorRole: String
        let text: String?
        let similarTo: String?
        let similarity: Double?
        let at: Date?
    }

    let id: UUID
    let reference: String
    let kind: String
    /// The applicant's (or recording pharmacist's) user id.
    let submittedBy: UUID
    let state: String
    let stateTitle: String
    let version: Int
    let prescriberName: String
    let prescriberHPR: String
    let applicantKind: String
    let species: String
    let scope: String
    let patientNIN: String?
    let animal: String?
    let departmentCode: String?
    let medicineId: String
    let medicineName: String
    let indication: String
    let justification: String
    let quantity: String
    let validFrom: CalendarDate
    let validUntil: CalendarDate
    /// `not_yet_valid`, `valid`, `expiring_soon` or `expired` today (only meaningful once the exemption is granted).
    let validity: String
    let fatalWithoutAlternatives: Bool
    let eligibleForClinicalTrial: Bool
    let informedConsent: Bool
    let studyPhases: String?
    let patientsStudied: Int?
    let route: String
    let routeRules: [String]
    let warnings: [String]
    let prefilledFromTrustCase: Bool
    let assessment: ExemptionAssessment?
    let decidedOn: CalendarDate?
    let decisionReasons: String?
    let createdAt: Date?
    let events: [Event]
}
