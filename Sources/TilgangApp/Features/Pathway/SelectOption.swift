/// One `<option>` of a select.
struct SelectOption: Encodable {
    let value: String
    let label: String
    let selected: Bool
}
