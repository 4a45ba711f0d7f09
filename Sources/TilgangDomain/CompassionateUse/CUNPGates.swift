/// The gates a compassionate-use named-patient case (CUNP, SPEC §7) must pass before treatment starts, in the
/// procedure's order. There are no exceptions: treatment start is refused while any gate is open.
public enum CUNPGate: String, Codable, Sendable, CaseIterable {
    /// Before the first use of the medicine in the trust: two different specialists have assessed it for the
    /// patient group.
    case twoSpecialistAssessments = "two_specialist_assessments"
    /// The section chief (or delegate) has handled the justified request, and contacted Sykehusinnkjøp when no
    /// national standard agreement exists.
    case sectionChiefHandling = "section_chief_handling"
    /// A national standard agreement exists (only the national medical directors' meeting changes its terms).
    case nationalAgreement = "national_agreement"
    /// The agency has granted the approval exemption (R8).
    case exemptionApproved = "exemption_approved"
    /// The individual application went to the manufacturer, without sensitive patient data.
    case manufacturerApplicationSent = "manufacturer_application_sent"
    /// Pharmacy and manufacturer have signed the supplementary (or other) agreement.
    case pharmacyManufacturerAgreement = "pharmacy_manufacturer_agreement"
    /// Pharmacy and trust have signed their agreement, approved by the level-2 leader — only when the
    /// short-duration agreement is used or pharmacy costs are charged.
    case pharmacyTrustAgreement = "pharmacy_trust_agreement"
    /// The level-2 leader has made sure the medical director is informed of this patient.
    case medicalDirectorInformed = "medical_director_informed"

    public var title: String {
        switch self {
        case .twoSpecialistAssessments: "To spesialister har vurdert behandlingen (første bruk i helseforetaket)"
        case .sectionChiefHandling: "Seksjonsoverlegen har behandlet forespørselen"
        case .nationalAgreement: "Nasjonal standardavtale finnes"
        case .exemptionApproved: "Godkjenningsfritak innvilget av DMP"
        case .manufacturerApplicationSent: "Individuell søknad sendt til produsenten"
        case .pharmacyManufacturerAgreement: "Avtale mellom sykehusapotek og produsent"
        case .pharmacyTrustAgreement: "Avtale mellom sykehusapotek og helseforetak (godkjent av nivå 2-leder)"
        case .medicalDirectorInformed: "Direktør medisin og helsefag er informert om pasienten"
        }
    }

    /// The role that passes the gate (the national agreement is a fact of the catalogue, passed by nobody here).
    public var owner: Role? {
        switch self {
        case .twoSpecialistAssessments: .physician
        case .sectionChiefHandling: .sectionChief
        case .nationalAgreement: nil
        case .exemptionApproved, .manufacturerApplicationSent: .physician  // or the pharmacy, for the exemption
        case .pharmacyManufacturerAgreement: .hospitalPharmacist
        case .pharmacyTrustAgreement, .medicalDirectorInformed: .level2Leader
        }
    }
}

/// What has been recorded on a CUNP case so far.
public struct CUNPProgress: Codable, Hashable, Sendable {
    /// Person ids of the specialists who assessed the treatment.
    public var specialistAssessors: [String] = []
    public var sectionChiefHandled = false
    public var sykehusinnkjopContacted = false
    public var exemptionReference: String?
    /// How the reference was given (absent on cases recorded before links were checked: a bare reference).
    public var exemptionLink: ExemptionLink?
    public var manufacturerApplicationSent = false
    public var pharmacyManufacturerAgreement = false
    public var pharmacyTrustAgreement = false
    public var medicalDirectorInformed = false
    public var treatmentStarted = false

    public init() {}
}

/// The facts about the medicine and the trust that decide which gates apply.
public struct CUNPContext: Hashable, Sendable {
    /// No earlier case of this medicine in the trust has passed the specialists' gate.
    public var firstUseInTrust: Bool
    public var agreement: NationalStandardAgreement
    /// The pharmacy charges its costs to the trust (then the pharmacy–trust agreement is required too).
    public var pharmacyCostsCharged: Bool

    public init(firstUseInTrust: Bool, agreement: NationalStandardAgreement, pharmacyCostsCharged: Bool) {
        self.firstUseInTrust = firstUseInTrust
        self.agreement = agreement
        self.pharmacyCostsCharged = pharmacyCostsCharged
    }

    public func isRequired(_ gate: CUNPGate) -> Bool {
        switch gate {
        case .twoSpecialistAssessments: firstUseInTrust
        case .pharmacyTrustAgreement: agreement == .short || pharmacyCostsCharged
        default: true
        }
    }
}

extension CUNPProgress {
    public func isPassed(_ gate: CUNPGate, in context: CUNPContext) -> Bool {
        switch gate {
        case .twoSpecialistAssessments: Set(specialistAssessors).count >= 2
        case .sectionChiefHandling: sectionChiefHandled && (context.agreement != .none || sykehusinnkjopContacted)
        case .nationalAgreement: context.agreement != .none
        case .exemptionApproved: exemptionReference != nil
        case .manufacturerApplicationSent: manufacturerApplicationSent
        case .pharmacyManufacturerAgreement: pharmacyManufacturerAgreement
        case .pharmacyTrustAgreement: pharmacyTrustAgreement
        case .medicalDirectorInformed: medicalDirectorInformed
        }
    }

    /// The required gates not yet passed, in the procedure's order.
    public func openGates(in context: CUNPContext) -> [CUNPGate] {
        CUNPGate.allCases.filter { context.isRequired($0) && !isPassed($0, in: context) }
    }

    public func mayStartTreatment(in context: CUNPContext) -> Bool { openGates(in: context).isEmpty }
}
