import Fluent

/// The compassionate-use register's agreement annexes and supplying pharmacy on catalogue records (issue 4).
struct AddCompassionateUseAgreementDetails: AsyncMigration {
    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema(MedicineModel.schema).field("agreement_annexes", .array(of: .string)).update()
        try await database.schema(MedicineModel.schema).field("supplying_pharmacy", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema(MedicineModel.schema).deleteField("supplying_pharmacy").update()
        try await database.schema(MedicineModel.schema).deleteField("agreement_annexes").update()
    }
}
