/// The errors shown next to each field of the route form.
struct PathwayFieldErrors: Encodable {
    var medicine: String?
    var indication: String?
    var date: String?
    var species: String?
    var applicantKind: String?
    var setting: String?
    var indicationCovered: String?
    /// Errors with no field of their own on the page.
    var other: [String] = []

    var isEmpty: Bool {
        [medicine, indication, date, species, applicantKind, setting, indicationCovered].allSatisfy { $0 == nil }
            && other.isEmpty
    }
}
