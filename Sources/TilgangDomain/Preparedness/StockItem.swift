/// Raw material held for production: active substance (API), excipient or packaging, at a site or in the
/// national store, with batch and shelf life. Expired stock never counts.
public struct StockItem: Codable, Hashable, Sendable {
    public enum Material: String, Codable, Sendable, CaseIterable {
        case api
        case excipient
        case packaging

        public var title: String {
            switch self {
            case .api: "Virkestoff (API)"
            case .excipient: "Hjelpestoff"
            case .packaging: "Pakningsmateriell"
            }
        }
    }

    /// Stock not held at a site is in the national store.
    public static let nationalStore = "Nasjonalt lager"

    /// A site's name, or `nationalStore`.
    public var holder: String
    public var material: Material
    /// What it is: the substance's name for an API ("Morfinhydroklorid"), else e.g. "Hetteglass 10 ml".
    public var name: String
    /// ATC code of the substance, for an API; matched against the medicine in shortage.
    public var atc: String?
    public var quantity: Double
    public var unit: String
    public var batch: String
    public var expiresOn: CalendarDate

    public init(
        holder: String, material: Material, name: String, atc: String? = nil, quantity: Double, unit: String,
        batch: String, expiresOn: CalendarDate
    ) {
        self.holder = holder
        self.material = material
        self.name = name
        self.atc = atc
        self.quantity = quantity
        self.unit = unit
        self.batch = batch
        self.expiresOn = expiresOn
    }

    /// Usable up to and including its expiry day, and only while some is left.
    public func isUsable(on day: CalendarDate) -> Bool { day <= expiresOn && quantity > 0 }

    public var isInNationalStore: Bool { holder == Self.nationalStore }

    /// Whether this API is the active substance of `medicine`: same ATC code, or the substance's name in it.
    public func isActiveSubstance(of atc: String, substance: String) -> Bool {
        guard material == .api else { return false }
        if let own = self.atc, !own.isEmpty { return own.uppercased() == atc.uppercased() }
        let name = self.name.lowercased()
        let substance = substance.lowercased()
        return !substance.isEmpty && (name.contains(substance) || substance.contains(name))
    }

    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if holder.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.init(field: "holder", message: "mangler"))
        }
        if name.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(.init(field: "name", message: "mangler")) }
        if let implausible = PreparednessBounds.checkQuantity(quantity, field: "quantity") {
            errors.append(implausible)
        }
        if unit.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(.init(field: "unit", message: "mangler")) }
        if batch.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.init(field: "batch", message: "oppgi batchnummer"))
        }
        if material == .api, (atc ?? "").isEmpty {
            errors.append(.init(field: "atc", message: "oppgi ATC-koden til virkestoffet"))
        }
        return errors
    }
}
