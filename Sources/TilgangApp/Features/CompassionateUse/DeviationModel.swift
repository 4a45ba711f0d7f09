import Fluent
import Foundation

/// A reported departure from the procedure, listed for the trust.
final class DeviationModel: Model, @unchecked Sendable {
    static let schema = "deviations"

    @ID(key: .id) var id: UUID?
    @Field(key: "trust_code") var trustCode: String
    @Field(key: "reported_by_id") var reportedByID: UUID
    @Field(key: "reported_by_name") var reportedByName: String
    @Field(key: "category") var category: String
    @Field(key: "description") var description: String
    @OptionalField(key: "case_reference") var caseReference: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
