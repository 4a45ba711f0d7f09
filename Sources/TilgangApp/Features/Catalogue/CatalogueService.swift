import Fluent
import TilgangDomain
import Vapor

/// Reads and writes the medicine catalogue.
protocol CatalogueService: Sendable {
    /// Medicines whose name, substance, ATC code or product number contains `query` (all when empty), by name;
    /// retired ones are left out.
    func search(_ query: String?, limit: Int) async throws -> [Medicine]
    func medicine(id: String) async throws -> Medicine?
    /// Upserts every record by its stable id in one transaction: all or nothing.
    func importDocument(_ document: CatalogueDocument) async throws -> CatalogueImportResult
    func count() async throws -> Int
}

extension Request {
    var catalogue: any CatalogueService { application.catalogue(on: db) }
}

extension Application {
    var catalogue: any CatalogueService { catalogue(on: db) }

    /// The catalogue on `database`, through the shared cache.
    func catalogue(on database: any Database) -> any CatalogueService {
        FluentCatalogueService(database: database, cache: catalogueCache)
    }
}
