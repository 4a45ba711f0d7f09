import FluentSQLiteDriver
import Foundation
import NIOConcurrencyHelpers
import SQLKit

extension SQLDatabase {
    /// Runs `query` and returns its rows for `ResultRow` to read column by column: SQLite through its driver (the
    /// hot path there, without SQLKit's `Decodable` rows), every other database through SQLKit's own execution
    /// (on PostgreSQL, PostgresKit's `PostgresQuery` with its bindings), read through `SQLRow`.
    public func resultRows(_ query: some SQLExpression) async throws -> [ResultRow] {
        if let sqlite = self as? any SQLiteDatabase {
            var serializer = SQLSerializer(database: self)
            query.serialize(to: &serializer)
            let encoder = SQLiteDataEncoder()
            let binds = try serializer.binds.map { try encoder.encode($0) }
            return try await sqlite.query(serializer.sql, binds).map { ResultRow(sqlite: $0) }
        }
        let rows = NIOLockedValueBox<[ResultRow]>([])
        try await execute(sql: query) { row in rows.withLockedValue { $0.append(ResultRow(sql: row)) } }
        return rows.withLockedValue { $0 }
    }

    /// Runs a `FixedQuery`: on SQLite through the driver with its binds, elsewhere through SQLKit.
    public func resultRows<Query: FixedQuery>(_ query: Query) async throws -> [ResultRow] {
        if let sqlite = self as? any SQLiteDatabase {
            return try await sqlite.query(Query.sql, query.sqliteBinds).map { ResultRow(sqlite: $0) }
        }
        return try await resultRows(Self.boundText(Query.sql, query.binds))
    }

    /// The fixed text with each `$n` replaced by SQLKit's bind of the n-th value, so SQLKit numbers and sends the
    /// binds itself (`SQLRaw` sends its text's placeholders without the values).
    static func boundText(_ sql: String, _ binds: [any Encodable & Sendable]) -> SQLQueryString {
        var query = SQLQueryString("")
        var literal = ""
        var index = sql.startIndex
        while index < sql.endIndex {
            let character = sql[index]
            let next = sql.index(after: index)
            if character == "$", next < sql.endIndex, sql[next].isNumber {
                var end = next
                while end < sql.endIndex, sql[end].isNumber { end = sql.index(after: end) }
                if let number = Int(sql[next..<end]), (1...binds.count).contains(number) {
                    query.appendLiteral(literal)
                    literal = ""
                    query.appendInterpolation(bind: binds[number - 1])
                    index = end
                    continue
                }
            }
            literal.append(character)
            index = next
        }
        query.appendLiteral(literal)
        return query
    }
}
