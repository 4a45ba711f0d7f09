import Fluent
import Foundation

// Supply preparedness (issue 6). No patient data lives here. Dates are `YYYY-MM-DD` strings, as elsewhere.

final class ForumDecisionModel: Model, @unchecked Sendable {
    static let schema = "prep_decisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "medicine_id") var medicineID: String
    @OptionalField(key: "shortage_id") var shortageID: UUID?
    @Field(key: "site") var site: String
    @OptionalField(key: "quantity") var quantity: String?
    @Field(key: "decided_on") var decidedOn: String
    @Field(key: "note") var note: String
    @Field(key: "recorded_by") var recordedBy: String
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
