import Fluent
import Foundation
import Vapor

/// Sends the outbox's due mails: claims a batch (compare-and-set on `status`, so two servers on one database
/// never both send a row), sends each over SMTP and marks it sent, to be retried later (backoff) or failed.
struct OutboxSender: Sendable {
    let database: any Database
    let settings: MailSettings
    let client: SMTPClient
    var batchSize = 10
    /// A temporary failure is tried again this many times in all, then the mail is `failed`.
    var maximumAttempts = 8
    /// A claim older than this belonged to a server that died while sending; the row is due again.
    var claimLease: TimeInterval = 600

    struct Outcome: Equatable, Sendable {
        var sent = 0
        var retried = 0
        var failed = 0
    }

    /// The wait before the next try after `attempts` failed ones: 30 s, doubling, at most an hour.
    static func backoff(afterAttempts attempts: Int) -> TimeInterval {
        min(30 * pow(2, Double(max(0, attempts - 1))), 3600)
    }

    func runOnce(now: Date) async throws -> Outcome {
        try await releaseStaleClaims(now: now)
        let due = try await OutboxMailModel.query(on: database)
            .filter(\.$status == OutboxMailModel.Status.pending.rawValue).filter(\.$nextAttemptAt <= now)
            .sort(\.$nextAttemptAt).limit(batchSize).all().compactMap(\.id)
        guard !due.isEmpty else { return Outcome() }
        let token = UUID()
        try await database.writeTransaction { db in
            try await OutboxMailModel.query(on: db).filter(\.$id ~~ due)
                .filter(\.$status == OutboxMailModel.Status.pending.rawValue)
                .set(\.$status, to: OutboxMailModel.Status.sending.rawValue).set(\.$claimToken, to: token)
                .set(\.$claimedAt, to: now).update()
        }
        // Only the rows this claim won: another server may have taken some of `due` meanwhile.
        let claimed = try await OutboxMailModel.query(on: database).filter(\.$claimToken == token)
            .filter(\.$status == OutboxMailModel.Status.sending.rawValue).all()
        var outcome = Outcome()
        for mail in claimed {
            do {
                try await client.send(message(mail, now: now))
                mail.status = OutboxMailModel.Status.sent.rawValue
                mail.sentAt = now
                mail.lastError = nil
                outcome.sent += 1
            } catch {
                mail.attempts += 1
                mail.lastError = String(String(describing: error).prefix(500))
                let permanent = (error as? SMTPError)?.isPermanent ?? false
                if permanent || mail.attempts >= maximumAttempts {
                    mail.status = OutboxMailModel.Status.failed.rawValue
                    outcome.failed += 1
                } else {
                    mail.status = OutboxMailModel.Status.pending.rawValue
                    mail.nextAttemptAt = now.addingTimeInterval(Self.backoff(afterAttempts: mail.attempts))
                    outcome.retried += 1
                }
            }
            mail.claimToken = nil
            mail.claimedAt = nil
            try await database.writeTransaction { db in try await mail.save(on: db) }
        }
        return outcome
    }

    func message(_ mail: OutboxMailModel, now: Date) -> MailMessage {
        MailMessage(
            from: settings.from, to: mail.recipient, subject: mail.subject,
            body: NoticeMail.text(body: mail.body, link: settings.publicURL + mail.linkPath), date: now,
            messageID: mail.id ?? UUID())
    }

    private func releaseStaleClaims(now: Date) async throws {
        let cutoff = now.addingTimeInterval(-claimLease)
        let stale = try await OutboxMailModel.query(on: database)
            .filter(\.$status == OutboxMailModel.Status.sending.rawValue).filter(\.$claimedAt < cutoff).count()
        guard stale > 0 else { return }
        try await database.writeTransaction { db in
            try await OutboxMailModel.query(on: db).filter(\.$status == OutboxMailModel.Status.sending.rawValue)
                .filter(\.$claimedAt < cutoff).set(\.$status, to: OutboxMailModel.Status.pending.rawValue)
                .set(\.$claimToken, to: nil).update()
        }
    }
}
