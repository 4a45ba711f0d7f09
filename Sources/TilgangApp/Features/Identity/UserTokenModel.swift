import Fluent
import Foundation

/// A bearer token for the API. Only its SHA-256 digest is stored, so a database copy holds no usable token.
final class UserTokenModel: Model, @unchecked Sendable {
    static let schema = "user_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: UserModel
    @Field(key: "token_digest") var tokenDigest: String
    @Field(key: "expires_at") var expiresAt: Date
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(userID: UUID, tokenDigest: String, expiresAt: Date) {
        self.$user.id = userID
        self.tokenDigest = tokenDigest
        self.expiresAt = expiresAt
    }
}
