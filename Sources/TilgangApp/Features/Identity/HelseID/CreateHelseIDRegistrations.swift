import Fluent

/// The table of first sign-ins with HelseID waiting for the administrator's approval.
struct CreateHelseIDRegistrations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HelseIDRegistrationModel.schema)
            .field("hpr_number", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("trust_code", .string, .required)
            .field("department_code", .string, .required)
            .field("requested_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HelseIDRegistrationModel.schema).delete()
    }
}
