import Foundation
import Vapor

/// The audit row of a catalogue import: who (an administrator's account, or the operator at the command line)
/// and what changed.
enum CatalogueImportAudit {
    static func record(_ result: CatalogueImportResult, by actor: AuditActor, on app: Application) async throws {
        let audit = app.auditLog
        try await app.db.writeTransaction { db in
            try await audit.append(
                "catalogue.import", by: actor, caseID: nil, patientKey: nil,
                detail: "\(result.created) nye, \(result.updated) endret, \(result.unchanged) uendret", on: db)
        }
    }

    /// The operator at the command line, named by the login the shell runs as.
    static var commandLineActor: AuditActor {
        let login = ProcessInfo.processInfo.environment["SUDO_USER"] ?? ProcessInfo.processInfo.environment["USER"]
        return AuditActor(id: "cli:\(login ?? "ukjent")", role: "operator", trust: "-")
    }
}
