import Vapor

/// The application as the page form posts it: every field text, so a group size that is no whole number is
/// named at its field with everything else kept, instead of the whole form failing to decode (a bare 400 that
/// lost what was typed).
struct CaseDraftForm: Content {
    var kind: String?
    var patientNIN: String?
    var patientTrust: String?
    var groupDescription: String?
    var groupSize: String?
    var medicineId: String?
    var indication: String?
    var dosage: String?
    var treatmentDuration: String?
    var justification: String?
    var alternatives: String?
    var expectedBenefit: String?
    var costEstimate: String?
    var patientInformed: String?
    var helfoRefused: String?

    var input: CaseDraftInput {
        var input = CaseDraftInput()
        input.kind = kind
        input.patientNIN = patientNIN
        input.patientTrust = patientTrust
        input.groupDescription = groupDescription
        let size = (groupSize ?? "").trimmingCharacters(in: .whitespaces)
        if let number = Int(size) {
            input.groupSize = number
        } else if !size.isEmpty {
            input.groupSizeTyped = groupSize
        }
        input.medicineId = medicineId
        input.indication = indication
        input.dosage = dosage
        input.treatmentDuration = treatmentDuration
        input.justification = justification
        input.alternatives = alternatives
        input.expectedBenefit = expectedBenefit
        input.costEstimate = costEstimate
        input.patientInformed = ["on", "true"].contains(patientInformed)
        input.helfoRefused = ["on", "true"].contains(helfoRefused)
        return input
    }
}
