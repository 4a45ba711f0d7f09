import Foundation
import TilgangDomain
import Vapor

/// The exemption form as the browser sends it: text only, so an empty number field is "not given", not an error.
struct ExemptionForm: Content {
    var medicineId: String?
    var indication: String?
    var justification: String?
    var quantity: String?
    var validFrom: String?
    var validUntil: String?
    var scope: String?
    var species: String?
    var applicantKind: String?
    var patientNIN: String?
    var animal: String?
    var fatalWithoutAlternatives: String?
    var eligibleForClinicalTrial: String?
    var informedConsent: String?
    var studyPhases: String?
    var patientsStudied: String?
    var prescriberName: String?
    var prescriberHPR: String?
    var fromCaseId: String?

    func input() throws -> ExemptionInput {
        func given(_ value: String?) -> String? { (value ?? "").isEmpty ? nil : value }
        let studied = given(patientsStudied)
        if let studied, Int(studied) == nil {
            throw ValidationFailure(field: "patientsStudied", message: "oppgi et helt tall")
        }
        return ExemptionInput(
            medicineId: given(medicineId), indication: given(indication), justification: given(justification),
            quantity: given(quantity), validFrom: validFrom, validUntil: validUntil, scope: given(scope),
            species: given(species), applicantKind: given(applicantKind), patientNIN: given(patientNIN),
            animal: given(animal), fatalWithoutAlternatives: fatalWithoutAlternatives == "true",
            eligibleForClinicalTrial: eligibleForClinicalTrial == "true",
            informedConsent: fromCaseId != nil && informedConsent == nil ? nil : informedConsent == "true",
            studyPhases: studyPhases, patientsStudied: studied.flatMap { Int($0) }, prescriberName: prescriberName,
            prescriberHPR: prescriberHPR, fromCaseId: given(fromCaseId).flatMap(UUID.init(uuidString:)))
    }
}
