import TilgangDomain

/// What the catalogue's search box matches: lower-cased name, substance, ATC code and product number.
enum MedicineSearchText {
    static func of(_ m: Medicine) -> String {
        [m.name, m.substance, m.atc, m.productNumber ?? ""].joined(separator: " ").lowercased()
    }
}
