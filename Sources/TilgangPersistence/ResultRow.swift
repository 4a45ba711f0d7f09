import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

/// One result row of a query run through the driver itself (`SQLDatabase.resultRows(_:)`), read column by column
/// into `ColumnValue`s. For the hot read paths (work lists, case pages); everything else uses SQLKit's rows.
public struct ResultRow: Sendable {
    public enum Storage: Sendable {
        case sqlite(SQLiteRow)
        case postgres(PostgresRandomAccessRow)
    }

    let storage: Storage

    public init(storage: Storage) {
        self.storage = storage
    }

    /// A damaged row or a query that does not select the column: a fault of ours, not of the request.
    public struct Unreadable: Error, CustomStringConvertible {
        let column: String
        let type: String
        public var description: String { "column \(column) cannot be read as \(type)" }
    }

    public func value<T: ColumnValue>(_ column: String, as _: T.Type = T.self) throws -> T {
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
        }
    }

    public func isNull(_ column: String) -> Bool {
        switch storage {
        case .sqlite(let row): (row.column(column) ?? .null) == .null
        case .postgres(let row): !row.contains(column) || row[column].bytes == nil
        }
    }

    /// The column a coding key names: records list their columns as `CodingKeys`.
    public func value<Key: CodingKey, T: ColumnValue>(_ key: Key, as _: T.Type = T.self) throws -> T {
        try value(key.stringValue, as: T.self)
    }
}
