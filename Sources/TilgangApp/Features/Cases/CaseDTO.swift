import TilgangDomain
import Vapor

/// A case as the API returns it to someone allowed to read it.
struct CaseDTO: Content {
    struct Transition: Content {
        let from: String
        let to: String
        let action: String
        let actor: String
        let actorRole: String
        let actorTrust: String
        let onBehalfOf: String?
        let comment: String?
        let benefit: String?
        let resourceUse: String?
        let severity: String?
        let at: Date
        /// Chain v2: the step's conclusion (`recommend_approval`, `recommend_refusal`, `comment`, `objection`), its
        /// reasons, and the committee members who took part (names).
        let assessmentKind: String?
        let assessment: String?
        let members: [String]?
        /// The applicant's changes to a returned application: field, before, after.
        let amendments: [CaseAmendment.Change]?
    }

    let id: UUID
    let caseNumber: String
    let trust: String
    let department: String
    let kind: String
    let patientNIN: String?
    let patientTrust: String
    let crossTrust: Bool
    let groupDescription: String?
    let groupSize: Int?
    let medicineId: String
    let medicineName: String
    let indication: String
    let dosage: String
    let treatmentDuration: String
    let justification: String
    let alternatives: String
    let expectedBenefit: String
    let costEstimate: String
    let patientInformed: Bool
    let route: String
    let routeRules: [String]
    let routeExplanation: String
    let state: String
    let stateTitle: String
    let chainVersion: Int
    let version: Int
    let createdAt: Date?
    let decidedAt: Date?
    let transitions: [Transition]
    /// After approval: how to prescribe, from the trust's configuration (SPEC §5.10).
    let guidance: Guidance?
    /// After approval of a medicine without Norwegian MT: the approval-exemption application, filled in.
    let exemptionApplication: ExemptionApplication?
    let retentionYears: Int
    /// The refused case this application revises.
    let revisesCaseId: UUID?
}

extension CaseDTO {
    struct Guidance: Content {
        let inHospitalUse: String
        let prescription: String
        let exemptionStep: String?
    }

    /// The approval-exemption application (§ 2-5) as far as the case can fill it in; the prescriber signs it.
    struct ExemptionApplication: Content {
        let route: String
        let prescriberName: String
        let prescriberHPR: String
        let patientNIN: String?
        let group: String?
        let medicineName: String
        let atc: String
        let strengthAndForm: String
        let indication: String
        let dosage: String
        let duration: String
        let medicalJustification: String
        let trustCaseNumber: String
        let trustApprovedOn: String
    }
}
