import TilgangDomain

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
    var currentUser: UserView? = nil
}
