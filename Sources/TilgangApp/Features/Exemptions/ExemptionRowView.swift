import Foundation
import TilgangDomain
import Vapor

struct ExemptionRowView: Encodable {
    let id: String
    let reference: String
    let kind: String
    let stateTitle: String
    let medicineName: String
    let prescriberName: String
    let period: String
    let validity: String
    let expiring: Bool
    /// «DD.MM.ÅÅÅÅ» or empty for notifications.
    let received: String
    let deadline: String
    let overdue: Bool

    init(_ dto: ExemptionSummaryDTO) {
        received = dto.receivedOn?.norwegian ?? ""
        deadline = dto.deadline?.norwegian ?? ""
        overdue = dto.overdue
        id = dto.id.uuidString
        reference = dto.reference
        kind = dto.kind == ExemptionKind.notification.rawValue ? "Notifisering" : "Søknad"
        stateTitle = dto.stateTitle
        medicineName = dto.medicineName
        prescriberName = dto.prescriberName
        period = "\(dto.validFrom.norwegian)–\(dto.validUntil.norwegian)"
        validity = ExemptionDetailContext.validityTitle(dto.validity, state: dto.state)
        expiring =
            dto.validity == ExemptionValidity.Status.expiringSoon.rawValue
            && ExemptionState(rawValue: dto.state)?.grantsUse == true
    }
}
