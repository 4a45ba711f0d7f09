import Vapor

/// Configures the application: database, migrations, views, commands and routes, each in its own file.
public func configure(_ app: Application) async throws {
    try configureDatabase(app)
    registerMigrations(app)
    try configureServices(app)
    configureViews(app)
    registerCommands(app)
    try routes(app)
}
