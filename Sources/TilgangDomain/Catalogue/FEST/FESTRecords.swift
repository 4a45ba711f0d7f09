/// What Tilgang takes from one FEST release (M30 message, eResept v2.5): the catalogues of products, packages,
/// substances, refund groups and conditions, linked by their ids.
public struct FESTRelease: Sendable, Equatable {
    /// `HentetDato`: when the agency produced the file; names the release.
    public var retrievedAt: String = ""
    public var products: [FESTProduct] = []
    public var packages: [FESTPackage] = []
    public var substances: [String: String] = [:]
    /// `VirkestoffMedStyrke` id → the `Virkestoff` id it is a strength of.
    public var substancesWithStrength: [String: String] = [:]
    public var refundGroups: [String: FESTRefundGroup] = [:]
    public var conditions: [String: FESTCondition] = [:]

    public init() {}
}

/// `Status` of an entry: A = active, U = expired (kept in the file for a while after it is withdrawn).
public enum FESTStatus: String, Sendable, Equatable {
    case active = "A"
    case expired = "U"
}

/// A `LegemiddelMerkevare`: one brand in one form and strength.
public struct FESTProduct: Sendable, Equatable {
    public var id = ""
    public var status = FESTStatus.active
    public var atc = ""
    public var atcName = ""
    public var nameFormStrength = ""
    public var tradeName = ""
    public var form = ""
    /// `Reseptgruppe` V: A, B, C, F …
    public var prescriptionGroup: String?
    /// `Preparattype` V: 7 = medicine, 11 = "Krever godkj. fritak" (no Norwegian MT) …
    public var productType: Int?
    /// `TypeSoknadSlv` V: 1 no application, 2 the pharmacy decides, 3 to the agency.
    public var applicationType: Int?
    public var substanceRefs: [String] = []
    /// `SortertVirkestoffMedStyrke/RefVirkestoffMedStyrke`, used for the name when there is no `RefVirkestoff`.
    public var substanceWithStrengthRefs: [String] = []
    public var conditionRefs: [String] = []
    public var line = 0

    public init() {}
}

/// A `Legemiddelpakning` with its product number and marketing dates.
public struct FESTPackage: Sendable, Equatable {
    public var id = ""
    public var status = FESTStatus.active
    public var productNumber = ""
    public var productRefs: [String] = []
    public var refundGroupRefs: [String] = []
    public var marketedFrom: CalendarDate?
    public var deregisteredOn: CalendarDate?
    public var temporarilyUnavailableFrom: CalendarDate?
    public var line = 0

    public init() {}
}

/// A `Refusjonsgruppe`; blue-prescription groups require a refund code, H-prescription groups do not.
public struct FESTRefundGroup: Sendable, Equatable {
    public var id = ""
    public var requiresRefundCode = true
    public var codes: [FESTRefundCode] = []

    public init() {}
}

/// A `Refusjonskode`: an ICD-10 (OID …7110) or ICPC-2 (…7170) code with its validity.
public struct FESTRefundCode: Sendable, Equatable {
    public static let icd10System = "2.16.578.1.12.4.1.1.7110"

    public var value = ""
    public var system = ""
    public var validFrom: CalendarDate?
    public var prescribableUntil: CalendarDate?

    public init() {}
}

/// A `Vilkar`; number 34 is the prescriber-responsibility text of unregistered products.
public struct FESTCondition: Sendable, Equatable {
    public static let prescriberResponsibility = "34"

    public var id = ""
    public var number = ""
    public var text = ""

    public init() {}
}
