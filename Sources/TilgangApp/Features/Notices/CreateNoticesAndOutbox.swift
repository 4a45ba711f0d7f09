import Fluent
import SQLKit

/// The notices of case steps and the e-mail outbox (docs/notices.md).
struct CreateNoticesAndOutbox: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(NoticeModel.schema)
            .id()
            .field("user_id", .uuid, .required)
            .field("case_id", .uuid, .required)
            .field("case_number", .string, .required)
            .field("case_version", .int, .required)
            .field("state", .string, .required)
            .field("event", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        try await database.schema(OutboxMailModel.schema)
            .id()
            .field("notice_id", .uuid)
            .field("recipient", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("link_path", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("claim_token", .uuid)
            .field("claimed_at", .datetime)
            .field("sent_at", .datetime)
            .field("last_error", .string)
            .field("created_at", .datetime, .required)
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        // The work list's count and the case page's "mark read" look a person's notices up; the worker polls by
        // status and due time.
        try await sql.raw("CREATE INDEX notices_user_case ON notices (user_id, case_id)").run()
        try await sql.raw("CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at)").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(OutboxMailModel.schema).delete()
        try await database.schema(NoticeModel.schema).delete()
    }
}
