import Fluent
import Foundation

/// One step of an exemption case, kept with it.
final class ExemptionEventModel: Model, @unchecked Sendable {
    static let schema = "exemption_events"

    @ID(key: .id) var id: UUID?
    @Field(key: "exemption_id") var exemptionID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "action") var action: String
    @Field(key: "from_state") var fromState: String
    @Field(key: "to_state") var toState: String
    @Field(key: "actor_id") var actorID: UUID
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_role") var actorRole: String
    @OptionalField(key: "text") var text: String?
    /// The earlier refusal whose reasons were nearly identical, when the officer went ahead anyway.
    @OptionalField(key: "similar_to") var similarTo: String?
    @OptionalField(key: "similarity") var similarity: Double?
    @Timestamp(key: "at", on: .create) var at: Date?

    init() {}
}
