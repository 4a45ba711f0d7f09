import TilgangDomain

extension ValidationFailure {
    /// The message for each field, for a form that shows it beside the field (the first message when a field has
    /// several).
    var messagesByField: [String: String] {
        Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
    }
}
