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

/// One line of a desk list, without patient identity.
struct ExemptionSummaryDTO: Content {
    let id: UUID
    let reference: String
    let kind: String
    let state: String
    let stateTitle: String
    let medicineName: String
    let prescriberName: String
    let applicantKind: String
    let validFrom: CalendarDate
    let validUntil: CalendarDate
    let validity: String
    let createdAt: Date?
    /// The day the agency received it (Europe/Oslo) and the last day of its case-handling deadline (SPEC §6:
    /// 3 working days for electronic applications); nil for notifications, which the agency does not decide.
    let receivedOn: CalendarDate?
    let deadline: CalendarDate?
    /// Open, and past its deadline.
    let overdue: Bool
}

/// Table 1 of seed 004: agency decisions and notifications counted apart.
struct ExemptionCountsDTO: Content {
    let year: Int
    let agencyApplications: Int
    let approved: Int
    let refused: Int
    let pending: Int
    let notifications: Int
}

/// An action at the desk or by the applicant.
struct ExemptionActionInput: Content {
    var action: String?
    var professionalSoundness: String?
    var documentationLevel: String?
    var risk: String?
    var alternatives: String?
    var followUpAbility: String?
    var reasons: String?
    var grounds: String?
    var note: String?
    var allowed: Bool?
    /// The officer has seen the near-identical-reasons warning and keeps the text.
    var acknowledgeSimilarity: Bool?

    func parse() throws -> ExemptionAction {
        switch action {
        case "assess":
            return .assess(
                ExemptionAssessment(
                    professionalSoundness: professionalSoundness ?? "", documentationLevel: documentationLevel ?? "",
                    risk: risk ?? "", alternatives: alternatives ?? "", followUpAbility: followUpAbility ?? ""))
        case "approve": return .approve(reasons: reasons ?? "")
        case "refuse": return .refuse(reasons: reasons ?? "")
        case "appeal": return .appeal(grounds: grounds ?? "")
        case "forward_to_ministry": return .forwardToMinistry(note: note ?? "")
        case "record_ministry_outcome":
            guard let allowed else {
                throw ValidationFailure(field: "allowed", message: "oppgi om klagen ble tatt til følge")
            }
            return .recordMinistryOutcome(allowed: allowed, note: note ?? "")
        default:
            throw ValidationFailure(
                field: "action",
                message: "bruk assess, approve, refuse, appeal, forward_to_ministry eller record_ministry_outcome")
        }
    }
}
