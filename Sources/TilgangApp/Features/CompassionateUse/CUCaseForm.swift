import Foundation
import Vapor

/// The new-case form as the browser sends it (checkboxes as text).
struct CUCaseForm: Content {
    var kind: String?
    var medicineId: String?
    var patientNIN: String?
    var indication: String?
    var dosage: String?
    var treatmentDuration: String?
    var justification: String?
    var pharmacyCostsCharged: String?
    var advancedTherapy: String?

    var input: CUCaseInput {
        CUCaseInput(
            kind: kind, medicineId: medicineId, patientNIN: patientNIN, indication: indication, dosage: dosage,
            treatmentDuration: treatmentDuration, justification: justification,
            pharmacyCostsCharged: pharmacyCostsCharged == "true", advancedTherapy: advancedTherapy == "true")
    }
}
