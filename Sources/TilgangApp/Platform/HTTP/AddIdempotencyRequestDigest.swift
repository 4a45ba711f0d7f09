import Fluent

/// The digest of an idempotent request's body, so a key reused for another body is refused (422).
struct AddIdempotencyRequestDigest: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IdempotencyRecordModel.schema).field("request_digest", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IdempotencyRecordModel.schema).deleteField("request_digest").update()
    }
}
