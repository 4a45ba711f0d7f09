import TilgangDomain

/// A table as DMP published it, ready for the page, labelled «Publisert av DMP» with its source.
struct PublishedTableView: Encodable {
    let number: Int
    let title: String
    let source: String
    let columns: [String]
    let rows: [[String]]

    init(_ table: PublishedTable) {
        number = table.number
        title = "Tabell \(table.number). \(table.title)"
        source = "\(PublishedTable.source) \(table.number) (datafil \(table.file).csv)"
        columns = table.columns
        rows = table.rows
    }
}
