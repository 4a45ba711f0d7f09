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
    /// The page form's group size when it was not a whole number (`CaseDraftForm`): kept so the form shows it
    /// again and the validator names the field. Not part of the API, which refuses a wrong type with 400.
    var groupSizeTyped: String?

    private enum CodingKeys: String, CodingKey {
        case kind, patientNIN, patientTrust, groupDescription, groupSize, medicineId, indication, dosage
        case treatmentDuration, justification, alternatives, expectedBenefit, costEstimate, patientInformed
        case helfoRefused, groupSizeTyped
    }
}
