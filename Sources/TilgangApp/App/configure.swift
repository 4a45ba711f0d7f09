import Foundation
import Vapor

/// Configures the application: database, migrations, services, views, commands and routes, each in its own file.
///
/// - Parameter settings: defaults come from the environment (`DATABASE_URL`, `TILGANG_ADMIN_TOKEN`); tests pass their own.
public func configure(_ app: Application, settings: TilgangSettings? = nil) async throws {
    if settings == nil {
        try StartupPolicy.check(
            app.environment, settings: try TilgangSettings.fromEnvironment(),
            variables: ProcessInfo.processInfo.environment)
    }
    let settings = try settings ?? TilgangSettings.fromEnvironment()
    try configureDatabase(app, location: settings.database)
    registerMigrations(app)
    try configureServices(app, settings: settings)
    app.helseID = try HelseIDSettings.fromEnvironment()
    app.ehrLaunch = try EHRLaunchSettings.fromEnvironment(helseID: app.helseID)
    configureSessions(app)
    configureViews(app)
    configureServer(app)
    registerCommands(app)
    try routes(app, settings: settings)
}
