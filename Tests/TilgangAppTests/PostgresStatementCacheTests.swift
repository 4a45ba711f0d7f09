import FluentPostgresDriver
import Foundation
import Testing
import VaporTesting

@testable import TilgangApp

extension DatabaseTests {
    /// Only under PostgreSQL (`DATABASE_URL=postgres://…`, as in the test command); a no-op on SQLite.
    @Suite struct PostgresStatementCacheTests {
        @Test func preparedAndUnpreparedStatementsGiveTheSameRows() async throws {
            try await withTilgangApp { app in
                guard let postgres = app.db as? any PostgresDatabase else { return }
                // A cache with room for one statement: the first text is prepared, the second runs unprepared.
                let cache = PostgresStatementCache(capacity: 1)
                let texts = [
                    "SELECT $1::uuid AS id, $2::text AS name, now() AS at, 7::bigint AS n, true AS yes",
                    "SELECT $1::uuid AS id, $2::text AS name, now() AS at, 8::bigint AS n, false AS yes",
                ]
                let id = UUID()
                for round in 0..<3 {
                    for (index, sql) in texts.enumerated() {
                        let rows = try await postgres.withConnection { connection in
                            connection.eventLoop.makeFutureWithTask {
                                try await cache.rows(
                                    sql, [PostgresData(uuid: id), PostgresData(string: "ø")], on: connection)
                            }
                        }.get()
                        let row = try #require(rows.first.map(ResultRow.init(preparedPostgres:)))
                        #expect(try row.value("id", as: UUID.self) == id, "round \(round)")
                        #expect(try row.value("name", as: String.self) == "ø")
                        #expect(try row.value("n", as: Int.self) == 7 + index)
                        #expect(try row.value("yes", as: Bool.self) == (index == 0))
                        #expect(abs(try row.value("at", as: Date.self).timeIntervalSinceNow) < 60)
                        #expect(throws: ResultRow.Unreadable.self) { try row.value("missing", as: String.self) }
                    }
                }
            }
        }
    }
}
