import Fluent

/// Trusts, departments, user accounts and API tokens (issue 3).
struct CreateOrganisationsAndUsers: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(TrustModel.schema)
            .field("code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("catchment_area", .string, .required)
            .field("invoice_address", .string, .required)
            .field("prescribing_config", .string, .required)
            .create()
        try await database.schema(DepartmentModel.schema)
            .field("code", .string, .identifier(auto: false))
            .field("trust_code", .string, .required, .references(TrustModel.schema, "code"))
            .field("name", .string, .required)
            .field("mental_health", .bool, .required)
            .create()
        try await database.schema(UserModel.schema)
            .id()
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("organisation", .string, .required)
            .field("department_code", .string)
            .field("hpr_number", .string)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .unique(on: "username")
            .create()
        try await database.schema(UserTokenModel.schema)
            .id()
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("token_digest", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime)
            .unique(on: "token_digest")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(UserTokenModel.schema).delete()
        try await database.schema(UserModel.schema).delete()
        try await database.schema(DepartmentModel.schema).delete()
        try await database.schema(TrustModel.schema).delete()
    }
}
