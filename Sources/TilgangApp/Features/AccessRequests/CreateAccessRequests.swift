import Fluent
import SQLKit

/// Requests for access to earlier applications and their grants (issue 19).
struct CreateAccessRequests: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(AccessRequestModel.schema)
            .id()
            .field("trust_code", .string, .required)
            .field("department_code", .string, .required)
            .field("requester_id", .uuid, .required, .references(UserModel.schema, "id"))
            .field("requester_name", .string, .required)
            .field("patient_key", .string, .required)
            .field("colleague_id", .uuid, .references(UserModel.schema, "id"))
            .field("colleague_name", .string)
            .field("reason", .string, .required)
            .field("state", .string, .required)
            .field("created_at", .datetime, .required)
            .field("decided_by_id", .uuid, .references(UserModel.schema, "id"))
            .field("decided_by_name", .string)
            .field("on_behalf_of_name", .string)
            .field("decided_at", .datetime)
            .field("first_day", .string)
            .field("last_day", .string)
            .field("decision_reason", .string)
            .field("revoked_by_name", .string)
            .field("revoked_at", .datetime)
            .field("revoke_reason", .string)
            .create()
        // The case read path looks up a reader's grants for a patient.
        try await (database as? any SQLDatabase)?.create(index: "access_requests_requester_patient")
            .on(AccessRequestModel.schema).column("requester_id").column("patient_key").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema(AccessRequestModel.schema).delete()
    }
}
