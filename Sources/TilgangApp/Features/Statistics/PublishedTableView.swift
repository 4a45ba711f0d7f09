import TilgangDomain

/// A table as DMP published it, ready for the page, labelled «Publisert av DMP» with its source. Its header and
/// rows are markup (`StatisticsHTML`), written once: the published tables do not change while the server runs.
struct PublishedTableView: Encodable {
    let number: Int
    let title: String
    let source: String
    let head: String
    let body: String

    init(_ table: PublishedTable) {
        number = table.number
        title = "Tabell \(table.number). \(table.title)"
        source = "\(PublishedTable.source) \(table.number) (datafil \(table.file).csv)"
        head = StatisticsHTML.headerCells(table.columns)
        body = StatisticsHTML.cellRows(table.rows)
    }

    /// Every published table's view, by number.
    private static let all: [Int: PublishedTableView] = Dictionary(
        PublishedTables.all.map { ($0.number, PublishedTableView($0)) }, uniquingKeysWith: { first, _ in first })

    static func of(_ table: PublishedTable) -> PublishedTableView { all[table.number] ?? PublishedTableView(table) }
}
