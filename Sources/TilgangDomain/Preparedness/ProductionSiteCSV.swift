/// Reads the production-site file (`site,organisation,location,kind,licence,sterile,non_sterile,dosage_forms,
/// technology,capacity_note,spare_capacity`; lists separated by `;`). Every row is checked before anything is
/// stored, and the first bad one is named by its line and column.
public enum ProductionSiteCSV {
    public static let columns = [
        "site", "organisation", "location", "kind", "licence", "sterile", "non_sterile", "dosage_forms", "technology",
        "capacity_note", "spare_capacity",
    ]

    public static func parse(_ text: String) throws(ValidationFailure) -> [ProductionSite] {
        var sites: [ProductionSite] = []
        var seen: Set<String> = []
        for record in try CSVRecords.rows(text, columns: columns) {
            let site = try parse(record)
            guard seen.insert(site.name.lowercased()).inserted else {
                throw ValidationFailure(field: "line \(record.line)", message: "site: «\(site.name)» står to ganger")
            }
            sites.append(site)
        }
        guard !sites.isEmpty else { throw ValidationFailure(field: "line 2", message: "filen har ingen steder") }
        return sites
    }

    static func parse(_ record: CSVRecords.Record) throws(ValidationFailure) -> ProductionSite {
        func fail(_ column: String, _ message: String) -> ValidationFailure {
            ValidationFailure(field: "line \(record.line)", message: "\(column): \(message)")
        }
        guard record.fields.count == columns.count else {
            throw fail("row", "har \(record.fields.count) felt, forventet \(columns.count)")
        }
        let f = record.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        func list(_ value: String) -> [String] {
            value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        func yesNo(_ index: Int) throws(ValidationFailure) -> Bool {
            switch f[index] {
            case "yes": return true
            case "no": return false
            default: throw fail(columns[index], "bruk yes eller no, ikke «\(f[index])»")
            }
        }
        guard !f[0].isEmpty else { throw fail("site", "mangler") }
        guard let kind = ProductionSite.Kind(rawValue: f[3]) else {
            throw fail("kind", "bruk hospital_pharmacy, service_production eller industry, ikke «\(f[3])»")
        }
        guard let licence = ProductionSite.Licence(rawValue: f[4]) else {
            throw fail("licence", "bruk pharmacy_act, medicines_act eller none, ikke «\(f[4])»")
        }
        guard let capacity = ProductionSite.SpareCapacity(rawValue: f[10]) else {
            throw fail("spare_capacity", "bruk can_increase, some, little, none eller tomt, ikke «\(f[10])»")
        }
        let site = ProductionSite(
            name: f[0], organisation: f[1], locations: list(f[2]), kind: kind, licence: licence,
            sterile: try yesNo(5), nonSterile: try yesNo(6), dosageForms: list(f[7]), technology: f[8],
            capacityNote: f[9], spareCapacity: capacity)
        if let first = site.validate().first {
            let column = ["organisation": "organisation", "sterile": "sterile", "dosageForms": "dosage_forms"]
            throw fail(column[first.field] ?? first.field, first.message)
        }
        return site
    }
}
