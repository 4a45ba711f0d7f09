/// The followed medicines of one species as a table a person can read (issue 18): one row per series and one
/// column per year, each count in its own year's column and leaving only as `SmallNumbers` allows. A series with
/// no year of five or more patients is left out and counted instead (thousands of cannabis product numbers with a
/// patient or two each told nothing but «<5»), and the rest is paged. Rows keep their order (medicines followed by
/// ATC code first, then by ATC code and product number): an order by size would tell the size of a suppressed one.
public struct FollowedTable: Sendable {
    /// Distinct patients per year of one series, as stored. Never shown as such.
    public struct Series: Sendable {
        public let atc: String
        public let productNumber: Int?
        public let species: ExtractRow.Species
        public let label: String
        public let patients: [Int: Int]

        public init(atc: String, productNumber: Int?, species: ExtractRow.Species, label: String, patients: [Int: Int])
        {
            self.atc = atc
            self.productNumber = productNumber
            self.species = species
            self.label = label
            self.patients = patients
        }

        /// Whether any year has a count that may be shown as a number (five or more).
        var hasShownCount: Bool { patients.values.contains { $0 >= SmallNumbers.threshold } }
    }

    public struct Row: Sendable, Encodable {
        public let atc: String
        public let productNumber: Int?
        /// The substance as the extract names it; the page names products from the catalogue where it can.
        public var label: String
        /// One per year of `years`: the count, «<5», or 0.
        public let cells: [ReportedCount]
    }

    public let years: [Int]
    public private(set) var rows: [Row]
    /// Series left out because no year reaches five patients.
    public let hidden: Int
    /// Series shown over all pages.
    public let shown: Int
    public let page: Int
    public let pageCount: Int

    public static let pageSize = 20

    /// The same table with each row's label given by `name` (the page names products from the catalogue).
    public func naming(_ name: (Row) -> String) -> FollowedTable {
        var copy = self
        copy.rows = rows.map { row in
            var named = row
            named.label = name(row)
            return named
        }
        return copy
    }

    /// The rows of `page` (from 1; out of range is the nearest page) of the series, over `years`.
    public static func make(_ series: [Series], years: [Int], page: Int, pageSize: Int = pageSize) -> FollowedTable {
        let ordered = series.filter(\.hasShownCount).sorted { a, b in
            if (a.productNumber == nil) != (b.productNumber == nil) { return a.productNumber == nil }
            return a.atc != b.atc ? a.atc < b.atc : (a.productNumber ?? -1) < (b.productNumber ?? -1)
        }
        let size = max(1, pageSize)
        let pageCount = max(1, (ordered.count + size - 1) / size)
        let current = min(max(1, page), pageCount)
        let rows = ordered.dropFirst((current - 1) * size).prefix(size).map { s in
            Row(
                atc: s.atc, productNumber: s.productNumber, label: s.label,
                cells: years.map { ReportedCount(people: s.patients[$0] ?? 0) })
        }
        return FollowedTable(
            years: years, rows: Array(rows), hidden: series.count - ordered.count, shown: ordered.count,
            page: current, pageCount: pageCount)
    }
}
