import Fluent

/// Users' e-mail addresses, for the case notices (docs/notices.md). The demo people get theirs
/// (`DemoPeople.email`), also in a database made before this migration.
struct AddUserEmail: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(UserModel.schema).field("email", .string).update()
        for person in DemoPeople.people {
            try await UserModel.query(on: database).filter(\.$username == person.username)
                .set(\.$email, to: DemoPeople.email(of: person)).update()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(UserModel.schema).deleteField("email").update()
    }
}
