import Fluent
import Foundation

/// A person signed in with HelseID but unknown to Tilgang, waiting for the trust's administrator to give them a
/// role. Not a user: until approved they have no session user and so see nothing with patient data. No identity
/// number is stored; the HPR number is the key.
final class HelseIDRegistrationModel: Model, @unchecked Sendable {
    static let schema = "helseid_registrations"

    @ID(custom: "hpr_number", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @Field(key: "trust_code") var trustCode: String
    @Field(key: "department_code") var departmentCode: String
    @Field(key: "requested_at") var requestedAt: Date

    init() {}

    init(hprNumber: String, name: String, trustCode: String, departmentCode: String, requestedAt: Date) {
        id = hprNumber
        self.name = name
        self.trustCode = trustCode
        self.departmentCode = departmentCode
        self.requestedAt = requestedAt
    }
}
