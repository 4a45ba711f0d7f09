import Fluent
import Foundation

/// A department's annual exemption list (the simplified hospital routine): compiled by the hospital pharmacy,
/// signed by the department's responsible consultant. No patient data.
final class DepartmentListModel: Model, @unchecked Sendable {
    static let schema = "department_exemption_lists"

    @ID(key: .id) var id: UUID?
    @Field(key: "trust_code") var trustCode: String
    @Field(key: "department_code") var departmentCode: String
    @Field(key: "year") var year: Int
    @Field(key: "compiled_by_id") var compiledByID: UUID
    @Field(key: "compiled_by_name") var compiledByName: String
    /// JSON array of `DepartmentListItem`.
    @Field(key: "items_json") var itemsJSON: String
    @OptionalField(key: "signed_by_id") var signedByID: UUID?
    @OptionalField(key: "signed_by_name") var signedByName: String?
    @OptionalField(key: "signed_at") var signedAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}

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
