import TilgangDomain
import Vapor

/// Failures of the preparedness register, with the Norwegian text the user sees.
enum PreparednessError: AbortError {
    case notFound(String)
    case forbidden
    case readForbidden
    /// Someone else saved first; the client must reload.
    case versionConflict(current: Int)
    case missingVersion

    var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .forbidden, .readForbidden: .forbidden
        case .versionConflict: .conflict
        case .missingVersion: .preconditionRequired
        }
    }

    var reason: String {
        switch self {
        case .notFound(let what): "Fant ikke \(what)."
        case .forbidden: "Beredskapsregisteret endres bare av beredskapsanalytikere."
        case .readForbidden: "Rollen din har ikke tilgang til beredskapsregisteret."
        case .versionConflict(let current):
            "Noen andre har lagret først (nå versjon \(current)). Last siden på nytt; ingenting er overskrevet."
        case .missingVersion: "Oppgi versjonen du endrer med If-Match."
        }
    }
}
