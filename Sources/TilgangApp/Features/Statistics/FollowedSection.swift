import Foundation
import TilgangDomain

/// The followed medicines of one species on the page: a table with one column per year, a line chart of the rows
/// on the page (at most seven lines, one colour each), and paging.
struct FollowedSection: Encodable {
    struct Row: Encodable {
        let label: String
        let atc: String
        let productNumber: String
        let cells: [String]
        let color: String?
    }

    struct Line: Encodable {
        let label: String
        let points: String
        let values: String
        let color: String
    }

    struct YearLabel: Encodable {
        let year: String
        let x: Int
    }

    let species: String
    let heading: String
    let years: [String]
    let rows: [Row]
    let lines: [Line]
    let yearLabels: [YearLabel]
    let hidden: Int
    let shown: Int
    let page: Int
    let pageCount: Int
    let previousLink: String?
    let nextLink: String?

    /// What the page shows (`statistics/index.leaf`): the years, rows, lines and year labels as markup
    /// (`StatisticsHTML`), not as arrays for Leaf to loop over.
    enum CodingKeys: String, CodingKey {
        case species, heading, hidden, shown, page, pageCount, previousLink, nextLink
        case yearCells, rowsHTML, linesHTML, yearLabelsHTML
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(species, forKey: .species)
        try c.encode(heading, forKey: .heading)
        try c.encode(hidden, forKey: .hidden)
        try c.encode(shown, forKey: .shown)
        try c.encode(page, forKey: .page)
        try c.encode(pageCount, forKey: .pageCount)
        try c.encodeIfPresent(previousLink, forKey: .previousLink)
        try c.encodeIfPresent(nextLink, forKey: .nextLink)
        try c.encode(StatisticsHTML.headerCells(years), forKey: .yearCells)
        try c.encode(StatisticsHTML.followedRows(rows), forKey: .rowsHTML)
        try c.encode(StatisticsHTML.lines(lines), forKey: .linesHTML)
        try c.encode(StatisticsHTML.yearLabels(yearLabels), forKey: .yearLabelsHTML)
    }

    static let palette = ["#1f5c99", "#b35c00", "#2e7d32", "#8e24aa", "#c62828", "#00838f", "#6d4c41"]
    static let chartWidth = 600
    static let chartHeight = 200

    /// `link(page)` is the page's address with this section's page changed.
    init(species: ExtractRow.Species, table: FollowedTable, link: (Int) -> String) {
        self.species = species == .human ? "human" : "animal"
        heading = species == .human ? "Mennesker (antall pasienter)" : "Dyr (antall dyr eller besetninger)"
        years = table.years.map(String.init)
        let charted = table.rows.prefix(Self.palette.count)
        rows = table.rows.enumerated().map { index, row in
            Row(
                label: row.label, atc: row.atc,
                productNumber: row.productNumber.map { String(format: "%06d", $0) } ?? "",
                cells: row.cells.map(\.description), color: index < charted.count ? Self.palette[index] : nil)
        }
        lines = Self.lines(Array(charted), years: table.years)
        let step = table.years.count > 1 ? (Self.chartWidth - 40) / (table.years.count - 1) : 0
        yearLabels = table.years.enumerated().map { YearLabel(year: String($1), x: 20 + $0 * step) }
        hidden = table.hidden
        shown = table.shown
        page = table.page
        pageCount = table.pageCount
        previousLink = table.page > 1 ? link(table.page - 1) : nil
        nextLink = table.page < table.pageCount ? link(table.page + 1) : nil
    }

    /// One polyline per row over the years; a suppressed count is drawn at 0 (its place would tell it) and
    /// labelled «<5». The chart has a fixed size, whatever the counts.
    static func lines(_ rows: [FollowedTable.Row], years: [Int]) -> [Line] {
        let maximum = max(1, rows.flatMap { $0.cells.compactMap(\.value) }.max() ?? 1)
        let step = years.count > 1 ? (chartWidth - 40) / (years.count - 1) : 0
        return rows.enumerated().map { index, row in
            let points = row.cells.enumerated().map { i, cell in
                "\(20 + i * step),\(chartHeight - 30 - (cell.value ?? 0) * (chartHeight - 40) / maximum)"
            }
            return Line(
                label: row.label, points: points.joined(separator: " "),
                values: zip(years, row.cells).map { "\($0): \($1)" }.joined(separator: ", "),
                color: palette[index % palette.count])
        }
    }
}
