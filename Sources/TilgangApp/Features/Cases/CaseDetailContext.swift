import TilgangDomain
import Vapor

/// «Sak»: everything about one case, with the actions open to this user.
struct CaseDetailContext: Encodable {
    struct TransitionView: Encodable {
        let at: String
        let actor: String
        let role: String
        let trust: String
        let onBehalfOf: String?
        let from: String
        let to: String
        let comment: String?
        let benefit: String?
        let resourceUse: String?
        let severity: String?
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let c: CaseDTO
    let maskedPatient: String?
    let printedAt: String
    let created: String
    let decided: String?
    let transitions: [TransitionView]
    let actions: [CaseActionView]
    let message: String?
    let approved: Bool
    /// Who the case waits for now, or whom to appoint first (`CaseAssignmentService`).
    let waitingFor: String?
    /// The route in words («Bruk utenfor godkjent indikasjon»), not its code, and its rules («R2 og R13»).
    let routeTitle: String
    let rules: String
    /// The «Vedlegg» section (`cases/attachments.leaf`).
    var attachments: AttachmentSection?

    static func rules(_ ids: [String]) -> String {
        ids.count <= 1 ? (ids.first ?? "") : ids.dropLast().joined(separator: ", ") + " og " + (ids.last ?? "")
    }
}

extension CalendarDate {
    /// The calendar day of an instant in Europe/Oslo.
    init(osloDay date: Date) {
        self = AppClock.dayInOslo(date)
    }
}
