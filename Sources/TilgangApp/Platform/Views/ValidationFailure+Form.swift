import TilgangDomain

extension ValidationFailure {
    /// The message for each field, for a form that shows it beside the field (the first message when a field has
    /// several).
    var messagesByField: [String: String] {
        Dictionary(errors.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first })
    }

    /// As `messagesByField`, each message led by the field's Norwegian label («Start: kan ikke være før
    /// 01.01.2000»), so the page names what the person sees, never the field's internal name.
    var labelledMessagesByField: [String: String] {
        Dictionary(
            errors.map { ($0.field, "\(FieldLabels.label($0.field)): \($0.message)") },
            uniquingKeysWith: { first, _ in first })
    }
}
