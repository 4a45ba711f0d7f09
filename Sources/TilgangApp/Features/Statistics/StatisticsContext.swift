import Foundation
import TilgangDomain

/// The statistics page: filters, the table, an SVG bar chart of the top medicines and line charts of the
/// followed medicines, all computed from stored aggregates.
struct StatisticsContext: Encodable {
    struct Bar: Encodable {
        let label: String
        /// The count, or «<5» when fewer than five patients are behind it.
        let value: String
        let y: Int
        let width: Int
        let textY: Int
    }

    struct Line: Encodable {
        let label: String
        let points: String
        let values: String
        let color: String
    }

    let title: String
    let currentUser: UserView?
    let years: [SelectOption]
    let species: [SelectOption]
    let atc: String
    let report: UnregisteredReport?
    let csvLink: String
    let bars: [Bar]
    let chartHeight: Int
    let measure: String
    let followed: [FollowedSeriesDTO]
    let followedYears: [String]
    let lines: [Line]
    let applications: [ApplicationsPerYearDTO]
    let error: String?

    static let palette = ["#1f5c99", "#b35c00", "#2e7d32", "#8e24aa", "#c62828", "#00838f", "#6d4c41"]

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

    /// One polyline per followed series over the years (suppressed counts are drawn at 0 and labelled "<5").
    static func lines(_ series: [FollowedSeriesDTO], years: [String]) -> [Line] {
        let values = series.map { s in years.map { Int(s.patients[$0] ?? "0") ?? 0 } }
        let maximum = max(1, values.flatMap { $0 }.max() ?? 1)
        let step = years.count > 1 ? 560 / (years.count - 1) : 0
        return series.enumerated().map { index, s in
            let points = values[index].enumerated().map { i, v in "\(20 + i * step),\(180 - v * 160 / maximum)" }
            return Line(
                label: s.productNumber.map { "\(s.label) (\(s.atc), varenr. \($0))" } ?? "\(s.label) (\(s.atc))",
                points: points.joined(separator: " "),
                values: years.map { s.patients[$0] ?? "0" }.joined(separator: " · "),
                color: palette[index % palette.count])
        }
    }
}
