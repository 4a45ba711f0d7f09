/// The individual application the treating specialist sends to the manufacturer (SPEC §7). It has no field for
/// a national identity number, name or birth date: the manufacturer gets the clinical facts and a reference
/// that means nothing outside the trust.
public struct ManufacturerApplication: Codable, Hashable, Sendable {
    public let reference: String
    public let medicine: String
    public let atc: String
    public let indication: String
    public let dosage: String
    public let treatmentDuration: String
    public let justification: String
    public let treatingHospital: String
    public let supplyingPharmacy: String

    /// Builds the application from the case's clinical facts only; the patient's identity is not an input.
    public init(
        reference: String, medicine: Medicine, indication: String, dosage: String, treatmentDuration: String,
        justification: String, treatingHospital: String, supplyingPharmacy: String
    ) {
        self.reference = reference
        self.medicine = medicine.name
        self.atc = medicine.atc
        self.indication = indication
        self.dosage = dosage
        self.treatmentDuration = treatmentDuration
        self.justification = justification
        self.treatingHospital = treatingHospital
        self.supplyingPharmacy = supplyingPharmacy
    }
}
