import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOConcurrencyHelpers
import SQLKit

extension SQLDatabase {
    /// Runs `query` and returns its rows for `ResultRow` to read column by column. SQLite runs through its driver
    /// directly; PostgreSQL through SQLKit (PostgresKit's `PostgresQuery` binds), whose rows are `PostgresRow`s.
    public func resultRows(_ query: some SQLExpression) async throws -> [ResultRow] {
        if let sqlite = self as? any SQLiteDatabase {
            var serializer = SQLSerializer(database: self)
            query.serialize(to: &serializer)
            let encoder = SQLiteDataEncoder()
            let binds = try serializer.binds.map { try encoder.encode($0) }
            return try await sqlite.query(serializer.sql, binds).map { ResultRow(storage: .sqlite($0)) }
        }
        guard dialect.name == "postgresql" else { throw UnsupportedDatabase(dialect: dialect.name) }
        let rows = NIOLockedValueBox<[ResultRow]>([])
        try await execute(sql: query) { row in
            if let postgres = row as? PostgresRow {
                rows.withLockedValue { $0.append(ResultRow(storage: .postgres(postgres.makeRandomAccess()))) }
            }
        }
        return rows.withLockedValue { $0 }
    }
}

extension SQLDatabase {
    /// Runs a `FixedQuery`: on PostgreSQL as a statement prepared once per connection (`PostgresPreparedStatement`),
    /// on SQLite as it is.
    ///
    /// Fluent's PostgreSQL driver hands out a connection only through `PostgresDatabase.withConnection`; that is
    /// the one part of PostgresNIO's older interface still used here, until the driver moves to `PostgresClient`.
    public func resultRows<Query: FixedQuery>(_ query: Query) async throws -> [ResultRow] {
        if let sqlite = self as? any SQLiteDatabase {
            return try await sqlite.query(Query.sql, query.sqliteBinds).map { ResultRow(storage: .sqlite($0)) }
        }
        if let postgres = self as? any PostgresDatabase {
            return try await postgres.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    try await connection.execute(query, logger: connection.logger).reduce(into: []) { $0.append($1) }
                }
            }.get()
        }
        throw UnsupportedDatabase(dialect: dialect.name)
    }
}

/// `resultRows` reads SQLite and PostgreSQL only.
public struct UnsupportedDatabase: Error, CustomStringConvertible {
    let dialect: String
    public var description: String { "result rows are read from SQLite and PostgreSQL only, not \(dialect)" }
}
