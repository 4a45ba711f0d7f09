/// A break in supply of a medicine (SPEC §1 legemiddelmangel): when it started, why, when it is expected to end
/// and when it did, which products it hit and what was done.
public struct Shortage: Codable, Hashable, Sendable {
    /// Seed 003 §1.2: a supply failure is an abnormal drop in supply; a demand shock an abnormal rise in demand
    /// after an accident, terror, war or another acute event.
    public enum Cause: String, Codable, Sendable, CaseIterable {
        case supplyFailure = "supply_failure"
        case demandShock = "demand_shock"

        public var title: String { self == .supplyFailure ? "Forsyningssvikt" : "Etterspørselssjokk" }
    }

    /// What was done about it (seed 003: foreign packages, an approval exemption, production in Norway).
    public enum Measure: String, Codable, Sendable, CaseIterable {
        case foreignPackages = "foreign_packages"
        case exemption
        case production
        case other

        public var title: String {
            switch self {
            case .foreignPackages: "Utenlandske pakninger"
            case .exemption: "Godkjenningsfritak"
            case .production: "Produksjon i Norge"
            case .other: "Annet tiltak"
            }
        }
    }

    public var medicineId: String
    public var start: CalendarDate
    public var cause: Cause
    public var expectedEnd: CalendarDate?
    public var actualEnd: CalendarDate?
    /// Product numbers (varenummer) or package names hit by the shortage.
    public var affectedProducts: [String]
    public var measures: [Measure]

    public init(
        medicineId: String, start: CalendarDate, cause: Cause, expectedEnd: CalendarDate? = nil,
        actualEnd: CalendarDate? = nil, affectedProducts: [String] = [], measures: [Measure] = []
    ) {
        self.medicineId = medicineId
        self.start = start
        self.cause = cause
        self.expectedEnd = expectedEnd
        self.actualEnd = actualEnd
        self.affectedProducts = affectedProducts
        self.measures = measures
    }

    /// Active from its start up to (not including) the day the supply came back.
    public func isActive(on day: CalendarDate) -> Bool {
        start <= day && (actualEnd.map { day < $0 } ?? true)
    }

    /// An end before the start is refused; errors name the field.
    public func validate() -> [FieldError] {
        var errors: [FieldError] = []
        if let expectedEnd, expectedEnd < start {
            errors.append(FieldError(field: "expectedEnd", message: "kan ikke være før starten"))
        }
        if let actualEnd, actualEnd < start {
            errors.append(FieldError(field: "actualEnd", message: "kan ikke være før starten"))
        }
        return errors
    }
}

/// Feeds the criterion "number of past shortages" from the shortage register (issue 6), so nobody types it in.
public enum ShortageHistory {
    /// Shortages that started within this many years before the day count.
    public static let windowYears = 10
    public static let assessor = "Mangelregisteret"

    public static func assessment(
        medicineId: String, shortages: [Shortage], today: CalendarDate
    ) -> CriterionAssessment {
        let since = CalendarDate(year: today.year - windowYears, month: today.month, day: min(today.day, 28))!
        let count = shortages.filter { $0.medicineId == medicineId && $0.start >= since && $0.start <= today }.count
        return CriterionAssessment(
            criterion: .pastShortages, level: min(count, PreparednessCriterion.highestLevel),
            evidence: "\(count) \(count == 1 ? "mangel" : "mangler") registrert siden \(since.norwegian)",
            assessedBy: assessor, assessedOn: today)
    }
}
