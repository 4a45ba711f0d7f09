import Fluent

/// A migration that only adds indexes on `cases`, named with their columns.
protocol CaseIndexMigration: AsyncMigration {
    static var indexes: [(name: String, columns: [String])] { get }
}

extension CaseIndexMigration {
    func prepare(on database: any Database) async throws {
        try await SQLIndexes.create(Self.indexes.map { (CaseModel.schema, $0.name, $0.columns) }, on: database)
    }

    func revert(on database: any Database) async throws {
        try await SQLIndexes.drop(Self.indexes.map { (CaseModel.schema, $0.name, $0.columns) }, on: database)
    }
}
