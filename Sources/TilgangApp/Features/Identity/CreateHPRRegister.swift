import Fluent

/// The HPR register table, and the demo people's entries where demo people exist (so a database made before
/// the register keeps working: the demo prescribers' professions are the ones their names say).
struct CreateHPRRegister: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(HPRRegisterModel.schema)
            .field("hpr_number", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("profession", .string, .required)
            .field("specialities", .string, .required)
            .create()
        try await HPRRegisterService.seedDemoEntries(on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema(HPRRegisterModel.schema).delete()
    }
}
