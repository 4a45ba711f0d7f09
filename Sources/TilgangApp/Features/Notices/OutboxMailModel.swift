import Fluent
import Foundation

/// An e-mail waiting to be sent, written beside its notice and sent later by `OutboxWorker`, so no request
/// waits for a mail server. `status`: `pending` → `sending` (claimed by one server) → `sent`, or back to
/// `pending` with a later `next_attempt_at`, or `failed` for good.
final class OutboxMailModel: Model, @unchecked Sendable {
    static let schema = "mail_outbox"

    enum Status: String {
        case pending, sending, sent, failed
    }

    @ID(key: .id) var id: UUID?
    @OptionalField(key: "notice_id") var noticeID: UUID?
    @Field(key: "recipient") var recipient: String
    @Field(key: "subject") var subject: String
    /// The text without the link, which `OutboxSender` appends from `TILGANG_PUBLIC_URL` and `link_path` when it
    /// sends (a changed public address still gives working links).
    @Field(key: "body") var body: String
    @Field(key: "link_path") var linkPath: String
    @Field(key: "status") var status: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    /// Set by the server that claimed the row (compare-and-set on `status`), so two servers never send it twice.
    @OptionalField(key: "claim_token") var claimToken: UUID?
    @OptionalField(key: "claimed_at") var claimedAt: Date?
    @OptionalField(key: "sent_at") var sentAt: Date?
    /// The mail server's last answer, for the operator (never the message).
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(noticeID: UUID?, recipient: String, subject: String, body: String, linkPath: String, at: Date) {
        self.id = UUID()
        self.noticeID = noticeID
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.linkPath = linkPath
        self.status = Status.pending.rawValue
        self.attempts = 0
        self.nextAttemptAt = at
        self.createdAt = at
    }
}
