import Fluent
import Vapor

/// The audit row of a FEST import, by an administrator's upload or the operator's command.
enum FESTImportAudit {
    static func record(_ result: FESTImportResult, by actor: AuditActor, on app: Application) async throws {
        let audit = app.auditLog
        try await app.db.writeTransaction { db in
            try await audit.append(
                "catalogue.fest.import", by: actor, caseID: nil, patientKey: nil,
                detail: "\(result.release): \(result.added) nye, \(result.changed) endret, \(result.retired) utgått",
                on: db)
        }
    }
}
