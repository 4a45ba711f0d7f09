import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

extension SQLDatabase {
    /// Runs `query` on the driver underneath SQLKit (SQLite or PostgreSQL), with SQLKit's serialisation of the
    /// query and its binds, and returns the rows for `ResultRow` to read.
    func resultRows(_ query: some SQLExpression) async throws -> [ResultRow] {
        var serializer = SQLSerializer(database: self)
        query.serialize(to: &serializer)
        if let sqlite = self as? any SQLiteDatabase {
            let encoder = SQLiteDataEncoder()
            let binds = try serializer.binds.map { try encoder.encode($0) }
            return try await sqlite.query(serializer.sql, binds).map { ResultRow(storage: .sqlite($0)) }
        }
        if let postgres = self as? any PostgresDatabase {
            let sql = serializer.sql
            let binds = try serializer.binds.map(Self.postgresData)
            return try await postgres.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    try await PostgresStatementCache.shared.rows(sql, binds, on: connection)
                }
            }.get().map(ResultRow.init(preparedPostgres:))
        }
        throw UnsupportedDatabase(dialect: dialect.name)
    }
}

extension SQLDatabase {
    /// Runs a `FixedQuery`: on PostgreSQL as a statement prepared on the connection, on SQLite as it is.
    func resultRows<Query: FixedQuery>(_ query: Query) async throws -> [ResultRow] {
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

extension SQLDatabase {
    /// The values the hot queries bind, as PostgreSQL's prepared-statement interface takes them. A nil goes as an
    /// untyped NULL: the statements cast such parameters.
    fileprivate static func postgresData(_ bind: any Encodable & Sendable) throws -> PostgresData {
        switch bind {
        case let value as String: return PostgresData(string: value)
        case let value as Int: return PostgresData(int: value)
        case let value as UUID: return PostgresData(uuid: value)
        case let value as Bool: return PostgresData(bool: value)
        case let value as Date: return PostgresData(date: value)
        case let value as Double: return PostgresData(double: value)
        default:
            let mirror = Mirror(reflecting: bind)
            guard mirror.displayStyle == .optional, mirror.children.isEmpty else {
                throw UnsupportedBind(type: "\(type(of: bind))")
            }
            return PostgresData(type: .null, value: nil)
        }
    }
}

private struct UnsupportedBind: Error, CustomStringConvertible {
    let type: String
    var description: String { "a value of type \(type) cannot be bound for PostgreSQL" }
}

private struct UnsupportedDatabase: Error, CustomStringConvertible {
    let dialect: String
    var description: String { "result rows are read from SQLite and PostgreSQL only, not \(dialect)" }
}
