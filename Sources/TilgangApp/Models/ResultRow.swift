import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// One result row of a query run through the driver itself (`SQLDatabase.resultRows(_:)`), read column by column
/// into `ColumnValue`s. For the hot read paths (work lists, case pages); everything else uses SQLKit's rows.
struct ResultRow: Sendable {
    fileprivate enum Storage: Sendable {
        case sqlite(SQLiteRow)
        case postgres(PostgresRandomAccessRow)
        /// From a statement prepared through `PostgresStatementCache`: PostgresNIO asks for binary values there as
        /// everywhere, but labels the cells with the statement description's format (text), so the label is
        /// corrected before decoding.
        case postgresPrepared(PostgresRandomAccessRow)
    }

    fileprivate let storage: Storage

    /// A row from `PostgresStatementCache`.
    init(preparedPostgres row: PostgresRow) {
        storage = .postgresPrepared(row.makeRandomAccess())
    }

    fileprivate init(storage: Storage) {
        self.storage = storage
    }

    /// A damaged row or a query that does not select the column: a fault of ours, not of the request.
    struct Unreadable: Error, CustomStringConvertible {
        let column: String
        let type: String
        var description: String { "column \(column) cannot be read as \(type)" }
    }

    func value<T: ColumnValue>(_ column: String, as _: T.Type = T.self) throws -> T {
        switch storage {
        case .sqlite(let row):
            guard let data = row.column(column), let value = T(sqlite: data) else {
                throw Unreadable(column: column, type: "\(T.self)")
            }
            return value
        case .postgres(let row):
            // The subscript stops the process on an unknown column, so ask first.
            guard row.contains(column) else { throw Unreadable(column: column, type: "\(T.self)") }
            return try row[column].decode(T.self)
        case .postgresPrepared(let row):
            guard row.contains(column) else { throw Unreadable(column: column, type: "\(T.self)") }
            let cell = row[column]
            return try PostgresCell(
                bytes: cell.bytes, dataType: cell.dataType, format: .binary, columnName: cell.columnName,
                columnIndex: cell.columnIndex
            ).decode(T.self)
        }
    }

    func isNull(_ column: String) -> Bool {
        switch storage {
        case .sqlite(let row): (row.column(column) ?? .null) == .null
        case .postgres(let row), .postgresPrepared(let row): !row.contains(column) || row[column].bytes == nil
        }
    }

    /// The column a coding key names: records list their columns as `CodingKeys`.
    func value<Key: CodingKey, T: ColumnValue>(_ key: Key, as _: T.Type = T.self) throws -> T {
        try value(key.stringValue, as: T.self)
    }
}

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

/// A query with fixed text that runs on nearly every request. On PostgreSQL it is a prepared statement, parsed
/// and planned once per connection: for the case page's 45-column join that was most of the database's work
/// (docs/load-benchmark.md). SQLite runs the same text, where `$1` is a parameter too.
protocol FixedQuery: PostgresPreparedStatement where Row == ResultRow {
    /// The binds for `$1`, `$2`, … in order.
    var sqliteBinds: [SQLiteData] { get }
}

extension FixedQuery {
    func decodeRow(_ row: PostgresRow) throws -> ResultRow {
        ResultRow(storage: .postgres(row.makeRandomAccess()))
    }
}

extension SQLDatabase {
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
