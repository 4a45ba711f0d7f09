/// A place in Norway that can make medicines (seed 003 appendices C–E, `data/production-sites-2020.csv`).
public struct ProductionSite: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case hospitalPharmacy = "hospital_pharmacy"
        case serviceProduction = "service_production"
        case industry

        public var title: String {
            switch self {
            case .hospitalPharmacy: "Sykehusapotek"
            case .serviceProduction: "Serviceproduksjon"
            case .industry: "Industri"
            }
        }
    }

    /// What the site may make under: pharmacy production (Pharmacy Act) only when no equivalent MT product is
    /// available (seed 003 §1.3); a manufacturing authorisation under the Medicines Act; or none at all.
    public enum Licence: String, Codable, Sendable, CaseIterable {
        case pharmacyAct = "pharmacy_act"
        case medicinesAct = "medicines_act"
        case none

        public var title: String {
            switch self {
            case .pharmacyAct: "Apotekloven (apotektilvirkning)"
            case .medicinesAct: "Legemiddelloven (tilvirkertillatelse)"
            case .none: "Ingen tilvirkertillatelse"
            }
        }
    }

    public enum SpareCapacity: String, Codable, Sendable, CaseIterable {
        case canIncrease = "can_increase"
        case some
        case little
        case none
        /// Blank in the report.
        case unknown = ""

        /// Points in a proposal's rank.
        public var points: Int {
            switch self {
            case .canIncrease: 3
            case .some: 2
            case .little: 1
            case .none, .unknown: 0
            }
        }

        public var title: String {
            switch self {
            case .canIncrease: "kan økes"
            case .some: "noe"
            case .little: "lite"
            case .none: "ingen"
            case .unknown: "ikke oppgitt"
            }
        }
    }

    /// The site's name; the import's upsert key.
    public var name: String
    public var organisation: String
    public var locations: [String]
    public var kind: Kind
    public var licence: Licence
    public var sterile: Bool
    public var nonSterile: Bool
    public var dosageForms: [String]
    public var technology: String
    public var capacityNote: String
    public var spareCapacity: SpareCapacity

    public init(
        name: String, organisation: String, locations: [String] = [], kind: Kind, licence: Licence, sterile: Bool,
        nonSterile: Bool, dosageForms: [String], technology: String = "", capacityNote: String = "",
        spareCapacity: SpareCapacity
    ) {
        self.name = name
        self.organisation = organisation
        self.locations = locations
        self.kind = kind
        self.licence = licence
        self.sterile = sterile
        self.nonSterile = nonSterile
        self.dosageForms = dosageForms
        self.technology = technology
        self.capacityNote = capacityNote
        self.spareCapacity = spareCapacity
    }

    public var dosageFormClasses: Set<DosageFormClass> {
        dosageForms.reduce(into: Set()) { $0.formUnion(DosageFormClass.classes(in: $1)) }
    }

    /// Checks a site as typed in by an analyst; errors name the field.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(.init(field: "name", message: "mangler")) }
        if organisation.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.init(field: "organisation", message: "mangler"))
        }
        if !sterile && !nonSterile {
            errors.append(.init(field: "sterile", message: "stedet må lage sterile eller ikke-sterile produkter"))
        }
        if dosageForms.isEmpty { errors.append(.init(field: "dosageForms", message: "oppgi minst én legemiddelform")) }
        return errors
    }
}
