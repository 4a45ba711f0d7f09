/// A decision of the operational preparedness forum (seed 003 §4.4, recommendation 6): propose, start or stop
/// production of a medicine at a site.
public struct ForumDecision: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case propose
        case start
        case stop

        public var title: String {
            switch self {
            case .propose: "Foreslå produksjon"
            case .start: "Start produksjon"
            case .stop: "Stopp produksjon"
            }
        }
    }

    public var kind: Kind
    public var medicineId: String
    public var site: String
    /// "20 000 hetteglass"; required to start production.
    public var quantity: String?
    public var decidedOn: CalendarDate
    public var note: String

    public init(kind: Kind, medicineId: String, site: String, quantity: String?, decidedOn: CalendarDate, note: String)
    {
        self.kind = kind
        self.medicineId = medicineId
        self.site = site
        self.quantity = quantity
        self.decidedOn = decidedOn
        self.note = note
    }

    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if site.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.init(field: "site", message: "velg produksjonssted"))
        }
        if kind == .start, (quantity ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.init(field: "quantity", message: "oppgi mengden som skal produseres"))
        }
        return errors
    }
}

/// Stock produced in Norway during a shortage. When the MT product returns, what is left may not be sold under
/// today's rules (seed 003), so it is flagged for the forum.
public struct ProducedBatch: Codable, Hashable, Sendable {
    public var site: String
    public var batch: String
    public var producedOn: CalendarDate
    public var quantity: Int
    public var remaining: Int

    public init(site: String, batch: String, producedOn: CalendarDate, quantity: Int, remaining: Int) {
        self.site = site
        self.batch = batch
        self.producedOn = producedOn
        self.quantity = quantity
        self.remaining = remaining
    }

    public static let returnedWarning =
        "MT-produktet er tilbake: restlageret kan ikke selges etter dagens regler"

    /// Flagged once the shortage it was made for has ended and some is left.
    public func isStranded(shortage: Shortage, on day: CalendarDate) -> Bool {
        remaining > 0 && !shortage.isActive(on: day) && shortage.actualEnd != nil
    }

    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if site.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(.init(field: "site", message: "mangler")) }
        if batch.trimmingCharacters(in: .whitespaces).isEmpty {
            errors.append(.init(field: "batch", message: "mangler"))
        }
        if quantity <= 0 {
            errors.append(.init(field: "quantity", message: "må være over 0"))
        } else if let implausible = PreparednessBounds.checkQuantity(Double(quantity), field: "quantity") {
            errors.append(implausible)
        }
        if remaining < 0 || remaining > quantity {
            errors.append(.init(field: "remaining", message: "må være mellom 0 og produsert mengde"))
        }
        return errors
    }
}
