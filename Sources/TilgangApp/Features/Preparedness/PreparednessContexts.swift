import Foundation
import TilgangDomain

/// «Beredskap»: the dashboard with the ranked register, active shortages with their best proposal, produced
/// stock left when the MT product returned, and a chart of shortages per year by cause.
struct PreparednessDashboardContext: Encodable {
    struct YearBar: Encodable {
        let year: Int
        let x: Int
        let supplyFailure: Int
        let demandShock: Int
        let supplyHeight: Int
        let supplyY: Int
        let demandHeight: Int
        let demandY: Int
    }

    struct ActiveShortage: Encodable {
        let shortage: ShortageDTO
        let bestSite: String?
        let candidates: Int
    }

    let title: String
    let currentUser: UserView?
    let mayWrite: Bool
    let csrf: String
    let ranking: [CriticalMedicineDTO]
    let active: [ActiveShortage]
    let stranded: [ProducedBatchDTO]
    let decisions: [ForumDecisionDTO]
    let bars: [YearBar]
    let chartWidth: Int
    let medicines: [SelectOption]
    let error: String?
    let message: String?

    static let chartHeight = 160

    /// One stacked bar per year from the first shortage to this year: supply failures below, demand shocks above.
    static func bars(_ shortages: [Shortage], thisYear: Int) -> [YearBar] {
        guard let first = shortages.map(\.start.year).min() else { return [] }
        let years = Array(min(first, thisYear)...thisYear)
        let counts = years.map { year in
            (
                shortages.filter { $0.start.year == year && $0.cause == .supplyFailure }.count,
                shortages.filter { $0.start.year == year && $0.cause == .demandShock }.count
            )
        }
        let maximum = max(1, counts.map { $0.0 + $0.1 }.max() ?? 1)
        let scale = (chartHeight - 20) / maximum
        return years.enumerated().map { index, year in
            let (supply, demand) = counts[index]
            let supplyHeight = supply * scale
            let demandHeight = demand * scale
            return YearBar(
                year: year, x: 10 + index * 44, supplyFailure: supply, demandShock: demand, supplyHeight: supplyHeight,
                supplyY: chartHeight - 20 - supplyHeight, demandHeight: demandHeight,
                demandY: chartHeight - 20 - supplyHeight - demandHeight)
        }
    }
}

/// One medicine on the register: the score, every criterion with its evidence, the assessment form and the
/// medicine's shortages.
struct CriticalMedicineContext: Encodable {
    struct CriterionRow: Encodable {
        let criterion: CriticalMedicineDTO.Criterion
        let options: [SelectOption]
        let error: String?
    }

    let title: String
    let currentUser: UserView?
    let mayWrite: Bool
    let csrf: String
    let entry: CriticalMedicineDTO
    let rows: [CriterionRow]
    let shortages: [ShortageDTO]
    let message: String?
    let error: String?
}

struct WeightsContext: Encodable {
    let title: String
    let currentUser: UserView?
    let mayWrite: Bool
    let csrf: String
    let weights: [WeightsDTO.Weight]
    let errors: [String: String]
    let message: String?
}

/// A shortage: its facts, the edit form, the ranked proposals, the forum's decisions and produced batches.
struct ShortageContext: Encodable {
    let title: String
    let currentUser: UserView?
    let mayWrite: Bool
    let csrf: String
    let shortage: ShortageDTO
    let form: ShortageFormValues
    let proposal: ProposalDTO
    let decisions: [ForumDecisionDTO]
    let produced: [ProducedBatchDTO]
    let siteNames: [String]
    /// The edit form's errors by field.
    let errors: [String: String]
    let decisionErrors: [String: String]
    let producedErrors: [String: String]
    let message: String?
}

/// What a shortage form shows: the values typed (or stored) and the choices.
struct ShortageFormValues: Encodable {
    var medicineId = ""
    var start = ""
    var cause = "supply_failure"
    var expectedEnd = ""
    var actualEnd = ""
    var affectedProducts = ""
    var measures: [String] = []
    var note = ""
    var version = 1

    struct Choice: Encodable {
        let value: String
        let label: String
        let selected: Bool
    }

    var causes: [Choice] {
        Shortage.Cause.allCases.map { Choice(value: $0.rawValue, label: $0.title, selected: $0.rawValue == cause) }
    }

    var measureChoices: [Choice] {
        Shortage.Measure.allCases.map {
            Choice(value: $0.rawValue, label: $0.title, selected: measures.contains($0.rawValue))
        }
    }

    init() {}

    init(_ dto: ShortageDTO) {
        medicineId = dto.medicineId
        start = dto.start
        cause = dto.cause
        expectedEnd = dto.expectedEnd ?? ""
        actualEnd = dto.actualEnd ?? ""
        affectedProducts = dto.affectedProducts.joined(separator: "; ")
        measures = dto.measures
        note = dto.note
        version = dto.version
    }

    init(_ input: ShortageInput, version: Int = 1) {
        medicineId = input.medicineId ?? ""
        start = input.start ?? ""
        cause = input.cause ?? ""
        expectedEnd = input.expectedEnd ?? ""
        actualEnd = input.actualEnd ?? ""
        affectedProducts = input.affectedProducts ?? ""
        measures = input.measures ?? []
        note = input.note ?? ""
        self.version = version
    }

    enum CodingKeys: String, CodingKey {
        case medicineId, start, cause, expectedEnd, actualEnd, affectedProducts, note, version, causes, measureChoices
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(medicineId, forKey: .medicineId)
        try c.encode(start, forKey: .start)
        try c.encode(cause, forKey: .cause)
        try c.encode(expectedEnd, forKey: .expectedEnd)
        try c.encode(actualEnd, forKey: .actualEnd)
        try c.encode(affectedProducts, forKey: .affectedProducts)
        try c.encode(note, forKey: .note)
        try c.encode(version, forKey: .version)
        try c.encode(causes, forKey: .causes)
        try c.encode(measureChoices, forKey: .measureChoices)
    }
}

struct NewShortageContext: Encodable {
    let title: String
    let currentUser: UserView?
    let csrf: String
    let form: ShortageFormValues
    let medicines: [SelectOption]
    let errors: [String: String]
}

struct SitesContext: Encodable {
    let title: String
    let currentUser: UserView?
    let mayWrite: Bool
    let sites: [ProductionSiteDTO]
}

struct SiteContext: Encodable {
    let title: String
    let currentUser: UserView?
    let mayWrite: Bool
    let csrf: String
    let site: ProductionSiteDTO
    let kinds: [SelectOption]
    let licences: [SelectOption]
    let capacities: [SelectOption]
    let locations: String
    let dosageForms: String
    let errors: [String: String]
    let message: String?
}

struct StockContext: Encodable {
    let title: String
    let currentUser: UserView?
    let mayWrite: Bool
    let csrf: String
    let items: [StockItemDTO]
    let holders: [SelectOption]
    let materials: [SelectOption]
    let form: StockInput
    let errors: [String: String]
    let message: String?
}
