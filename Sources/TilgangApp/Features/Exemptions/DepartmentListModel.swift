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
