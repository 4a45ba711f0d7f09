import Fluent
import SQLKit
import Testing

@testable import TilgangApp

extension DatabaseTests {
    /// The desk's search has trigram indexes on PostgreSQL (without them it read the whole table: bench/scale) and
    /// nothing extra on SQLite, which walks the `created_at` index as it is.
    @Suite struct ExemptionSearchIndexTests {
        @Test func theDesksSearchColumnsHaveTrigramIndexesOnPostgreSQLOnly() async throws {
            try await withTilgangApp { app in
                // given: a migrated database
                let sql = try #require(app.db as? any SQLDatabase)
                let names = AddExemptionSearchIndex.postgresIndexes.map(\.0)
                // when
                let found: [String]
                if TestDatabase.isPostgres {
                    found = try await sql.raw(
                        "SELECT indexdef FROM pg_indexes WHERE tablename = 'exemptions' AND indexname IN (\(binds: names))"
                    ).all().map { try $0.decode(column: "indexdef", as: String.self) }
                } else {
                    found = try await sql.raw(
                        "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (\(binds: names))"
                    ).all().map { try $0.decode(column: "name", as: String.self) }
                }
                // then
                if TestDatabase.isPostgres {
                    #expect(found.count == 3)
                    for column in AddExemptionSearchIndex.postgresIndexes.map(\.1) {
                        #expect(found.contains { $0.contains("lower(\(column))") && $0.contains("gin_trgm_ops") })
                    }
                } else {
                    #expect(found.isEmpty)
                }
            }
        }
    }
}
