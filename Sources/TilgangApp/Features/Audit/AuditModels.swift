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

/// The newest row's sequence and hash, with its own keyed hash: deleting the newest rows is detected too.
final class AuditHeadModel: Model, @unchecked Sendable {
    static let schema = "audit_head"

    @ID(custom: "name", generatedBy: .user) var id: String?
    @Field(key: "sequence") var sequence: Int
    @Field(key: "hash") var hash: String
    @Field(key: "mac") var mac: String

    init() {}
}

/// The first answer to a request carrying an `Idempotency-Key`, replayed for repeats of the same key.
final class IdempotencyRecordModel: Model, @unchecked Sendable {
    static let schema = "idempotency_records"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    /// `METHOD /path key`: a key is the client's for one endpoint, never shared across endpoints.
    @Field(key: "key") var key: String
    /// 0 while the first request is still being handled.
    @Field(key: "status") var status: Int
    @Field(key: "body") var body: String
    @OptionalField(key: "etag") var etag: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
