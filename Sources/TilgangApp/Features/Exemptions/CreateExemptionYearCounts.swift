import Fluent
import SQLKit
import Vapor

/// The counters of `ExemptionYearCounts`, filled from the exemptions already stored (one pass over the table at
/// the migration; from then on kept on write).
struct CreateExemptionYearCounts: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        let table = ExemptionYearCounts.table
        try await sql.raw(
            """
            CREATE TABLE \(unsafeRaw: table) (year INTEGER NOT NULL, species TEXT NOT NULL, kind TEXT NOT NULL, \
            state TEXT NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (year, species, kind, state))
            """
        ).run()
        // References are `DMP-YYYY-…` and `NOT-YYYY-…`: the year is characters 5 to 8.
        try await sql.raw(
            """
            INSERT INTO \(unsafeRaw: table) (year, species, kind, state, n) \
            SELECT CAST(substr(reference, 5, 4) AS INTEGER), species, kind, state, count(*) FROM \
            \(unsafeRaw: ExemptionModel.schema) \
            GROUP BY CAST(substr(reference, 5, 4) AS INTEGER), species, kind, state
            """
        ).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        try await sql.drop(table: ExemptionYearCounts.table).run()
    }
}
