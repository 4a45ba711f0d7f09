import Fluent

/// Attachments of applications (issue 17): the bytes with their checksum, who added them and at which step.
struct CreateCaseAttachments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(AttachmentModel.schema)
            .id()
            .field("case_id", .uuid, .required, .references(CaseModel.schema, "id"))
            .field("kind", .string, .required)
            .field("file_name", .string, .required)
            .field("format", .string, .required)
            .field("content_type", .string, .required)
            .field("size", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("uploaded_by_id", .uuid, .required)
            .field("uploaded_by_name", .string, .required)
            .field("uploaded_by_role", .string, .required)
            .field("case_state", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AttachmentModel.schema).delete()
    }
}
