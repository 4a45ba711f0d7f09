import FluentKit
import Foundation
import SQLKit
import Testing

@testable import TilgangPersistence

@Suite struct ResultRowTests {
    @Test func everyColumnTypeReadsStraightFromTheDriver() async throws {
        try await withDatabase { db in
            // given
            let sql = try #require(db as? any SQLDatabase)
            let id = UUID()
            try await sql.raw("CREATE TABLE t (id TEXT, name TEXT, n INTEGER, x REAL, yes INTEGER, at REAL, gone TEXT)")
                .run()
            try await sql.raw(
                """
                INSERT INTO t VALUES (\(bind: id.uuidString), \(bind: "Blåbærsyltetøy"), \(bind: 42), \(bind: 1.5), \
                \(bind: true), \(bind: 1_700_000_000.25), NULL)
                """
            ).run()
            // when
            let rows = try await sql.resultRows(
                "SELECT id, name, n, x, yes, at, gone FROM t WHERE n = \(bind: 42)" as SQLQueryString)
            // then
            let row = try #require(rows.first)
            #expect(try row.value("id", as: UUID.self) == id)
            #expect(try row.value("name", as: String.self) == "Blåbærsyltetøy")
            #expect(try row.value("n", as: Int.self) == 42)
            #expect(try row.value("x", as: Double.self) == 1.5)
            #expect(try row.value("yes", as: Bool.self))
            #expect(try row.value("at", as: Date.self).timeIntervalSince1970 == 1_700_000_000.25)
            #expect(try row.value("gone", as: String?.self) == nil)
            #expect(row.isNull("gone") && !row.isNull("name"))
            #expect(throws: ResultRow.Unreadable.self) { try row.value("missing", as: String.self) }
            #expect(throws: ResultRow.Unreadable.self) { try row.value("name", as: Int.self) }
        }
    }
}
