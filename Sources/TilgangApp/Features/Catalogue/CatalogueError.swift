import Vapor

/// Failures of catalogue look-ups, with the Norwegian text the user sees.
enum CatalogueError: AbortError {
    case unknownMedicine(String)
    case damagedRecord(String)

    var status: HTTPResponseStatus {
        switch self {
        case .unknownMedicine: .notFound
        case .damagedRecord: .internalServerError
        }
    }

    var reason: String {
        switch self {
        case .unknownMedicine(let id): "Fant ikke legemiddelet «\(id)» i katalogen."
        case .damagedRecord(let id): "Katalogposten «\(id)» er skadet; importer katalogen på nytt."
        }
    }
}
