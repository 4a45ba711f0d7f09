import Vapor

/// Registers every route collection; no handlers here.
func routes(_ app: Application, settings: TilgangSettings) throws {
    try app.register(collection: HealthController())
    try app.register(collection: PathwayPageController())
    try app.register(collection: AuthPageController())
    try app.register(collection: CasePageController())
    try app.register(collection: AccessLogController(api: false))
    try app.register(collection: SubstitutionController(api: false))
    try app.register(collection: UserAdminController(api: false))
    try app.register(collection: ExemptionPageController())
    try app.register(collection: DepartmentListController(api: false))
    try app.register(collection: CompassionateUseController(api: false))
    try app.register(collection: StatisticsController(api: false))
    let api = app.grouped(SiteURL.apiRoot)
    try api.register(collection: PathwayAPIController())
    try api.register(collection: CatalogueAPIController(adminToken: settings.adminToken))
    try api.register(collection: OpenAPIController())
    try api.register(collection: AuthAPIController())
    try api.register(collection: CaseAPIController())
    try api.register(collection: AccessLogController(api: true))
    try api.register(collection: SubstitutionController(api: true))
    try api.register(collection: UserAdminController(api: true))
    try api.register(collection: ExemptionAPIController())
    try api.register(collection: DepartmentListController(api: true))
    try api.register(collection: CompassionateUseController(api: true))
    try api.register(collection: StatisticsController(api: true))
}
