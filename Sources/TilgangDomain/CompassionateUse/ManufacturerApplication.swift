/// The individual application the treating specialist sends to the manufacturer (SPEC §7: "no sensitive patient
/// data to the manufacturer"). It carries no free text from the case: the case's indication, dosage and
/// justification were written for the trust and may name the patient. Clinical detail for the manufacturer is a
/// separate text a person writes for it, which must pass `DeidentifiedText.check`; without one the application
/// holds only the reference, the medicine and the organisations.
public struct ManufacturerApplication: Codable, Hashable, Sendable {
    /// The case reference: it means nothing outside the trust.
    public let reference: String
    public let medicine: String
    public let atc: String
    /// The text written for the manufacturer, checked; `nil` when none has been written.
    public let deidentifiedText: String?
    public let treatingHospital: String
    public let supplyingPharmacy: String

    /// The patient's identity and the case's free text are not inputs; the only text is one that passed the check.
    public init(
        reference: String, medicine: Medicine, deidentifiedText: DeidentifiedText?, treatingHospital: String,
        supplyingPharmacy: String
    ) {
        self.reference = reference
        self.medicine = medicine.name
        self.atc = medicine.atc
        self.deidentifiedText = deidentifiedText?.text
        self.treatingHospital = treatingHospital
        self.supplyingPharmacy = supplyingPharmacy
    }
}
