import FluentPostgresDriver
import FluentSQLiteDriver

/// A query with fixed text that runs on nearly every request. On PostgreSQL it is a prepared statement, parsed
/// and planned once per connection: for the case page's 45-column join that was most of the database's work
/// (docs/load-benchmark.md). SQLite runs the same text, where `$1` is a parameter too.
public protocol FixedQuery: PostgresPreparedStatement where Row == ResultRow {
    /// The binds for `$1`, `$2`, … in order.
    var sqliteBinds: [SQLiteData] { get }
}

extension FixedQuery {
    public func decodeRow(_ row: PostgresRow) throws -> ResultRow {
        ResultRow(storage: .postgres(row.makeRandomAccess()))
    }
}
