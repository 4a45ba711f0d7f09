import Foundation
import TilgangDomain

/// The statistics page: filters; the table of the most used medicines computed in Tilgang beside the one DMP
/// published for the same year and species; the followed medicines per species and year; applications per year,
/// Tilgang's own beside DMP's. Every count of Tilgang's leaves through `ReportedCount`/`SmallNumbers`.
struct StatisticsContext: Encodable {
    struct Bar: Encodable {
        let label: String
        /// The count, or «<5» when fewer than five patients are behind it.
        let value: String
        let y: Int
        let width: Int
        let textY: Int
    }

    /// A link to another published table of the most used medicines (the page for its year and species).
    struct TableLink: Encodable {
        let number: Int
        let label: String
        let href: String
        let current: Bool
    }

    /// The computed table of the most used medicines, its rows as markup (`StatisticsHTML.topRows`).
    struct ReportView: Encodable {
        let year: Int
        let distinctUnregisteredProducts: ReportedCount
        let hasTop: Bool
        let topRows: String

        init(_ report: UnregisteredReport) {
            year = report.year
            distinctUnregisteredProducts = report.distinctUnregisteredProducts
            hasTop = !report.top.isEmpty
            topRows = StatisticsHTML.topRows(report.top)
        }
    }

    let title: String
    let currentUser: UserView?
    let years: [SelectOption]
    let species: [SelectOption]
    let atc: String
    let report: ReportView?
    let speciesName: String
    let csvLink: String
    /// The chart's bars as markup (`StatisticsHTML.bars`).
    let bars: String
    let chartHeight: Int
    let measure: String
    let publishedTop: PublishedTableView?
    let topTables: [TableLink]
    let followed: [FollowedSection]
    let cannabis: PublishedTableView?
    /// Tilgang's applications per year as table rows (`StatisticsHTML.applications`).
    let applications: String
    let hasApplications: Bool
    let publishedHumanApplications: PublishedTableView?
    let publishedAnimalApplications: PublishedTableView?
    let error: String?

    /// Horizontal bars of the first 15 lines, scaled to 600 px.
    static func bars(_ report: UnregisteredReport) -> [Bar] {
        let human = report.species == "human"
        let lines = report.top.prefix(15)
        func measure(_ line: UnregisteredReport.Line) -> ReportedCount { human ? line.packages : line.dispensings }
        let maximum = max(1, lines.compactMap { measure($0).value }.max() ?? 1)
        return lines.enumerated().map { index, line in
            let value = measure(line)
            // A suppressed count draws no bar: its length would tell the number.
            return Bar(
                label: "\(line.atc) \(line.substance)", value: value.description, y: index * 24,
                width: value.value.map { max(1, $0 * 600 / maximum) } ?? 0, textY: index * 24 + 15)
        }
    }
}
