import Fluent
import Foundation

/// Deletes the outbox's finished mails once they are no use to the operator: sent ones after 30 days, failed ones
/// after 90 (time to see and fix a bad address). The rows hold e-mail addresses and case numbers, which are not
/// kept for longer than they serve. At most `batchSize` rows per run, so a first run on a full outbox does not hold
/// the write turn for long.
struct OutboxCleanup: Sendable {
    let database: any Database
    var keepSent: TimeInterval = 30 * 24 * 3600
    var keepFailed: TimeInterval = 90 * 24 * 3600
    var batchSize = 500

    /// The number of rows deleted.
    func run(now: Date) async throws -> Int {
        let sent = try await OutboxMailModel.query(on: database)
            .filter(\.$status == OutboxMailModel.Status.sent.rawValue)
            .filter(\.$sentAt < now.addingTimeInterval(-keepSent)).limit(batchSize).all(\.$id)
        let failed = try await OutboxMailModel.query(on: database)
            .filter(\.$status == OutboxMailModel.Status.failed.rawValue)
            .filter(\.$nextAttemptAt < now.addingTimeInterval(-keepFailed)).limit(batchSize - sent.count).all(\.$id)
        let old = sent + failed
        guard !old.isEmpty else { return 0 }
        try await database.writeTransaction { db in
            try await OutboxMailModel.query(on: db).filter(\.$id ~~ old).delete()
        }
        return old.count
    }
}
