import Fluent
import TilgangDomain
import Vapor

/// The form's field names, which are also the API's.
enum CaseFormFields {
    static let all: Set<String> = [
        "kind", "patientNIN", "patientTrust", "groupDescription", "groupSize", "medicineId", "indication", "dosage",
        "treatmentDuration", "justification", "alternatives", "expectedBenefit", "costEstimate", "patientInformed",
    ]
}
