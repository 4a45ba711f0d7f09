import Fluent
import Foundation
import SQLKit
import TilgangDomain
import Vapor

struct CUCaseDTO: Content {
    struct Gate: Content {
        let gate: String
        let title: String
        let required: Bool
        let passed: Bool
    }

    struct Event: Content {
        let action: String
        let actor: String
        let actorRole: String
        let comment: String?
        let at: Date?
    }

    let id: UUID
    let reference: String
    let kind: String
    let trust: String
    let department: String
    let requester: String
    let medicineId: String
    let medicineName: String
    /// Only for the requester and the hospital pharmacy; everyone else sees `patientMasked`.
    let patientNIN: String?
    /// Birth date part only (`010203*****`).
    let patientMasked: String?
    let indication: String
    let dosage: String
    let treatmentDuration: String
    let justification: String
    let state: String
    let stateTitle: String
    let version: Int
    let retentionYears: Int
    /// CUNP: every gate, whether it applies and whether it is passed; `openGates` in order.
    let gates: [Gate]
    let openGates: [String]
    let mayStartTreatment: Bool
    let events: [Event]
    /// CUNP: the decision that passed the exemption gate.
    let exemptionLink: CULinkedExemptionDTO?
    /// CUP: the draft cost agreement and its approval.
    let costAgreement: CUCostAgreementDTO?
    let costApproval: CUCostApprovalDTO?
}

extension CUCaseDTO {
    /// A list line: the same case without the identity number.
    var withoutPatient: CUCaseDTO {
        CUCaseDTO(
            id: id, reference: reference, kind: kind, trust: trust, department: department, requester: requester,
            medicineId: medicineId, medicineName: medicineName, patientNIN: nil, patientMasked: patientMasked,
            indication: indication,
            dosage: dosage, treatmentDuration: treatmentDuration, justification: justification, state: state,
            stateTitle: stateTitle, version: version, retentionYears: retentionYears, gates: gates,
            openGates: openGates, mayStartTreatment: mayStartTreatment, events: events, exemptionLink: exemptionLink,
            costAgreement: costAgreement, costApproval: costApproval)
    }
}
