import TilgangDomain
import Vapor

/// A new application as the form and the API send it. Every field is mandatory (seed 001); which ones depends
/// on `kind`: an individual application names the patient, a group application describes the group.
struct CaseDraftInput: Content {
    var kind: String?
    var patientNIN: String?
    /// The trust whose catchment area the patient lives in; defaults to the applicant's own.
    var patientTrust: String?
    var groupDescription: String?
    var groupSize: Int?
    var medicineId: String?
    var indication: String?
    var dosage: String?
    var treatmentDuration: String?
    var justification: String?
    var alternatives: String?
    var expectedBenefit: String?
    var costEstimate: String?
    /// The patient has been told the application registers identifiable data (SPEC §5.1).
    var patientInformed: Bool?
    var helfoRefused: Bool?
}

/// An action on a case, as the form and the API send it.
struct CaseActionInput: Content {
    var action: String
    var comment: String?
    var benefit: String?
    var resourceUse: String?
    var severity: String?
    /// Chain v2 (`assess`): the step's conclusion, its reasons and, for the committee, who took part.
    var assessmentKind: String?
    var assessment: String?
    var members: [String]?
}

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
}
