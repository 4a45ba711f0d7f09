import Foundation
import TilgangDomain
import Vapor

/// One line of a desk list, without patient identity.
struct ExemptionSummaryDTO: Content {
    let id: UUID
    let reference: String
    let kind: String
    let state: String
    let stateTitle: String
    let medicineName: String
    let prescriberName: String
    let applicantKind: String
    let validFrom: CalendarDate
    let validUntil: CalendarDate
    let validity: String
    let createdAt: Date?
    /// The day the agency received it (Europe/Oslo) and the last day of its case-handling deadline (SPEC §6:
    /// 3 working days for electronic applications); nil for notifications, which the agency does not decide.
    let receivedOn: CalendarDate?
    let deadline: CalendarDate?
    /// Open, and past its deadline.
    let overdue: Bool
}
