import FluentSQLiteDriver
import Foundation
import SQLKit

/// One result row of a query run through the driver itself (`SQLDatabase.resultRows(_:)`), read column by column
/// into `ColumnValue`s. For the hot read paths (work lists, case pages); everything else uses SQLKit's rows.
public struct ResultRow: Sendable {
    // Two optionals, not an enum of the two: reading a column switched over the enum and copied its SQLite row
    // (three reference counts up and down) for every column of every row (bench/scale). Inlinable, so the hot
    // read paths get `value` specialized for each column type: called across the module boundary as a generic, it
    // looked up type metadata for every column of every row.
    @usableFromInline let sqlite: SQLiteRow?
    /// Any other database's row, read through SQLKit (PostgreSQL).
    @usableFromInline let sql: (any SQLRow)?

    public init(sqlite row: SQLiteRow) {
        sqlite = row
        sql = nil
    }

    public init(sql row: any SQLRow) {
        sqlite = nil
        sql = row
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
        if let data = sqlite?.column(column) {
            guard let value = T(sqlite: data) else { throw Unreadable(column: column, type: "\(T.self)") }
            return value
        }
        guard let row = sql, row.contains(column: column) else {
            throw Unreadable(column: column, type: "\(T.self)")
        }
        do {
            return try row.decode(column: column, as: T.self)
        } catch {
            throw Unreadable(column: column, type: "\(T.self)")
        }
    }

    public func isNull(_ column: String) -> Bool {
        if let sqlite { return (sqlite.column(column) ?? .null) == .null }
        guard let sql else { return true }
        return !sql.contains(column: column) || (try? sql.decodeNil(column: column)) ?? true
    }

    /// The column a coding key names: records list their columns as `CodingKeys`.
    @inlinable
    public func value<Key: CodingKey, T: ColumnValue>(_ key: Key, as _: T.Type = T.self) throws -> T {
        try value(key.stringValue, as: T.self)
    }
}
