import Fluent

/// A department of a trust; mental-health departments use their own project codes (SPEC §5.10).
final class DepartmentModel: Model, @unchecked Sendable {
    static let schema = "departments"

    @ID(custom: "code", generatedBy: .user) var id: String?
    @Field(key: "trust_code") var trustCode: String
    @Field(key: "name") var name: String
    @Field(key: "mental_health") var mentalHealth: Bool

    init() {}

    init(code: String, trustCode: String, name: String, mentalHealth: Bool) {
        self.id = code
        self.trustCode = trustCode
        self.name = name
        self.mentalHealth = mentalHealth
    }
}
