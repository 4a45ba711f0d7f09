import FluentSQLiteDriver
import Foundation
import TilgangDomain

/// A type a `ResultRow` column reads into. On SQLite straight from the driver's value, the conversion chosen at
/// compile time (SQLKit's `Decodable` rows were a tenth of a work list there: docs/load-benchmark.md); on
/// PostgreSQL through SQLKit's row, as `Decodable`.
public protocol ColumnValue: Decodable, Sendable {
    /// Nil when the stored value is not of this type.
    init?(sqlite: SQLiteData)
}

extension String: ColumnValue {
    public init?(sqlite: SQLiteData) { self.init(sqliteData: sqlite) }
}

extension Int: ColumnValue {
    public init?(sqlite: SQLiteData) { self.init(sqliteData: sqlite) }
}

extension Double: ColumnValue {
    public init?(sqlite: SQLiteData) { self.init(sqliteData: sqlite) }
}

extension Bool: ColumnValue {
    public init?(sqlite: SQLiteData) { self.init(sqliteData: sqlite) }
}

extension Date: ColumnValue {
    /// SQLite keeps Fluent's dates as seconds since 1970, rounded here to microseconds as SQLiteNIO does.
    public init?(sqlite: SQLiteData) { self.init(sqliteData: sqlite) }
}

extension UUID: ColumnValue {
    /// Fluent keeps UUIDs in SQLite as text.
    public init?(sqlite: SQLiteData) {
        guard case .text(let text) = sqlite, let uuid = TextFormat.uuid(text) else { return nil }
        self = uuid
    }
}

extension Optional: ColumnValue where Wrapped: ColumnValue {
    public init?(sqlite: SQLiteData) {
        if case .null = sqlite {
            self = .none
        } else {
            guard let value = Wrapped(sqlite: sqlite) else { return nil }
            self = .some(value)
        }
    }
}
