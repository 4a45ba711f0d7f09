import Fluent

/// Substitutes for leaders who are away (issue 3).
struct CreateSubstitutions: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema(SubstitutionModel.schema)
            .id()
            .field("principal_id", .uuid, .required, .references(UserModel.schema, "id"))
            .field("substitute_id", .uuid, .required, .references(UserModel.schema, "id"))
            .field("from_day", .string, .required)
            .field("to_day", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(SubstitutionModel.schema).delete()
    }
}
