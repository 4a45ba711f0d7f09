import TilgangDomain
import Vapor

/// The catalogue over the API: search, one record, and the administrator's import. The import is tied to the
/// administrator's own account (a bearer token from `POST /auth/token`) and audited in their name; there is no
/// shared token.
struct CatalogueAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let catalogue = routes.grouped(SiteURL.API.catalogue)
        catalogue.get(use: search)
        catalogue.get(":id", use: show)
        catalogue.grouped(BearerUserAuthenticator(), AuthenticatedUser.guardMiddleware(), AdministratorOnlyMiddleware())
            .on(
                .POST, SiteURL.API.catalogueImport, body: .collect(maxSize: "50mb"),
                use: importCatalogue)
    }

    struct SearchQuery: Content {
        var q: String?
        var limit: Int?
    }

    @Sendable
    func search(req: Request) async throws -> [Medicine] {
        let query = try req.query.decode(SearchQuery.self)
        return try await req.catalogue.search(query.q, limit: min(max(query.limit ?? 50, 1), 500))
    }

    @Sendable
    func show(req: Request) async throws -> Medicine {
        let id = try req.parameters.require("id")
        guard let medicine = try await req.catalogue.medicine(id: id) else { throw CatalogueError.unknownMedicine(id) }
        return medicine
    }

    @Sendable
    func importCatalogue(req: Request) async throws -> CatalogueImportResult {
        guard let body = req.body.data else {
            throw ValidationFailure(field: "$", message: "forespørselen mangler JSON-innhold")
        }
        let document = try CatalogueDocument.parse(json: Data(buffer: body))
        let result = try await req.catalogue.importDocument(document)
        try await CatalogueImportAudit.record(result, by: AuditActor(try req.user), on: req.application)
        return result
    }
}

extension Medicine: Content {}
