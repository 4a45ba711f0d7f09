import TilgangDomain

/// One `<option>` of a select.
struct SelectOption: Encodable {
    let value: String
    let label: String
    let selected: Bool
}

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

/// The decision as the page shows it.
struct DecisionView: Encodable {
    struct Rule: Encodable {
        let id: String
        let title: String
        let source: String
    }

    let route: String
    let routeTitle: String
    let agencyApplication: String
    let trustApproval: String
    let applicantMayApply: String
    let mayApply: Bool
    let rules: [Rule]
    let explanation: String
    let nextSteps: [String]
}

/// Everything the page «Hvilken ordning gjelder?» renders.
struct PathwayPageContext: Encodable {
    let title = "Hvilken ordning gjelder?"
    let query: String
    let medicines: [SelectOption]
    let medicineCount: Int
    let indication: String
    let date: String
    let species: [SelectOption]
    let applicantKinds: [SelectOption]
    let settings: [SelectOption]
    let indicationCovered: [SelectOption]
    let checks: [CheckboxView]
    let errors: PathwayFieldErrors
    let hasErrors: Bool
    let decision: DecisionView?
}

/// One checkbox of the form.
struct CheckboxView: Encodable {
    let name: String
    let label: String
    let checked: Bool
}
