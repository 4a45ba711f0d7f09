import Fluent
import SQLKit
import Testing

@testable import TilgangApp

extension DatabaseTests {
    /// `AnalyzeCaseSearchColumns`: on PostgreSQL the lower-cased columns behind the work lists' trigram indexes get
    /// statistics (without them the planner guessed two matches for a common term: bench/scale, the migration's
    /// comment); on SQLite it does nothing.
    @Suite struct CaseSearchStatisticsTests {
        @Test func theMigrationGivesTheSearchedColumnsStatisticsOnPostgreSQLAndLeavesSQLitesPlansAlone() async throws {
            try await withTilgangApp(demoData: true, demoPeople: true) { app in
                // given: cases written after the migrations ran on an empty table (too few for autovacuum)
                let api = APIClient(app: app)
                for _ in 0..<3 { _ = try await api.createCase(as: "si-lege") }
                let sql = try #require(app.db as? any SQLDatabase)
                // when
                try await AnalyzeCaseSearchColumns().prepare(on: app.db)
                // then
                guard TestDatabase.isPostgres else {
                    // SQLite's plans were measured without statistics; an ANALYZE there would make sqlite_stat1.
                    let stat = try await sql.raw("SELECT count(*) AS n FROM sqlite_master WHERE name = 'sqlite_stat1'")
                        .first()?.decode(column: "n", as: Int.self)
                    #expect(stat == 0)
                    return
                }
                let indexes = AddCaseSearchIndex.postgresIndexes.map(\.name)
                let analysed = try await sql.raw(
                    "SELECT DISTINCT tablename FROM pg_stats WHERE tablename IN (\(binds: indexes))"
                ).all().map { try $0.decode(column: "tablename", as: String.self) }
                #expect(Set(analysed) == Set(indexes))
            }
        }
    }
}
