import Fluent

/// The de-identified text a specialist writes for the manufacturer (the application carries no other free text).
struct AddManufacturerText: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(CUCaseModel.schema).field("manufacturer_text", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CUCaseModel.schema).deleteField("manufacturer_text").update()
    }
}
