import Fluent
import SQLKit
import Vapor

/// Creates and drops plain indexes named with their table and columns: the one body of every migration that
/// only adds indexes (`CaseIndexMigration`, `AddExemptionListIndexes`, `AddLookupIndexes`).
enum SQLIndexes {
    typealias Index = (table: String, name: String, columns: [String])

    static func create(_ indexes: [Index], on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        for index in indexes {
            var builder = sql.create(index: index.name).on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    static func drop(_ indexes: [Index], on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        for index in indexes { try await sql.drop(index: index.name).run() }
    }

    /// PostgreSQL's `pg_trgm` GIN indexes on lower-cased columns, which a search's `lower(…) LIKE '%…%'` uses as
    /// they are (`AddCaseSearchIndex`, `AddExemptionSearchIndex`).
    static func createTrigram(on table: String, _ indexes: [(name: String, column: String)], sql: any SQLDatabase)
        async throws
    {
        try await sql.raw("CREATE EXTENSION IF NOT EXISTS pg_trgm").run()
        for (name, column) in indexes {
            try await sql.raw(
                """
                CREATE INDEX \(unsafeRaw: name) ON \(unsafeRaw: table) \
                USING gin (lower(\(unsafeRaw: column)) gin_trgm_ops)
                """
            ).run()
        }
    }

    static func dropTrigram(_ indexes: [(name: String, column: String)], sql: any SQLDatabase) async throws {
        for (name, _) in indexes { try await sql.raw("DROP INDEX IF EXISTS \(unsafeRaw: name)").run() }
    }
}
