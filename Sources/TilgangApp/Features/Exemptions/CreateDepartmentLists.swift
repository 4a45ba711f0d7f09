import Fluent
import Foundation

/// Department lists (issue 4), after the exemptions.
struct CreateDepartmentLists: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(DepartmentListModel.schema)
            .id()
            .field("trust_code", .string, .required)
            .field("department_code", .string, .required)
            .field("year", .int, .required)
            .field("compiled_by_id", .uuid, .required)
            .field("compiled_by_name", .string, .required)
            .field("items_json", .string, .required)
            .field("signed_by_id", .uuid)
            .field("signed_by_name", .string)
            .field("signed_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "department_code", "year")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(DepartmentListModel.schema).delete()
    }
}
