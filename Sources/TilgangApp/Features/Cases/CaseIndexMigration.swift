import Fluent
import SQLKit
import Vapor

/// A migration that only adds indexes on `cases`, named with their columns.
protocol CaseIndexMigration: AsyncMigration {
    static var indexes: [(name: String, columns: [String])] { get }
}

extension CaseIndexMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        for index in Self.indexes {
            var builder = sql.create(index: index.name).on(CaseModel.schema)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        for index in Self.indexes { try await sql.drop(index: index.name).run() }
    }
}
