import TilgangDomain
import Vapor

/// Refusals of access requests, with the Norwegian text the user sees.
enum AccessRequestError: AbortError, Equatable {
    case mayNotRequest
    case notFound
    case ownRequest
    case notDecider
    case notInState(AccessRequestState)
    case notActive
    /// Retention has purged its reasons: nothing may be written to it again.
    case purged

    var status: HTTPResponseStatus {
        switch self {
        case .mayNotRequest, .ownRequest, .notDecider, .notActive: .forbidden
        case .notFound: .notFound
        case .notInState: .conflict
        case .purged: .gone
        }
    }

    var reason: String {
        switch self {
        case .mayNotRequest:
            "Bare leger som behandler pasienter i en avdeling kan be om innsyn i tidligere søknader."
        case .notFound: "Fant ikke forespørselen."
        case .ownRequest: "Du kan ikke avgjøre din egen forespørsel om innsyn."
        case .notDecider:
            "Bare lederen for avdelingen forespørselen gjelder (eller stedfortrederen i dag) kan avgjøre den."
        case .notInState(let state): "Forespørselen er allerede behandlet (status: \(state.title))."
        case .notActive: "Tilgangen er ikke gyldig nå (utløpt, trukket tilbake eller ikke innvilget)."
        case .purged: "Forespørselen er slettet etter oppbevaringstiden og kan ikke avgjøres eller endres."
        }
    }
}
