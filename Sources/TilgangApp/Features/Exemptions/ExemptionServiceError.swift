import TilgangDomain
import Vapor

/// What is particular to exemptions; not found, no access and version conflicts are `CaseError`s, as for every case.
enum ExemptionServiceError: AbortError {
    case mayNotApply(Role)
    case transition(ExemptionError)

    var status: HTTPResponseStatus {
        switch self {
        case .mayNotApply: .forbidden
        case .transition(.missing): .unprocessableEntity
        case .transition(.notAllowedInState), .transition(.assessmentFirst), .transition(.appealDeadlinePassed):
            .conflict
        case .transition: .forbidden
        }
    }

    var reason: String {
        switch self {
        case .mayNotApply(let role): "Rollen «\(role.title)» kan ikke søke om godkjenningsfritak."
        // The field by the label the form shows («Faglig forsvarlighet…»), not its internal name.
        case .transition(.missing(let field)): "Feltet «\(FieldLabels.label(field))» må fylles ut."
        case .transition(let error): error.description
        }
    }
}
