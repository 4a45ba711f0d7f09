import TilgangDomain
import Vapor

/// Failures of case handling, with the Norwegian text the user sees.
enum CaseError: AbortError {
    case notFound
    case forbidden
    case mayNotApply(Role)
    case transition(CaseTransitionError)
    /// Someone else changed the case first; the client must reload it.
    case versionConflict(current: Int)
    case missingVersion

    var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .forbidden, .mayNotApply: .forbidden
        case .transition(.missing), .transition(.memberMayNotTakePart), .transition(.assessmentNotAllowed):
            .unprocessableEntity
        case .transition(.notAllowedInState): .conflict
        case .transition: .forbidden
        case .versionConflict: .conflict
        case .missingVersion: .preconditionRequired
        }
    }

    var reason: String {
        switch self {
        case .notFound: "Fant ikke saken."
        case .forbidden: "Du har ikke tilgang til denne saken."
        case .mayNotApply(let role):
            "Rollen «\(role.title)» kan ikke søke; søknaden fylles ut av behandlingsansvarlig lege."
        case .transition(.missing(let field)): "Feltet «\(FieldLabels.label(field))» må fylles ut."
        case .transition(.notAllowedInState(let action, let state)):
            "Handlingen «\(CaseActionLabels.view(action).label)» kan ikke gjøres når saken har status «\(state.title)»."
        case .transition(let error): error.description
        case .versionConflict(let current):
            "Saken er endret av noen andre (nå versjon \(current)). Last saken på nytt; ingenting er overskrevet."
        case .missingVersion: "Oppgi versjonen du endrer med If-Match."
        }
    }
}
