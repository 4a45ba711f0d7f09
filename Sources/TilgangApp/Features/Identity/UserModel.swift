import Fluent
import Foundation

/// A local account: one role in one organisation (and department where it applies). Passwords are Bcrypt hashes.
final class UserModel: Model, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var role: String
    /// The organisation: a trust code, or another organisation's code (the agency `DMP`).
    @Field(key: "organisation") var organisation: String
    @OptionalField(key: "department_code") var departmentCode: String?
    @OptionalField(key: "hpr_number") var hprNumber: String?
    @Field(key: "active") var active: Bool
    /// Where case notices are mailed (`AddUserEmail`); none means notices in the portal only.
    @OptionalField(key: "email") var email: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(
        username: String, displayName: String, passwordHash: String, role: String, organisation: String,
        departmentCode: String?, hprNumber: String?
    ) {
        self.username = username
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.role = role
        self.organisation = organisation
        self.departmentCode = departmentCode
        self.hprNumber = hprNumber
        self.active = true
    }
}
