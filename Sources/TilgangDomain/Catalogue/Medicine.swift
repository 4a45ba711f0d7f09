/// One medicine of the catalogue with every field the route rules read (SPEC §3).
///
/// The same shape arrives inline in a scenario and as a record of a catalogue import.
public struct Medicine: Codable, Hashable, Sendable {
    /// Stable catalogue key (upsert key of imports); `nil` for a medicine given inline in a scenario.
    public var id: String?
    public var name: String
    public var substance: String
    public var atc: String
    public var strength: String?
    public var form: String?
    /// Norwegian product number (varenummer), where one exists.
    public var productNumber: String?
    public var norwegianAuthorisation: NorwegianAuthorisation
    /// Whether an authorised medicine is actually marketed in Norway.
    public var marketed: Bool?
    public var deregisteredOn: CalendarDate?
    /// ICD-10 codes the Norwegian MT covers. Empty for FEST records, which carry none.
    public var approvedIndications: [String]
    /// ISO 3166-1 alpha-2 codes of countries where the medicine has MT.
    public var foreignAuthorisations: [String]
    public var negativeList: Bool
    /// Hospital-financed "H" drug.
    public var hospitalFinanced: Bool
    /// Pre-approved blue-prescription (blåresept) indications; non-empty means a blue-prescription medicine (R3).
    public var bluePrescriptionIndications: [String]
    public var nyeMetoder: NyeMetoderStatus
    public var nationalCompassionateUseList: Bool
    public var compassionateUseProgramme: CompassionateUseProgrammeStatus
    public var nationalStandardAgreement: NationalStandardAgreement
    /// The national agreement's annexes, by title (seed 000: the agreement comes with annexes per medicine).
    public var agreementAnnexes: [String]
    /// The hospital pharmacy that supplies the medicine under compassionate use.
    public var supplyingPharmacy: String?
    /// New medicine in an early phase, not yet authorised anywhere for this use (R6).
    public var earlyPhase: Bool
    /// THC content in percent for cannabis products (ATC N02BG10), else `nil` (R11).
    public var thcPercent: Double?
    /// The day an MT product replacing this unregistered one came to market (R9).
    public var replacedByMarketedProductOn: CalendarDate?
    /// FEST's `TypeSoknadSlv` for unregistered products: whether the pharmacy may decide (notification) or the
    /// agency must (R7, R8).
    public var exemptionApplicationType: ExemptionApplicationType?
    /// Where the record came from: `FEST 2026-11-14T03:00:00` for a FEST release, `nil` for a catalogue file.
    public var source: String?
    /// The FEST release in which the entry expired (status U) or disappeared; kept, never deleted, because cases
    /// point at it.
    public var retiredIn: String?

    public init(
        id: String? = nil, name: String, substance: String, atc: String, strength: String? = nil,
        form: String? = nil, productNumber: String? = nil, norwegianAuthorisation: NorwegianAuthorisation,
        marketed: Bool? = nil, deregisteredOn: CalendarDate? = nil, approvedIndications: [String] = [],
        foreignAuthorisations: [String] = [], negativeList: Bool = false, hospitalFinanced: Bool = false,
        bluePrescriptionIndications: [String] = [], nyeMetoder: NyeMetoderStatus = .none,
        nationalCompassionateUseList: Bool = false, compassionateUseProgramme: CompassionateUseProgrammeStatus = .none,
        nationalStandardAgreement: NationalStandardAgreement = .none, earlyPhase: Bool = false,
        thcPercent: Double? = nil, replacedByMarketedProductOn: CalendarDate? = nil, agreementAnnexes: [String] = [],
        supplyingPharmacy: String? = nil, exemptionApplicationType: ExemptionApplicationType? = nil,
        source: String? = nil, retiredIn: String? = nil
    ) {
        self.id = id
        self.name = name
        self.substance = substance
        self.atc = atc
        self.strength = strength
        self.form = form
        self.productNumber = productNumber
        self.norwegianAuthorisation = norwegianAuthorisation
        self.marketed = marketed
        self.deregisteredOn = deregisteredOn
        self.approvedIndications = approvedIndications
        self.foreignAuthorisations = foreignAuthorisations
        self.negativeList = negativeList
        self.hospitalFinanced = hospitalFinanced
        self.bluePrescriptionIndications = bluePrescriptionIndications
        self.nyeMetoder = nyeMetoder
        self.nationalCompassionateUseList = nationalCompassionateUseList
        self.compassionateUseProgramme = compassionateUseProgramme
        self.nationalStandardAgreement = nationalStandardAgreement
        self.earlyPhase = earlyPhase
        self.thcPercent = thcPercent
        self.replacedByMarketedProductOn = replacedByMarketedProductOn
        self.agreementAnnexes = agreementAnnexes
        self.supplyingPharmacy = supplyingPharmacy
        self.exemptionApplicationType = exemptionApplicationType
        self.source = source
        self.retiredIn = retiredIn
    }

    public var isCannabisProduct: Bool { thcPercent != nil || atc.hasPrefix("N02BG10") }
}
