import FluentSQLiteDriver
import SQLKit

/// A query with fixed text that runs on nearly every request (the case page's). SQLite runs it through its driver
/// with `sqliteBinds`; PostgreSQL through SQLKit with `binds` (`$1`, `$2`, … in the text, as both take them).
public protocol FixedQuery: Sendable {
    static var sql: String { get }
    /// The binds for `$1`, `$2`, … in order, for SQLKit.
    var binds: [any Encodable & Sendable] { get }
    /// The same binds as SQLite's values.
    var sqliteBinds: [SQLiteData] { get }
}
