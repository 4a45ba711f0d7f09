/// Reads the trust's HPR register file (`hpr_number,name,profession,specialities`; specialist approvals separated
/// by `;`; profession `lege`, `tannlege` or `veterinær`). The file is the trust's extract of Helsepersonellregisteret
/// for the people who prescribe through Tilgang. Every row is checked before anything is stored, and the first bad
/// one is named by its line and column.
public enum HPRRegisterCSV {
    public static let columns = ["hpr_number", "name", "profession", "specialities"]

    /// One register entry as the file gives it.
    public struct Entry: Hashable, Sendable {
        public let authorisation: Authorisation
        public let name: String
    }

    public static func parse(_ text: String) throws(ValidationFailure) -> [Entry] {
        var entries: [Entry] = []
        var seen: Set<String> = []
        for record in try CSVRecords.rows(text, columns: columns) {
            let entry = try parse(record)
            guard seen.insert(entry.authorisation.hprNumber).inserted else {
                throw ValidationFailure(
                    field: "line \(record.line)",
                    message: "hpr_number: \(entry.authorisation.hprNumber) står to ganger")
            }
            entries.append(entry)
        }
        guard !entries.isEmpty else { throw ValidationFailure(field: "line 2", message: "filen har ingen personer") }
        return entries
    }

    static func parse(_ record: CSVRecords.Record) throws(ValidationFailure) -> Entry {
        func fail(_ column: String, _ message: String) -> ValidationFailure {
            ValidationFailure(field: "line \(record.line)", message: "\(column): \(message)")
        }
        guard record.fields.count == columns.count else {
            throw fail("row", "har \(record.fields.count) felt, forventet \(columns.count)")
        }
        let f = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let hpr = HPRNumber(f[0]) else { throw fail("hpr_number", "«\(f[0])» er ikke et HPR-nummer (4–9 sifre)") }
        guard !f[1].isEmpty else { throw fail("name", "mangler") }
        guard f[1].count <= 200 else { throw fail("name", "er lengre enn 200 tegn") }
        guard let profession = Authorisation.Profession(rawValue: f[2].lowercased()) else {
            throw fail("profession", "bruk lege, tannlege eller veterinær, ikke «\(f[2])»")
        }
        let specialities = f[3].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return Entry(
            authorisation: Authorisation(hprNumber: hpr.digits, profession: profession, specialities: specialities),
            name: f[1])
    }
}
