import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

/// Uses SQLite (default, a file) or PostgreSQL.
func configureDatabase(_ app: Application, location: DatabaseLocation) throws {
    switch location {
    case .sqlite(let path):
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
    case .postgres(let url):
        // TLS follows the URL's `sslmode`/`tlsmode` (default: prefer).
        app.databases.use(.postgres(configuration: try SQLPostgresConfiguration(url: url)), as: .psql)
    }
    app.databaseLocation = location
}

extension Application {
    private struct DatabaseLocationKey: StorageKey {
        typealias Value = DatabaseLocation
    }

    /// The database the application was configured with.
    public internal(set) var databaseLocation: DatabaseLocation? {
        get { storage[DatabaseLocationKey.self] }
        set { storage[DatabaseLocationKey.self] = newValue }
    }
}
