import Fluent
import Foundation

/// The statistics aggregates (issue 5).
struct CreateStatistics: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(StatGroupModel.schema).id()
            .field("year", .int, .required).field("species", .string, .required).field("atc", .string, .required)
            .field("substance", .string, .required).field("dispensings", .int, .required)
            .field("packages_milli", .int64, .required).field("ddd_milli", .int64, .required)
            .field("has_ddd", .bool, .required).field("marker", .int, .required)
            .unique(on: "year", "species", "atc").create()
        try await database.schema(StatProductsModel.schema).id()
            .field("year", .int, .required).field("species", .string, .required)
            .field("distinct_products", .int, .required).unique(on: "year", "species").create()
        try await database.schema(StatFollowedModel.schema).id()
            .field("atc", .string, .required).field("product_number", .int).field("label", .string, .required)
            .field("year", .int, .required).field("patients", .int, .required).create()
    }

    func revert(on database: Database) async throws {
        for schema in [StatFollowedModel.schema, StatProductsModel.schema, StatGroupModel.schema] {
            try await database.schema(schema).delete()
        }
    }
}
