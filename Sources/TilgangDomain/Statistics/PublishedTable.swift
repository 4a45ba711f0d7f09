/// A table of the agency's annual report on unregistered medicines (seed 004, Tables 1–7) with the figures the
/// agency published, read from the data files that carry them (`dmp-*.csv`, copied from shared/data into the app's
/// resources). Each cell is the file's own text, so what a page shows can be checked against the file; an empty
/// cell is «–», and a count from 1 to 4 would still leave only as «<5» (the agency itself writes «<5»).
public struct PublishedTable: Equatable, Sendable {
    /// Which file holds a table, its title in the report and the columns shown (file column, Norwegian label).
    public struct Definition: Sendable {
        public let number: Int
        public let file: String
        public let title: String
        public let columns: [(key: String, label: String)]
        /// The year and species of a table of the most used medicines; `nil` for the others.
        public let year: Int?
        public let species: ExtractRow.Species?
    }

    public struct ReadError: Error, Equatable, CustomStringConvertible {
        public let file: String
        public let message: String
        public var description: String { "\(file): \(message)" }
    }

    public let number: Int
    public let title: String
    public let file: String
    public let columns: [String]
    public let rows: [[String]]
    public let year: Int?
    public let species: ExtractRow.Species?

    /// Where the figures come from, as the page cites it.
    public static let source =
        "DMP: Bruk av uregistrerte legemidler – årsrapport 2024 (seed 004), tabell"

    static let topHuman: [(key: String, label: String)] = [
        ("atc_code", "ATC-kode"), ("substance", "Virkestoffnavn"), ("dispensings", "Antall utleveringer"),
        ("packages", "Antall pakninger"), ("ddd", "Sum definerte døgndoser (DDD)"),
    ]
    static let topAnimal: [(key: String, label: String)] = [
        ("atc_code", "ATC-kode"), ("substance", "Virkestoffnavn"), ("dispensings", "Antall utleveringer"),
    ]
    static let years = ["2020", "2021", "2022", "2023", "2024"]

    public static let definitions: [Definition] = [
        Definition(
            number: 1, file: "dmp-exemption-applications-human",
            title: "Antall søknader om godkjenningsfritak 2020–2024",
            columns: [
                ("year", "År"), ("assessed_by_agency", "Søknader behandlet av DMP"),
                ("notifications", "Notifiseringer"),
                ("total", "Totalt"),
            ], year: nil, species: .human),
        Definition(
            number: 2, file: "dmp-2024-top-unregistered-human", title: "Mest brukte uregistrerte legemidler i 2024",
            columns: topHuman, year: 2024, species: .human),
        Definition(
            number: 3, file: "dmp-cannabis-patients-2020-2024",
            title: "Antall pasienter som fikk utlevert ulike typer uregistrerte cannabisprodukter 2020–2024",
            columns: [("atc_code", "ATC-kode"), ("content", "Virkestoff"), ("product", "Produkt")]
                + years.map { ($0, $0) }, year: nil, species: .human),
        Definition(
            number: 4, file: "dmp-2023-top-unregistered-human",
            title: "Mest brukte uregistrerte legemidler til mennesker i 2023", columns: topHuman, year: 2023,
            species: .human),
        Definition(
            number: 5, file: "dmp-exemption-applications-animal",
            title: "Antall søknader om godkjenningsfritak for legemidler til dyr 2020–2024",
            columns: [("year", "År"), ("applications", "Totalt antall søknader")], year: nil, species: .animal),
        Definition(
            number: 6, file: "dmp-2024-top-unregistered-animal",
            title: "De mest brukte uregistrerte legemidlene til dyr i 2024", columns: topAnimal, year: 2024,
            species: .animal),
        Definition(
            number: 7, file: "dmp-2023-top-unregistered-animal",
            title: "De mest brukte uregistrerte legemidlene til dyr i 2023", columns: topAnimal, year: 2023,
            species: .animal),
    ]

    /// Reads `text`, the content of `definition.file`: the header names the columns; a `marker` column adds «*»
    /// (shortage) or «**» (deregistered) to the substance, as in the report.
    public static func read(_ definition: Definition, text: String) throws(ReadError) -> PublishedTable {
        let records = csvRecords(text)
        guard let header = records.first else { throw ReadError(file: definition.file, message: "tom fil") }
        var indexes: [Int] = []
        for column in definition.columns {
            guard let index = header.firstIndex(of: column.key) else {
                throw ReadError(file: definition.file, message: "mangler kolonnen \(column.key)")
            }
            indexes.append(index)
        }
        let marker = header.firstIndex(of: "marker")
        let rows = records.dropFirst().filter { !$0.allSatisfy(\.isEmpty) }.map { record in
            definition.columns.enumerated().map { position, column in
                let raw = indexes[position] < record.count ? record[indexes[position]] : ""
                var cell = shown(raw)
                if column.key == "substance", let marker, marker < record.count {
                    cell += record[marker] == "deregistered" ? " **" : record[marker] == "shortage" ? " *" : ""
                }
                return cell
            }
        }
        return PublishedTable(
            number: definition.number, title: definition.title, file: definition.file,
            columns: definition.columns.map(\.label), rows: rows, year: definition.year, species: definition.species)
    }

    /// A cell as it may be shown: «–» for nothing, «<5» for 1–4, otherwise the file's text.
    static func shown(_ raw: String) -> String {
        if raw.isEmpty { return "–" }
        if let count = Int(raw) { return SmallNumbers.display(count) }
        return raw
    }

    /// RFC 4180 records: quoted fields may hold commas, quotes (`""`) and line breaks.
    public static func csvRecords(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.replacingOccurrences(of: "\r\n", with: "\n"))[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        field.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field)
                field = ""
            } else if c == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
            } else {
                field.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }
}
