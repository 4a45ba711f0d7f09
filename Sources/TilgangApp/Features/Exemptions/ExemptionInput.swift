import Vapor

/// A new exemption application or notification, as the form and the API send it.
struct ExemptionInput: Content {
    var medicineId: String?
    var indication: String?
    var justification: String?
    var quantity: String?
    var validFrom: String?
    var validUntil: String?
    var scope: String?
    var species: String?
    /// For outside prescribers and notifications: `general_practitioner`, `dentist`, `veterinarian` (or
    /// `hospital_specialist` on a notification). Hospital users always apply as hospital specialists.
    var applicantKind: String?
    var patientNIN: String?
    var animal: String?
    var fatalWithoutAlternatives: Bool?
    var eligibleForClinicalTrial: Bool?
    var informedConsent: Bool?
    var studyPhases: String?
    var patientsStudied: Int?
    /// Notifications only: the prescriber on the prescription the pharmacy dispenses.
    var prescriberName: String?
    var prescriberHPR: String?
    /// Prefill from an approved trust case of the applicant's.
    var fromCaseId: UUID?
}
