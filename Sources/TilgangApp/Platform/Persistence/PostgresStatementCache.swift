import FluentPostgresDriver
import NIOConcurrencyHelpers

/// Statements this process has prepared on each PostgreSQL connection, by their SQL text. Parsing and planning
/// cost PostgreSQL more than running a work list's query (docs/load-benchmark.md); the text depends on the
/// reader's role and list, so it cannot be a `PostgresPreparedStatement` type with fixed SQL. A statement lives as
/// long as its connection; each connection keeps at most `capacity`, and further texts run unprepared.
final class PostgresStatementCache: Sendable {
    static let shared = PostgresStatementCache()

    private struct Entry {
        weak var connection: PostgresConnection?
        var statements: [String: PreparedQuery] = [:]
    }

    private let entries = NIOLockedValueBox([ObjectIdentifier: Entry]())
    let capacity: Int

    init(capacity: Int = 100) {
        self.capacity = capacity
    }

    /// Runs `sql` with `binds` on `connection`, preparing it there the first time.
    func rows(_ sql: String, _ binds: [PostgresData], on connection: PostgresConnection) async throws
        -> [PostgresRow]
    {
        let found = lookup(sql, on: connection)
        if let prepared = found.prepared {
            do {
                return try await prepared.execute(binds).get()
            } catch {
                // A statement the server no longer knows (a schema change, a reset session) is prepared again
                // next time rather than failing every time.
                forget(sql, on: connection)
                throw error
            }
        }
        guard found.hasRoom else {
            return try await connection.query(sql, binds).get().rows
        }
        let prepared = try await connection.prepare(query: sql).get()
        store(prepared, for: sql, on: connection)
        return try await prepared.execute(binds).get()
    }

    /// The statement prepared for `sql` on `connection`, and whether the connection may keep one more.
    private func lookup(_ sql: String, on connection: PostgresConnection) -> (prepared: PreparedQuery?, hasRoom: Bool) {
        entries.withLockedValue { entries in
            guard let entry = entries[ObjectIdentifier(connection)], entry.connection === connection else {
                return (nil, true)
            }
            return (entry.statements[sql], entry.statements.count < capacity)
        }
    }

    private func store(_ prepared: PreparedQuery, for sql: String, on connection: PostgresConnection) {
        entries.withLockedValue { entries in
            let key = ObjectIdentifier(connection)
            // A closed connection's identity can come back with a new connection: start that one afresh.
            if entries[key]?.connection !== connection {
                entries = entries.filter { $0.value.connection != nil }
                entries[key] = Entry(connection: connection)
            }
            entries[key]?.statements[sql] = prepared
        }
    }

    private func forget(_ sql: String, on connection: PostgresConnection) {
        entries.withLockedValue { entries in
            entries[ObjectIdentifier(connection)]?.statements[sql] = nil
        }
    }
}
