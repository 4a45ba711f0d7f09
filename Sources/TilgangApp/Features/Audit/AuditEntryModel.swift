import Fluent
import Foundation

/// One row of the append-only audit log (see `AuditChain`). Rows are only ever inserted.
final class AuditEntryModel: Model, @unchecked Sendable {
    static let schema = "audit_log"

    @ID(key: .id) var id: UUID?
    @Field(key: "sequence") var sequence: Int
    @Field(key: "at_ms") var atMilliseconds: Int64
    @Field(key: "actor_id") var actorID: String
    @Field(key: "actor_role") var actorRole: String
    @Field(key: "actor_trust") var actorTrust: String
    @Field(key: "action") var action: String
    @OptionalField(key: "case_id") var caseID: String?
    @OptionalField(key: "patient_key") var patientKey: String?
    @Field(key: "detail") var detail: String
    @Field(key: "previous_hash") var previousHash: String
    @Field(key: "hash") var hash: String

    init() {}
}
