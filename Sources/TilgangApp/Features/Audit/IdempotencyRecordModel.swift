import Fluent
import Foundation

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
    /// SHA-256 of the first request's body, so the same key with another body is refused rather than replayed.
    @OptionalField(key: "request_digest") var requestDigest: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}
}
