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
    /// At most the latest `PreparednessBounds.chartYears` years, and implausible starts (stored before the bounds,
    /// e.g. 01.01.0001) are left out, so the chart keeps its size whatever is stored.
    static func bars(_ shortages: [Shortage], thisYear: Int) -> [YearBar] {
        guard let range = PreparednessBounds.chartRange(startYears: shortages.map(\.start.year), thisYear: thisYear)
        else { return [] }
        let years = Array(range)
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
