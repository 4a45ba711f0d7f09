import Vapor

/// What an import did; re-importing the same file reports every record as unchanged.
struct CatalogueImportResult: Content, Equatable {
    var created = 0
    var updated = 0
    var unchanged = 0
}
