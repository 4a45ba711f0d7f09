import Fluent
import Foundation

/// One step a case took, kept forever with the case.
final class CaseTransitionModel: Model, @unchecked Sendable {
    static let schema = "case_transitions"

    @ID(key: .id) var id: UUID?
    @Field(key: "case_id") var caseID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "from_state") var fromState: String
    @Field(key: "to_state") var toState: String
    @Field(key: "action") var action: String
    @Field(key: "actor_id") var actorID: UUID
    @Field(key: "actor_name") var actorName: String
    @Field(key: "actor_role") var actorRole: String
    @Field(key: "actor_trust") var actorTrust: String
    @OptionalField(key: "on_behalf_of_id") var onBehalfOfID: UUID?
    @OptionalField(key: "on_behalf_of_name") var onBehalfOfName: String?
    @OptionalField(key: "comment") var comment: String?
    @OptionalField(key: "benefit") var benefit: String?
    @OptionalField(key: "resource_use") var resourceUse: String?
    @OptionalField(key: "severity") var severity: String?
    @Field(key: "at") var at: Date
    @OptionalField(key: "assessment_kind") var assessmentKind: String?
    @OptionalField(key: "assessment") var assessment: String?
    @OptionalField(key: "members") var members: String?
    @OptionalField(key: "member_names") var memberNames: String?
    @OptionalField(key: "amendments") var amendments: String?

    init() {}
}
