/// A trust's instructions for prescribing after an approval (SPEC §5.10; Sykehuset Innlandet's values in seed 001).
public struct PrescribingConfiguration: Codable, Hashable, Sendable {
    public var inHospitalSomaticProject: String
    public var inHospitalMentalHealthProject: String
    public var hPrescriptionProject: String
    public var whitePrescriptionSomaticProject: String
    public var whitePrescriptionMentalHealthProject: String
    /// Who approved, as the note on a white prescription names them.
    public var approverTitle: String
    public var invoiceAddress: String

    public init(
        inHospitalSomaticProject: String, inHospitalMentalHealthProject: String, hPrescriptionProject: String,
        whitePrescriptionSomaticProject: String, whitePrescriptionMentalHealthProject: String, approverTitle: String,
        invoiceAddress: String
    ) {
        self.inHospitalSomaticProject = inHospitalSomaticProject
        self.inHospitalMentalHealthProject = inHospitalMentalHealthProject
        self.hPrescriptionProject = hPrescriptionProject
        self.whitePrescriptionSomaticProject = whitePrescriptionSomaticProject
        self.whitePrescriptionMentalHealthProject = whitePrescriptionMentalHealthProject
        self.approverTitle = approverTitle
        self.invoiceAddress = invoiceAddress
    }
}

/// What the prescriber does after approval, worded for the user.
public struct PrescribingGuidance: Hashable, Sendable {
    public let inHospitalUse: String
    public let prescription: String
    /// For a medicine without Norwegian MT: the approval-exemption application still goes to the agency (R7/R8).
    /// Never for a medicine with MT.
    public let exemptionStep: String?

    /// - Parameters:
    ///   - decisionDate: the medical director's decision, quoted in the white-prescription note.
    public static func make(
        configuration c: PrescribingConfiguration, medicine: Medicine, mentalHealth: Bool, decisionDate: CalendarDate,
        route: Route
    ) -> PrescribingGuidance {
        let inHospital = mentalHealth ? c.inHospitalMentalHealthProject : c.inHospitalSomaticProject
        let white = mentalHealth ? c.whitePrescriptionMentalHealthProject : c.whitePrescriptionSomaticProject
        let prescription =
            medicine.hospitalFinanced
            ? "H-legemiddel: skriv H-resept med diagnosens refusjonskode og merknaden «Prosjektkode \(c.hPrescriptionProject) "
                + "Off-label H-resept»."
            : "Skriv hvit resept uten refusjon med merknaden «Godkjent off-label behandling av \(c.approverTitle), dato "
                + "\(decisionDate.norwegian)» og prosjekt \(white). Faktura til \(c.invoiceAddress)."
        let exemption: String?
        switch (medicine.norwegianAuthorisation, route) {
        case (.authorised, _):
            exemption = nil
        case (_, .exemptionNotification):
            exemption =
                "Legemiddelet mangler norsk MT: lever søknad om godkjenningsfritak til apoteket, som notifiserer "
                + "Legemiddelverket (R7). Bruk det forhåndsutfylte skjemaet nedenfor."
        default:
            exemption =
                "Legemiddelet mangler norsk MT: send søknad om godkjenningsfritak til Legemiddelverket, som avgjør "
                + "den (R8). Bruk det forhåndsutfylte skjemaet nedenfor."
        }
        return PrescribingGuidance(
            inHospitalUse: "Bruk i sykehus: bestill fra sykehusapoteket merket prosjekt \(inHospital).",
            prescription: prescription, exemptionStep: exemption)
    }
}
