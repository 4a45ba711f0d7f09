import Fluent
import TilgangDomain
import Vapor

/// The patient's right to see who has read their cases: the audit rows carrying the patient's keyed hash.
struct AccessLogService {
    let database: any Database
    let audit: AuditLogService

    struct Entry: Content {
        let at: Date
        let actor: String
        let role: String
        let organisation: String
        let action: String
        let caseNumber: String?
    }

    /// Only a trust's administrator answers such requests, and only for reads by their own organisation's people
    /// (each trust is the data controller for its own staff's access; another trust's rows would show its case
    /// numbers and staff). The lookup is itself logged.
    func entries(for nin: NationalIdentityNumber, requestedBy user: AuthenticatedUser) async throws -> [Entry] {
        guard user.role == .administrator else { throw CaseError.forbidden }
        let key = audit.patientKey(for: nin)
        let rows = try await AuditEntryModel.query(on: database).filter(\.$patientKey == key)
            .filter(\.$actorTrust == user.organisation).sort(\.$sequence).all()
        let audit = audit
        try await database.writeTransaction { db in
            try await audit.append(
                "patient.access_log", by: AuditActor(user), caseID: nil, patientKey: key, detail: "", on: db)
        }
        return rows.map {
            Entry(
                at: Date(timeIntervalSince1970: Double($0.atMilliseconds) / 1000), actor: $0.actorID,
                role: Role(rawValue: $0.actorRole)?.title ?? $0.actorRole, organisation: $0.actorTrust,
                action: $0.action, caseNumber: $0.caseID)
        }
    }
}

extension Request {
    var accessLog: AccessLogService { AccessLogService(database: db, audit: auditLog) }
}
