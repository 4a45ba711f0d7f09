import Fluent

/// The CUP requisition's draft cost agreement and the level-2 leader's approval of it (issue 18), both as JSON
/// (`CUPCostAgreement`, `CUPCostApproval`) on the case row.
struct AddCUPCostAgreement: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await database.schema(CUCaseModel.schema).field("cost_agreement_json", .string).update()
        try await database.schema(CUCaseModel.schema).field("cost_approval_json", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(CUCaseModel.schema).deleteField("cost_approval_json").update()
        try await database.schema(CUCaseModel.schema).deleteField("cost_agreement_json").update()
    }
}
