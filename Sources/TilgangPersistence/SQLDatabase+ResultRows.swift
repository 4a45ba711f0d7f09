import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

extension SQLDatabase {
    /// Runs `query` and returns its rows for `ResultRow` to read column by column: SQLite through its driver, with
    /// SQLKit's serialisation; PostgreSQL as a `PostgresQuery` with `PostgresBindings` (SQLKit's own rows hide the
    /// driver's row).
    public func resultRows(_ query: some SQLExpression) async throws -> [ResultRow] {
        var serializer = SQLSerializer(database: self)
        query.serialize(to: &serializer)
        if let sqlite = self as? any SQLiteDatabase {
            let encoder = SQLiteDataEncoder()
            let binds = try serializer.binds.map { try encoder.encode($0) }
            return try await sqlite.query(serializer.sql, binds).map { ResultRow(storage: .sqlite($0)) }
        }
        if let postgres = self as? any PostgresDatabase {
            var bindings = PostgresBindings(capacity: serializer.binds.count)
            for bind in serializer.binds { try Self.append(bind, to: &bindings) }
            let statement = PostgresQuery(unsafeSQL: serializer.sql, binds: bindings)
            return try await postgres.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    var rows: [ResultRow] = []
                    for try await row in try await connection.query(statement, logger: connection.logger) {
                        rows.append(ResultRow(storage: .postgres(row.makeRandomAccess())))
                    }
                    return rows
                }
            }.get()
        }
        throw UnsupportedDatabase(dialect: dialect.name)
    }

    /// The values the hot queries bind. A nil goes as an untyped NULL: the statements cast such parameters.
    static func append(_ bind: any Encodable & Sendable, to bindings: inout PostgresBindings) throws {
        switch bind {
        case let value as String: bindings.append(value)
        case let value as Int: bindings.append(value)
        case let value as UUID: bindings.append(value)
        case let value as Bool: bindings.append(value)
        case let value as Date: bindings.append(value)
        case let value as Double: bindings.append(value)
        default:
            let mirror = Mirror(reflecting: bind)
            guard mirror.displayStyle == .optional, mirror.children.isEmpty else {
                throw UnsupportedBind(type: "\(type(of: bind))")
            }
            bindings.appendNull()
        }
    }
}

/// A value the hot queries do not bind.
public struct UnsupportedBind: Error, CustomStringConvertible {
    let type: String
    public var description: String { "a value of type \(type) cannot be bound for PostgreSQL" }
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
