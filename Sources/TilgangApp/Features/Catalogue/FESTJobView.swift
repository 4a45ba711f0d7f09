import Foundation
import TilgangDomain

/// A FEST import job as the pages show it.
struct FESTJobView: Encodable {
    let id: String
    let fileName: String
    let phase: String
    let phaseTitle: String
    let percent: Int
    let megabytesRead: Int
    let megabytesTotal: Int
    let running: Bool
    let result: FESTImportResult?
    let error: String?
    let startedBy: String

    init(_ job: FESTImportJobs.Job) {
        id = job.id.uuidString
        fileName = job.fileName
        phase = job.phase.rawValue
        switch job.phase {
        case .reading: phaseTitle = "Leser og kontrollerer filen"
        case .storing: phaseTitle = "Lagrer katalogen"
        case .done: phaseTitle = "Ferdig"
        case .failed: phaseTitle = "Feilet – katalogen er uendret"
        }
        percent = job.totalBytes > 0 ? min(100, job.bytesRead * 100 / job.totalBytes) : 0
        megabytesRead = job.bytesRead >> 20
        megabytesTotal = job.totalBytes >> 20
        running = job.phase == .reading || job.phase == .storing
        result = job.result
        error = job.error
        startedBy = job.startedBy
    }
}
