import TilgangDomain

/// A checked exemption draft.
struct ExemptionDraft {
    let medicine: Medicine
    let indication: String
    let justification: String
    let quantity: String
    let validFrom: CalendarDate
    let validUntil: CalendarDate
    let scope: ExemptionScope
    let species: Patient.Species
    let applicant: Applicant
    let patient: NationalIdentityNumber?
    let animal: String?
    let departmentCode: String?
    let fatalWithoutAlternatives: Bool
    let eligibleForClinicalTrial: Bool
    let informedConsent: Bool
    let earlyPhase: EarlyPhaseDocumentation?
    let prescriberName: String
    let prescriberHPR: String
}
