import Vapor

/// Registers every route collection; no handlers here.
func routes(_ app: Application, settings: TilgangSettings) throws {
    try app.register(collection: HealthController())
    try app.register(collection: PathwayPageController())
    let api = app.grouped(SiteURL.apiRoot)
    try api.register(collection: PathwayAPIController())
    try api.register(collection: CatalogueAPIController(adminToken: settings.adminToken))
    try api.register(collection: OpenAPIController())
}
