/// A trust's instructions for prescribing after an approval (SPEC §5.10; Sykehuset Innlandet's values in seed 001).
///
/// The fields added after the first version are optional, so a configuration stored as JSON before they existed
/// still decodes; the guidance leaves out what a trust has not configured.
public struct PrescribingConfiguration: Codable, Hashable, Sendable {
    public var inHospitalSomaticProject: String
    public var inHospitalMentalHealthProject: String
    public var hPrescriptionProject: String
    public var whitePrescriptionSomaticProject: String
    public var whitePrescriptionMentalHealthProject: String
    /// Who approved, as the note on a white prescription names them.
    public var approverTitle: String
    /// Where the pharmacy sends the invoice for a white prescription; written in the prescription's note field.
    public var invoiceAddress: String
    /// The project's name after its code, as the trust's procedure writes it ("Off-label gitt i sykehus, somatikk").
    public var inHospitalSomaticProjectName: String?
    public var inHospitalMentalHealthProjectName: String?
    /// After "Prosjektkode <code>" in an H-prescription's note; "Off-label H-resept" when not set.
    public var hPrescriptionProjectName: String?
    public var whitePrescriptionSomaticProjectName: String?
    public var whitePrescriptionMentalHealthProjectName: String?
    /// Who supplies in-hospital use ("Sykehusapotekene HF, avdeling for sykehusleveranser").
    public var inHospitalSupplier: String?
    /// The ordering system for in-hospital use ("TønSys").
    public var orderingSystem: String?
    /// Units that order another way ("Tynset har egne bestillingsrutiner").
    public var orderingExceptions: String?
    /// Who pays for in-hospital use ("Fakturaen belastes den avdelingen som bestiller legemidlene").
    public var inHospitalInvoicing: String?
    /// The pharmacies the trust recommends for white prescriptions, because they know the scheme.
    public var recommendedPharmacies: String?

    public init(
        inHospitalSomaticProject: String, inHospitalMentalHealthProject: String, hPrescriptionProject: String,
        whitePrescriptionSomaticProject: String, whitePrescriptionMentalHealthProject: String, approverTitle: String,
        invoiceAddress: String, inHospitalSomaticProjectName: String? = nil,
        inHospitalMentalHealthProjectName: String? = nil, hPrescriptionProjectName: String? = nil,
        whitePrescriptionSomaticProjectName: String? = nil, whitePrescriptionMentalHealthProjectName: String? = nil,
        inHospitalSupplier: String? = nil, orderingSystem: String? = nil, orderingExceptions: String? = nil,
        inHospitalInvoicing: String? = nil, recommendedPharmacies: String? = nil
    ) {
        self.inHospitalSomaticProject = inHospitalSomaticProject
        self.inHospitalMentalHealthProject = inHospitalMentalHealthProject
        self.hPrescriptionProject = hPrescriptionProject
        self.whitePrescriptionSomaticProject = whitePrescriptionSomaticProject
        self.whitePrescriptionMentalHealthProject = whitePrescriptionMentalHealthProject
        self.approverTitle = approverTitle
        self.invoiceAddress = invoiceAddress
        self.inHospitalSomaticProjectName = inHospitalSomaticProjectName
        self.inHospitalMentalHealthProjectName = inHospitalMentalHealthProjectName
        self.hPrescriptionProjectName = hPrescriptionProjectName
        self.whitePrescriptionSomaticProjectName = whitePrescriptionSomaticProjectName
        self.whitePrescriptionMentalHealthProjectName = whitePrescriptionMentalHealthProjectName
        self.inHospitalSupplier = inHospitalSupplier
        self.orderingSystem = orderingSystem
        self.orderingExceptions = orderingExceptions
        self.inHospitalInvoicing = inHospitalInvoicing
        self.recommendedPharmacies = recommendedPharmacies
    }

    /// Sykehuset Innlandet's values, word for word from its procedure D45972, edition 8.02 (seed 001).
    public static let sykehusetInnlandet = PrescribingConfiguration(
        inHospitalSomaticProject: "DM 0228", inHospitalMentalHealthProject: "DM 0229", hPrescriptionProject: "DM 0231",
        whitePrescriptionSomaticProject: "DM 0223", whitePrescriptionMentalHealthProject: "DM 0230",
        approverTitle: "direktør Medisin og helsefag i SIHF",
        invoiceAddress: "Sykehuset Innlandet HF, Fakturamottak, Pb 104, 2381 Brumunddal",
        inHospitalSomaticProjectName: "Off-label gitt i sykehus, somatikk",
        inHospitalMentalHealthProjectName: "Off-label gitt i sykehus, psykisk helsevern",
        hPrescriptionProjectName: "Off-label H-resept",
        // The seed writes "Off label" without the hyphen here, unlike the other two projects.
        whitePrescriptionSomaticProjectName: "Off label hvit resept, somatikk",
        whitePrescriptionMentalHealthProjectName: "Off label hvit resept, psykisk helsevern",
        inHospitalSupplier: "Sykehusapotekene HF, avdeling for sykehusleveranser", orderingSystem: "TønSys",
        orderingExceptions: "Tynset har egne bestillingsrutiner",
        inHospitalInvoicing: "Fakturaen belastes den avdelingen som bestiller legemidlene",
        recommendedPharmacies: "Sykehusapotekene Innlandet sine utsalgssteder (Elverum, Hamar, Gjøvik, Lillehammer)")
}

/// Whether the applicant's department is somatic or in mental health care: it picks the project codes
/// (seed 001: DM 0228 / DM 0229 in hospital, DM 0223 / DM 0230 on a white prescription).
public enum DepartmentKind: String, Codable, Hashable, Sendable {
    case somatic
    case mentalHealth
}

/// What the prescriber does after approval, worded for the user. Text the prescriber must copy onto an order or
/// a prescription stands in «», exactly as the trust's procedure words it.
public struct PrescribingGuidance: Hashable, Sendable {
    public let inHospitalUse: String
    public let prescription: String
    /// For a medicine without Norwegian MT: the approval-exemption application still goes to the agency (R7/R8).
    /// Never for a medicine with MT.
    public let exemptionStep: String?

    /// The agency by the name seed 001 gives it.
    public static let agency = "Direktoratet for medisinske produkter (DMP)"

    /// - Parameters:
    ///   - department: the applicant's department; it picks the somatic or the mental-health project.
    ///   - decisionDate: the medical director's decision, quoted in the white-prescription note.
    public static func make(
        configuration c: PrescribingConfiguration, medicine: Medicine, department: DepartmentKind,
        decisionDate: CalendarDate, route: Route
    ) -> PrescribingGuidance {
        let mentalHealth = department == .mentalHealth
        return PrescribingGuidance(
            inHospitalUse: inHospital(c, mentalHealth: mentalHealth),
            prescription: medicine.hospitalFinanced
                ? hPrescription(c) : whitePrescription(c, mentalHealth: mentalHealth, decisionDate: decisionDate),
            exemptionStep: exemption(medicine: medicine, route: route))
    }

    /// The same, for callers that know only whether the department is in mental health care.
    public static func make(
        configuration c: PrescribingConfiguration, medicine: Medicine, mentalHealth: Bool, decisionDate: CalendarDate,
        route: Route
    ) -> PrescribingGuidance {
        make(
            configuration: c, medicine: medicine, department: mentalHealth ? .mentalHealth : .somatic,
            decisionDate: decisionDate, route: route)
    }

    /// "Prosjekt DM 0228 Off-label gitt i sykehus, somatikk", the project line of seed 001.
    static func projectLine(_ code: String, _ name: String?) -> String {
        "Prosjekt \(code)" + (name.map { " \($0)" } ?? "")
    }

    // Seed 001, «Forskrivning til bruk i sykehus».
    static func inHospital(_ c: PrescribingConfiguration, mentalHealth: Bool) -> String {
        let project =
            mentalHealth
            ? projectLine(c.inHospitalMentalHealthProject, c.inHospitalMentalHealthProjectName)
            : projectLine(c.inHospitalSomaticProject, c.inHospitalSomaticProjectName)
        var text = "Bruk i sykehus: rekvirer legemidlet fra " + (c.inHospitalSupplier ?? "sykehusapoteket")
        if let system = c.orderingSystem {
            text += ", via bestillingssystemet \(system)"
            if let exceptions = c.orderingExceptions { text += " (\(exceptions))" }
        }
        text += "."
        if let invoicing = c.inHospitalInvoicing { text += " \(invoicing)." }
        return text + " Merk bestilling og faktura med «\(project)»."
    }

    // Seed 001, «Forskrivning på resept» and «H-resept».
    static func hPrescription(_ c: PrescribingConfiguration) -> String {
        let note = "Prosjektkode \(c.hPrescriptionProject) \(c.hPrescriptionProjectName ?? "Off-label H-resept")"
        return "Resept: forskriv på e-resept. Legemiddelet er foretaksfinansiert (merket med «H» i Felleskatalogen): "
            + "skriv H-resept, legg inn refusjonskode for aktuell diagnose, og skriv i reseptens merknadsfelt: "
            + "«\(note)»."
    }

    // Seed 001, «Hvit resept»: the invoice address is one of the lines of the prescription's note field, so the
    // pharmacy knows where to send the invoice.
    static func whitePrescription(_ c: PrescribingConfiguration, mentalHealth: Bool, decisionDate: CalendarDate)
        -> String
    {
        let project =
            mentalHealth
            ? projectLine(c.whitePrescriptionMentalHealthProject, c.whitePrescriptionMentalHealthProjectName)
            : projectLine(c.whitePrescriptionSomaticProject, c.whitePrescriptionSomaticProjectName)
        var text =
            "Resept: forskriv på e-resept, hvit resept uten refusjon. Skriv i reseptens merknadsfelt: "
            + "«Godkjent off-label behandling av \(c.approverTitle), dato \(decisionDate.norwegian).», "
            + "«\(project)» og «Faktura sendes til: \(c.invoiceAddress)»."
        if let pharmacies = c.recommendedPharmacies {
            text += " Anbefal pasienten \(pharmacies), som kjenner ordningen."
        }
        return text
    }

    static func exemption(medicine: Medicine, route: Route) -> String? {
        switch (medicine.norwegianAuthorisation, route) {
        case (.authorised, _):
            // Seed 001: with MT for one or more indications, never apply for approval exemption.
            return nil
        case (_, .exemptionNotification):
            return "Legemiddelet mangler norsk MT: lever søknad om godkjenningsfritak til apoteket, som notifiserer "
                + "\(agency) (R7). Kontakt Sykehusapoteket for bistand. Bruk det forhåndsutfylte skjemaet nedenfor."
        default:
            return "Legemiddelet mangler norsk MT: send søknad om godkjenningsfritak til \(agency), som avgjør den "
                + "(R8). Kontakt Sykehusapoteket for bistand. Bruk det forhåndsutfylte skjemaet nedenfor."
        }
    }
}
