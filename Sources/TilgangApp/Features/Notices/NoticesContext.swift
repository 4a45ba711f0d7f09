import TilgangDomain
import Vapor

/// «Varsler»: the user's latest notices, with the case number, what happened and when.
struct NoticesContext: Encodable {
    struct Row: Encodable {
        let caseNumber: String
        let link: String
        let what: String
        let state: String
        let at: String
        let unread: Bool
    }

    let title: String
    let currentUser: UserView
    let notices: [Row]
    /// Unread notices of cases still waiting for the user (the count on «Til meg»).
    let waiting: Int

    static func row(_ notice: NoticeModel) -> Row {
        Row(
            caseNumber: notice.caseNumber, link: SiteURL.record(SiteURL.cases, id: notice.caseID.uuidString),
            what: CaseEvent(rawValue: notice.event)?.title ?? notice.event,
            state: CaseState(rawValue: notice.state)?.title ?? notice.state, at: OsloTime.dateTime(notice.createdAt),
            unread: notice.readAt == nil)
    }
}
