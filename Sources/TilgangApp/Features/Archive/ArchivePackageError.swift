import Vapor

/// Refusals of an archive package, in Norwegian.
enum ArchivePackageError: AbortError {
    case notDecided

    var status: HTTPResponseStatus { .conflict }

    var reason: String {
        switch self {
        case .notDecided: "Saken er ikke avgjort ennå; arkivpakken lages når direktøren har fattet vedtak."
        }
    }
}
