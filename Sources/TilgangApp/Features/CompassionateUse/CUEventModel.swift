import Fluent
import Foundation

/// One recorded step of a compassionate-use case.
final class CUEventModel: Model, @unchecked Sendable {
    static let schema = "cu_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "action") var action: String
    @Field(key: "actor_id") var actorID: UUID
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_role") var actorRole: String
    @OptionalField(key: "comment") var comment: String?
    @Timestamp(key: "at", on: .create) var at: Date?

    init() {}
}
