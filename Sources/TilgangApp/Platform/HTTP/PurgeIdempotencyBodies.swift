import Fluent
import SQLKit

/// Idempotency records used to keep whole response bodies (patient data, past every retention purge); they now
/// keep only the resource's id. The old records go.
struct PurgeIdempotencyBodies: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await IdempotencyRecordModel.query(on: database).delete()
    }

    func revert(on database: any Database) async throws {}
}
