/// The patient the medicine is meant for.
public struct Patient: Codable, Hashable, Sendable {
    public enum Species: String, Codable, Sendable, CaseIterable {
        case human
        case animal
    }

    public var species: Species
    public var fatalWithoutAlternatives: Bool
    public var informedConsent: Bool
    public var eligibleForClinicalTrial: Bool
    /// Clinically exceptional patient in the sense of the access scheme (R5).
    public var clinicallyExceptional: Bool

    public init(
        species: Species, fatalWithoutAlternatives: Bool = false, informedConsent: Bool = false,
        eligibleForClinicalTrial: Bool = false, clinicallyExceptional: Bool = false
    ) {
        self.species = species
        self.fatalWithoutAlternatives = fatalWithoutAlternatives
        self.informedConsent = informedConsent
        self.eligibleForClinicalTrial = eligibleForClinicalTrial
        self.clinicallyExceptional = clinicallyExceptional
    }
}

/// Who would prescribe and apply, and where (R11, R12, R3).
public struct Applicant: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case hospitalSpecialist = "hospital_specialist"
        case generalPractitioner = "general_practitioner"
        case dentist
        case veterinarian
    }

    public enum Setting: String, Codable, Sendable, CaseIterable {
        /// The specialist health service.
        case hospital
        case primaryCare = "primary_care"
    }

    public var kind: Kind
    public var setting: Setting

    public init(kind: Kind, setting: Setting) {
        self.kind = kind
        self.setting = setting
    }
}

/// Either a medicine given in full or a reference to a catalogue record.
public enum MedicineReference: Hashable, Sendable {
    case inline(Medicine)
    case catalogue(id: String)
}

/// Everything the route engine needs to decide (SPEC §4, issue contract).
public struct Scenario: Hashable, Sendable {
    public var medicine: MedicineReference
    /// ICD-10 code of the intended indication.
    public var indication: String
    public var date: CalendarDate
    public var patient: Patient
    public var applicant: Applicant
    public var trustPays: Bool
    public var helfoRefused: Bool
    public var generalShortagePermission: Bool
    /// The prescriber's reading of the SmPC, used when the catalogue holds no coded indications.
    public var indicationCovered: Bool?

    public init(
        medicine: MedicineReference, indication: String, date: CalendarDate, patient: Patient, applicant: Applicant,
        trustPays: Bool = false, helfoRefused: Bool = false, generalShortagePermission: Bool = false,
        indicationCovered: Bool? = nil
    ) {
        self.medicine = medicine
        self.indication = indication
        self.date = date
        self.patient = patient
        self.applicant = applicant
        self.trustPays = trustPays
        self.helfoRefused = helfoRefused
        self.generalShortagePermission = generalShortagePermission
        self.indicationCovered = indicationCovered
    }
}
