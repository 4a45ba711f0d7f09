import Fluent

/// FEST on catalogue records (issue 8): `TypeSoknadSlv`, the release a record came from, and the release in which
/// it was retired.
struct AddFESTCatalogueFields: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema(MedicineModel.schema).field("exemption_application_type", .int).update()
        try await database.schema(MedicineModel.schema).field("source", .string).update()
        try await database.schema(MedicineModel.schema).field("retired_in", .string).update()
    }

    func revert(on database: any Database) async throws {
        for field in ["retired_in", "source", "exemption_application_type"] {
            try await database.schema(MedicineModel.schema).deleteField(.key(.string(field))).update()
        }
    }
}
