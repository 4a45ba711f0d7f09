import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Vapor

/// Uses SQLite (default, a file) or PostgreSQL. SQL statements are never logged at `debug` or above: their
/// bindings hold patient data (SQLite: not at all; PostgreSQL's driver has no "off", so only at `trace`).
func configureDatabase(_ app: Application, location: DatabaseLocation) throws {
    switch location {
    case .sqlite(let path):
        // SQLite runs its statements on the thread pool, and a connection that finds the file locked retries on its
        // thread until the lock is free. With fewer threads than connections, connections retrying could take
        // every thread while the one holding the lock waits for a thread to commit on: at least one thread per
        // connection (two pools, one connection per event loop each) and two to spare.
        app.threadPool = NIOThreadPool(numberOfThreads: 2 * System.coreCount + 2)
        app.databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqlite)
        // The driver keeps one connection per event loop; the group commits (`GroupCommit`) get their own, so
        // their steady stream of transactions never holds a connection requests are waiting for.
        app.databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .groupCommit, isDefault: false)
    case .postgres(let url):
        // TLS follows the URL's `sslmode`/`tlsmode` (default: prefer). Four connections per event loop, not one:
        // reads go on while a write transaction holds its connection; a request that cannot get one within 5 s
        // fails with 503 rather than hanging (DatabaseUnavailable).
        app.databases.use(
            .postgres(
                configuration: try SQLPostgresConfiguration(url: url), maxConnectionsPerEventLoop: 4,
                connectionPoolTimeout: .seconds(5), encodingContext: .default, decodingContext: .default,
                sqlLogLevel: .trace),
            as: .psql)
    }
    app.databaseLocation = location
}

extension DatabaseID {
    /// A second pool on the same SQLite file, for `GroupCommit` (its writes still take `SerializedWrites`' turn).
    static let groupCommit = DatabaseID(string: "sqlite-group-commit")
}

extension Application {
    /// The database `GroupCommit` commits on.
    var writerDatabase: any Database {
        if case .sqlite = databaseLocation { return db(.groupCommit) }
        return db
    }

    private struct DatabaseLocationKey: StorageKey {
        typealias Value = DatabaseLocation
    }

    /// The database the application was configured with.
    public internal(set) var databaseLocation: DatabaseLocation? {
        get { storage[DatabaseLocationKey.self] }
        set { storage[DatabaseLocationKey.self] = newValue }
    }
}
