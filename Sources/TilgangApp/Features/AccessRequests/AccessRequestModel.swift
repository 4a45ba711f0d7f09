import Fluent
import Foundation

/// A physician's request to read earlier applications for one patient in their department (issue 19), and the
/// department head's decision. The patient is stored only as the audit log's keyed hash: the grant is found by
/// the hash the cases carry, and nobody needs the number back from here.
final class AccessRequestModel: Model, @unchecked Sendable {
    static let schema = "access_requests"

    @ID(key: .id) var id: UUID?
    @Field(key: "trust_code") var trustCode: String
    @Field(key: "department_code") var departmentCode: String
    @Field(key: "requester_id") var requesterID: UUID
    @Field(key: "requester_name") var requesterName: String
    @Field(key: "patient_key") var patientKey: String
    /// Nil: every earlier application for the patient in the department.
    @OptionalField(key: "colleague_id") var colleagueID: UUID?
    @OptionalField(key: "colleague_name") var colleagueName: String?
    @Field(key: "reason") var reason: String
    /// `AccessRequestState`.
    @Field(key: "state") var state: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "decided_by_id") var decidedByID: UUID?
    @OptionalField(key: "decided_by_name") var decidedByName: String?
    /// The department head a stand-in decided for.
    @OptionalField(key: "on_behalf_of_name") var onBehalfOfName: String?
    @OptionalField(key: "decided_at") var decidedAt: Date?
    /// `YYYY-MM-DD`, Europe/Oslo days, inclusive.
    @OptionalField(key: "first_day") var firstDay: String?
    @OptionalField(key: "last_day") var lastDay: String?
    /// Why it was refused.
    @OptionalField(key: "decision_reason") var decisionReason: String?
    @OptionalField(key: "revoked_by_name") var revokedByName: String?
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalField(key: "revoke_reason") var revokeReason: String?

    init() {}
}
