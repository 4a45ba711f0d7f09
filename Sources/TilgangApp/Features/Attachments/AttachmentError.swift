import Vapor

/// Refusals of attachments, in Norwegian.
enum AttachmentError: AbortError {
    case notFound
    case mayNotAdd

    var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .mayNotAdd: .forbidden
        }
    }

    var reason: String {
        switch self {
        case .notFound: "Fant ikke vedlegget."
        case .mayNotAdd:
            "Du kan ikke legge ved filer i saken nå: søkeren kan det mens saken er hos søkeren, ellers den som skal behandle saken."
        }
    }
}
