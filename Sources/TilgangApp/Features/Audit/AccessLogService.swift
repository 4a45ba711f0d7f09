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
        /// The request for access to earlier applications the row belongs to: its request, decision, or a read
        /// under its grant (issue 19).
        let accessRequest: String?

        /// The id after `request=` or `grant=` in an audit row's detail.
        static func accessRequest(inDetail detail: String) -> String? {
            for word in detail.split(separator: " ") {
                for prefix in ["request=", "grant="] where word.hasPrefix(prefix) {
                    return String(word.dropFirst(prefix.count))
                }
            }
            return nil
        }
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
                action: $0.action, caseNumber: $0.caseID, accessRequest: Entry.accessRequest(inDetail: $0.detail))
        }
    }

    /// The requests for access to earlier applications for the patient made in the administrator's trust, with
    /// their grants (who, period, reasons). Asked with `entries`, whose own audit row records the lookup.
    func accessRequests(
        for nin: NationalIdentityNumber, requestedBy user: AuthenticatedUser, clock: AppClock
    ) async throws -> [AccessRequestDTO] {
        guard user.role == .administrator else { throw CaseError.forbidden }
        return try await AccessRequestService(database: database, audit: audit, clock: clock)
            .forPatient(key: audit.patientKey(for: nin), trust: user.organisation)
    }
}

extension Request {
    var accessLog: AccessLogService { AccessLogService(database: db, audit: auditLog) }
}
