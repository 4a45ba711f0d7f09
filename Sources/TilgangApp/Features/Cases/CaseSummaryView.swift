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
    let patient: String
    let applicant: String
    let waitingSince: String
    let waitingDays: Int?

    init(_ dto: CaseSummaryDTO, now: Date) {
        id = dto.id.uuidString
        caseNumber = dto.caseNumber
        kind = dto.kind == "group" ? "Gruppe" : "Enkeltpasient"
        medicineName = dto.medicineName
        indication = dto.indication
        stateTitle = dto.stateTitle
        created = dto.createdAt.map(OsloTime.date) ?? ""
        patient = dto.patientBirthYear.map { "f. \($0)" } ?? (dto.kind == "group" ? "Gruppe" : "")
        applicant = dto.applicantName ?? ""
        waitingSince = dto.waitingSince.map(OsloTime.date) ?? ""
        waitingDays = dto.waitingSince.map {
            max(0, AppClock.dayInOslo($0).days(until: AppClock.dayInOslo(now)))
        }
    }
}
