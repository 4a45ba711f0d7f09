import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// One result row of a query run through the driver itself (`SQLDatabase.resultRows(_:)`), read column by column
/// into `ColumnValue`s. For the hot read paths (work lists, case pages); everything else uses SQLKit's rows.
struct ResultRow: Sendable {
    enum Storage: Sendable {
        case sqlite(SQLiteRow)
        case postgres(PostgresRandomAccessRow)
        /// From a statement prepared through `PostgresStatementCache`: PostgresNIO asks for binary values there as
        /// everywhere, but labels the cells with the statement description's format (text), so the label is
        /// corrected before decoding.
        case postgresPrepared(PostgresRandomAccessRow)
    }

    let storage: Storage

    /// A row from `PostgresStatementCache`.
    init(preparedPostgres row: PostgresRow) {
        storage = .postgresPrepared(row.makeRandomAccess())
    }

    init(storage: Storage) {
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
