import TilgangDomain
import Vapor

struct CaseSummaryView: Encodable {
    let id: String
    let caseNumber: String
    let kind: String
    let medicineName: String
    let indication: String
    let stateTitle: String
    let created: String

    init(_ dto: CaseSummaryDTO) {
        id = dto.id.uuidString
        caseNumber = dto.caseNumber
        kind = dto.kind == "group" ? "Gruppe" : "Enkeltpasient"
        medicineName = dto.medicineName
        indication = dto.indication
        stateTitle = dto.stateTitle
        created = dto.createdAt.map(OsloTime.date) ?? ""
    }
}
