import Foundation
import TilgangDomain
import Vapor

/// `GET /api/v1/notices`: the signed-in user's latest notices and the count «Til meg» shows.
struct NoticeListDTO: Content {
    struct Notice: Content {
        let caseId: UUID
        let caseNumber: String
        let event: String
        let eventTitle: String
        let state: String
        let stateTitle: String
        let at: Date
        let read: Bool
    }

    /// Unread notices of cases still waiting for the user.
    let waiting: Int
    let notices: [Notice]

    static func notice(_ model: NoticeModel) -> Notice {
        Notice(
            caseId: model.caseID, caseNumber: model.caseNumber, event: model.event,
            eventTitle: CaseEvent(rawValue: model.event)?.title ?? model.event, state: model.state,
            stateTitle: CaseState(rawValue: model.state)?.title ?? model.state, at: model.createdAt,
            read: model.readAt != nil)
    }
}
