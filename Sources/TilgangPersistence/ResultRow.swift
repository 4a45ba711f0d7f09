import FluentSQLiteDriver
import Foundation
import SQLKit

/// One result row of a query run through the driver itself (`SQLDatabase.resultRows(_:)`), read column by column
/// into `ColumnValue`s. For the hot read paths (work lists, case pages); everything else uses SQLKit's rows.
public struct ResultRow: Sendable {
    public enum Storage: Sendable {
        case sqlite(SQLiteRow)
        /// Any other database's row, read through SQLKit (PostgreSQL).
        case sql(any SQLRow)
    }

    // Inlinable, so the hot read paths get `value` specialized for each column type: called across the module
    // boundary as a generic, it looked up type metadata for every column of every row (bench/scale).
    @usableFromInline let storage: Storage

    public init(storage: Storage) {
        self.storage = storage
    }

    /// A damaged row or a query that does not select the column: a fault of ours, not of the request.
    public struct Unreadable: Error, CustomStringConvertible {
        let column: String
        let type: String
        public var description: String { "column \(column) cannot be read as \(type)" }

        @usableFromInline init(column: String, type: String) {
            self.column = column
            self.type = type
        }
    }

    @inlinable
    public func value<T: ColumnValue>(_ column: String, as _: T.Type = T.self) throws -> T {
        switch storage {
        case .sqlite(let row):
            guard let data = row.column(column), let value = T(sqlite: data) else {
                throw Unreadable(column: column, type: "\(T.self)")
            }
            return value
        case .sql(let row):
            guard row.contains(column: column) else { throw Unreadable(column: column, type: "\(T.self)") }
            do {
                return try row.decode(column: column, as: T.self)
            } catch {
                throw Unreadable(column: column, type: "\(T.self)")
            }
        }
    }

    public func isNull(_ column: String) -> Bool {
        switch storage {
        case .sqlite(let row): (row.column(column) ?? .null) == .null
        case .sql(let row): !row.contains(column: column) || (try? row.decodeNil(column: column)) ?? true
        }
    }

    /// The column a coding key names: records list their columns as `CodingKeys`.
    @inlinable
    public func value<Key: CodingKey, T: ColumnValue>(_ key: Key, as _: T.Type = T.self) throws -> T {
        try value(key.stringValue, as: T.self)
    }
}
