import TilgangDomain

/// A medicine found by the department list form's catalogue search, to pick for the list.
struct DepartmentListSearchResult: Encodable {
    let id: String
    let name: String
    let detail: String
    /// With a Norwegian MT the medicine needs no exemption; it is shown, but cannot be picked.
    let authorised: Bool

    init(_ medicine: Medicine) {
        id = medicine.id ?? ""
        name = medicine.name
        detail = [medicine.substance, medicine.strength, medicine.form, medicine.atc].compactMap { $0 }
            .filter { !$0.isEmpty }.joined(separator: ", ")
        authorised = medicine.norwegianAuthorisation == .authorised
    }
}
