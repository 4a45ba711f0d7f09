import Fluent

/// How many patients are behind each stored line (up to five), so every count from fewer than five patients is
/// suppressed in every output (security review finding 11).
struct AddPatientsToStatGroups: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StatGroupModel.schema).field("patients", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StatGroupModel.schema).deleteField("patients").update()
    }
}
