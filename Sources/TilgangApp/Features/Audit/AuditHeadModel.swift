import Fluent

/// The newest row's sequence and hash, with its own keyed hash: deleting the newest rows is detected too.
final class AuditHeadModel: Model, @unchecked Sendable {
    static let schema = "audit_head"

    @ID(custom: "name", generatedBy: .user) var id: String?
    @Field(key: "sequence") var sequence: Int
    @Field(key: "hash") var hash: String
    @Field(key: "mac") var mac: String

    init() {}
}
