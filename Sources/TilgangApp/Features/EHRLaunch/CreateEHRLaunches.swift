import Fluent

/// The launches from the EHR; `token_id` is unique, so a context's `jti` is accepted once.
struct CreateEHRLaunches: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(EHRLaunchModel.schema)
            .field("id", .string, .identifier(auto: false))
            .field("token_id", .string, .required)
            .field("hpr_number", .string, .required)
            .field("patient_nin", .string)
            .field("patient_name", .string)
            .field("trust_code", .string, .required)
            .field("department_code", .string)
            .field("state", .string, .required)
            .field("binding", .string)
            .field("user_id", .uuid)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("token_expires_at", .datetime, .required)
            .unique(on: "token_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EHRLaunchModel.schema).delete()
    }
}
