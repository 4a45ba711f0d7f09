import Fluent
import SQLKit
import TilgangDomain
import Vapor

/// The portal's notices of case steps and their e-mails in the outbox (docs/notices.md).
struct NoticeService {
    let database: any Database
    let clock: AppClock

    /// A step as the notices tell it.
    struct Step: Sendable {
        let caseID: UUID
        let caseNumber: String
        /// The case's version after the step.
        let caseVersion: Int
        let state: CaseState
        let event: CaseEvent
    }

    /// A notice for each recipient (active accounts only) and, for those with an e-mail address, a mail in the
    /// outbox: one write transaction, nothing sent here.
    @discardableResult
    func announce(_ step: Step, to recipients: [UUID]) async throws -> [NoticeModel] {
        guard !recipients.isEmpty else { return [] }
        let users = try await UserModel.query(on: database).filter(\.$id ~~ recipients).filter(\.$active == true)
            .all()
        let now = clock.now
        let link = SiteURL.record(SiteURL.cases, id: step.caseID.uuidString)
        let subject = NoticeMail.subject(caseNumber: step.caseNumber, event: step.event)
        let body = NoticeMail.body(caseNumber: step.caseNumber, event: step.event, state: step.state)
        let notices = users.compactMap { user in
            user.id.map {
                NoticeModel(
                    userID: $0, caseID: step.caseID, caseNumber: step.caseNumber, caseVersion: step.caseVersion,
                    state: step.state.rawValue, event: step.event.rawValue, createdAt: now)
            }
        }
        let emails = Dictionary(
            users.compactMap { user in user.id.map { ($0, user.email) } }, uniquingKeysWith: { a, _ in a })
        try await database.writeTransaction { db in
            for notice in notices {
                try await notice.create(on: db)
                guard let email = emails[notice.userID] ?? nil, MailMessage.isValidAddress(email) else { continue }
                try await OutboxMailModel(
                    noticeID: notice.id, recipient: email, subject: subject, body: body, linkPath: link, at: now
                ).create(on: db)
            }
        }
        return notices
    }

    /// Unread notices of cases still at the step they announced and still open: what waits for the user
    /// (the count on «Til meg»).
    func unreadWaitingCount(for userID: UUID) async throws -> Int {
        guard let sql = database as? any SQLDatabase else { return 0 }
        let closed = [CaseState.approved, .refused, .withdrawn].map(\.rawValue)
        let row = try await sql.raw(
            """
            SELECT COUNT(*) AS n FROM notices JOIN cases ON cases.id = notices.case_id
            WHERE notices.user_id = \(bind: userID) AND notices.read_at IS NULL
            AND cases.version = notices.case_version AND cases.state NOT IN (\(binds: closed))
            """
        ).first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The user's latest notices, newest first.
    func recent(for userID: UUID, limit: Int = 50) async throws -> [NoticeModel] {
        try await NoticeModel.query(on: database).filter(\.$userID == userID).sort(\.$createdAt, .descending)
            .limit(limit).all()
    }

    /// Marks the user's notices of the case read; writes only when there is one to mark (a read of the case
    /// page should not take a write turn for nothing).
    func markRead(caseID: UUID, userID: UUID) async throws {
        // Asked on every case page: a plain query (Fluent's count made and reflected a model each time).
        guard let sql = database as? any SQLDatabase else { return }
        let unread = try await sql.resultRows(
            """
            SELECT 1 AS one FROM notices WHERE user_id = \(bind: userID) AND case_id = \(bind: caseID) \
            AND read_at IS NULL LIMIT 1
            """ as SQLQueryString)
        guard !unread.isEmpty else { return }
        let now = clock.now
        try await database.writeTransaction { db in
            try await NoticeModel.query(on: db).filter(\.$userID == userID).filter(\.$caseID == caseID)
                .filter(\.$readAt == nil).set(\.$readAt, to: now).update()
        }
    }
}

extension Request {
    var notices: NoticeService { NoticeService(database: db, clock: application.clock) }
}
