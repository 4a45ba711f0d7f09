import Foundation
import TilgangDomain
import Vapor

/// A request for access to earlier applications as the API and the pages show it: never the patient's number.
struct AccessRequestDTO: Content {
    let id: UUID
    let state: String
    let stateTitle: String
    let trust: String
    let department: String
    let requester: String
    /// Nil: every earlier application for the patient in the department.
    let colleague: String?
    let reason: String
    let createdAt: Date
    let decidedBy: String?
    let onBehalfOf: String?
    let decidedAt: Date?
    /// `YYYY-MM-DD`, inclusive.
    let firstDay: String?
    let lastDay: String?
    let decisionReason: String?
    let revokedBy: String?
    let revokedAt: Date?
    let revokeReason: String?
    /// Granted, not revoked, and today within its days.
    let active: Bool

    init(_ m: AccessRequestModel, today: CalendarDate) {
        id = m.id ?? UUID()
        state = m.state
        stateTitle = AccessRequestState(rawValue: m.state)?.title ?? m.state
        trust = m.trustCode
        department = m.departmentCode
        requester = m.requesterName
        colleague = m.colleagueName
        reason = m.reason
        createdAt = m.createdAt
        decidedBy = m.decidedByName
        onBehalfOf = m.onBehalfOfName
        decidedAt = m.decidedAt
        firstDay = m.firstDay
        lastDay = m.lastDay
        decisionReason = m.decisionReason
        revokedBy = m.revokedByName
        revokedAt = m.revokedAt
        revokeReason = m.revokeReason
        active = m.grant?.isActive(on: today) ?? false
    }
}

extension AccessRequestModel {
    /// The domain's grant, once granted (or revoked after a grant); nil while pending or refused.
    var grant: AccessGrant? {
        guard let id, let state = AccessRequestState(rawValue: state),
            let first = firstDay.flatMap(CalendarDate.init(iso:)),
            let last = lastDay.flatMap(CalendarDate.init(iso:))
        else { return nil }
        return AccessGrant(
            id: id.uuidString, requesterID: requesterID.uuidString, trust: trustCode, department: departmentCode,
            patientKey: patientKey, colleagueID: colleagueID?.uuidString, state: state, firstDay: first, lastDay: last)
    }
}
