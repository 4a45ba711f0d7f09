import Fluent
import TilgangDomain

/// A checked new application.
struct CaseDraft {
    let kind: String
    let patient: NationalIdentityNumber?
    let patientTrust: String
    let groupDescription: String?
    let groupSize: Int?
    let medicine: Medicine
    let indication: String
    let dosage: String
    let treatmentDuration: String
    let justification: String
    let alternatives: String
    let expectedBenefit: String
    let costEstimate: String
    let helfoRefused: Bool
}
