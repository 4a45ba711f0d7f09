/// One checkbox of the form.
struct CheckboxView: Encodable {
    let name: String
    let label: String
    let checked: Bool
}
