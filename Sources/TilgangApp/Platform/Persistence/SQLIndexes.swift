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
}
