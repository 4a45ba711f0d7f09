import Foundation

/// The open catalogue import format (`docs/catalogue-format.md`):
/// `{"format": "tilgang-catalogue", "formatVersion": 1, "medicines": [ … ]}`.
public struct CatalogueDocument: Sendable, Equatable {
    public static let format = "tilgang-catalogue"
    public static let formatVersion = 1

    public let medicines: [Medicine]

    /// Parses and checks the whole document; the error names the record index and field of every problem,
    /// first one first, so an import can refuse the file without touching the catalogue.
    public static func parse(json data: Data) throws(ValidationFailure) -> CatalogueDocument {
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw ValidationFailure(field: "$", message: "er ikke gyldig JSON")
        }
        let collector = FieldErrorCollector()
        guard let reader = FieldReader(value, path: "", collector: collector) else {
            throw ValidationFailure(collector.errors)
        }
        reader.rejectUnknownKeys(allowed: ["format", "formatVersion", "medicines"])
        if let format = reader.string("format", required: true), format != Self.format {
            collector.add("format", "må være «\(Self.format)»")
        }
        if let version = reader.number("formatVersion", in: 0...1000), Int(version) != Self.formatVersion {
            collector.add("formatVersion", "versjon \(Int(version)) støttes ikke; bruk \(Self.formatVersion)")
        } else if !reader.has("formatVersion") {
            collector.add("formatVersion", "mangler")
        }
        guard case .array(let records)? = reader.value("medicines") else {
            collector.add("medicines", "må være en liste med legemidler")
            throw ValidationFailure(collector.errors)
        }
        var medicines: [Medicine] = []
        var firstIndexOfID: [String: Int] = [:]
        for (index, record) in records.enumerated() {
            let path = "medicines[\(index)]"
            guard let recordReader = FieldReader(record, path: path, collector: collector),
                let medicine = Medicine.read(from: recordReader, requireID: true), let id = medicine.id
            else { continue }
            if let first = firstIndexOfID[id] {
                collector.add("\(path).id", "«\(id)» finnes allerede i medicines[\(first)]")
                continue
            }
            firstIndexOfID[id] = index
            medicines.append(medicine)
        }
        guard collector.errors.isEmpty else { throw ValidationFailure(collector.errors) }
        return CatalogueDocument(medicines: medicines)
    }
}
