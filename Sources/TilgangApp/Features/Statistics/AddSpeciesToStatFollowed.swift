import Fluent

/// Followed medicines per species (issue 18): patients and animals were counted together (prednisolone 2023 was
/// 58 642 patients and 542 animals as one 59 169). The stored rows cannot be split, so they are removed; the next
/// `tilgang import extract` stores each species apart.
struct AddSpeciesToStatFollowed: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StatFollowedModel.schema).field("species", .string).update()
        try await StatFollowedModel.query(on: database).filter(\.$species == nil).delete()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StatFollowedModel.schema).deleteField("species").update()
    }
}
