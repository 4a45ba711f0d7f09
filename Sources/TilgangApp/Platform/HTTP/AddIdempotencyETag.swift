import Fluent

/// A replayed answer carries the first answer's ETag too (found by API fuzzing, issue 7).
struct AddIdempotencyETag: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IdempotencyRecordModel.schema).field("etag", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IdempotencyRecordModel.schema).deleteField("etag").update()
    }
}
