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
}
