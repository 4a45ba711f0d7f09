import Foundation
import TilgangDomain

/// «Innsyn i tidligere søknader» (`access-requests/index.leaf`): the request form, the user's own requests with
/// the cases an active grant opens, and the requests the user decides as department head.
struct AccessRequestsContext: Encodable {
    struct Row: Encodable {
        let id: String
        let state: String
        let stateTitle: String
        let requester: String
        let scope: String
        let reason: String
        let asked: String
        let decidedBy: String?
        let period: String?
        let decisionReason: String?
        let revoked: String?
        let active: Bool
        var cases: [CaseLink] = []

        init(_ dto: AccessRequestDTO) {
            id = dto.id.uuidString
            state = dto.state
            stateTitle = dto.stateTitle
            requester = dto.requester
            scope = dto.colleague.map { "Søknadene til \($0)" } ?? "Alle tidligere søknader i avdelingen"
            reason = dto.reason
            asked = OsloTime.dateTime(dto.createdAt)
            decidedBy = dto.decidedBy.map { name in name + (dto.onBehalfOf.map { " for \($0)" } ?? "") }
            period = Self.period(dto)
            decisionReason = dto.decisionReason
            revoked = dto.revokedAt.map { at in
                "\(dto.revokedBy ?? "") \(OsloTime.dateTime(at))" + (dto.revokeReason.map { ": «\($0)»" } ?? "")
            }
            active = dto.active
        }

        static func period(_ dto: AccessRequestDTO) -> String? {
            guard let first = dto.firstDay.flatMap(CalendarDate.init(iso:)),
                let last = dto.lastDay.flatMap(CalendarDate.init(iso:))
            else { return nil }
            return "\(first.norwegian)–\(last.norwegian)"
        }
    }

    struct CaseLink: Encodable {
        let id: String
        let caseNumber: String
        let medicineName: String
        let stateTitle: String
        let applicantName: String
    }

    let title: String
    let currentUser: UserView
    let csrf: String
    let message: String?
    let mayRequest: Bool
    let input: AccessRequestInput
    let errors: [String: String]
    let hasErrors: Bool
    let colleagues: [SelectOption]
    let mine: [Row]
    let pending: [Row]
    let granted: [Row]
    let defaultDays: Int
    let maximumDays: Int
}
