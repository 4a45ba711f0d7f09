import Fluent
import TilgangDomain
import Vapor

/// Who did something, as the audit log records it.
struct AuditActor: Sendable {
    let id: String
    let role: String
    let trust: String

    init(_ user: AuthenticatedUser) {
        id = user.username
        role = user.role.rawValue
        trust = user.organisation
    }

    init(id: String, role: String, trust: String) {
        self.id = id
        self.role = role
        self.trust = trust
    }
}

/// The append-only audit log with its keyed hash chain (HMAC-SHA256).
struct AuditLogService {
    static let headName = "audit"

    let key: SymmetricKey

    var chain: AuditChain {
        let key = key
        return AuditChain { payload in
            HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)
                .map { String(format: "%02x", $0) }.joined()
        }
    }

    /// A keyed hash of a national identity number: searchable, but not the number.
    func patientKey(for nin: NationalIdentityNumber) -> String {
        chain.mac("patient|" + nin.digits)
    }

    /// Appends one row on `database` — pass the transaction of the change it records, so both land or neither.
    func append(
        _ action: String, by actor: AuditActor, caseID: String?, patientKey: String?, detail: String,
        on database: any Database, now: Date = Date()
    ) async throws {
        let last = try await AuditEntryModel.query(on: database).sort(\.$sequence, .descending).first()
        let sealed = chain.seal(
            after: last.map(Self.record), atMilliseconds: Int64((now.timeIntervalSince1970 * 1000).rounded()),
            actorID: actor.id, actorRole: actor.role, actorTrustID: actor.trust, action: action, caseID: caseID,
            patientKey: patientKey, detail: detail)
        let row = AuditEntryModel()
        row.sequence = sealed.sequence
        row.atMilliseconds = sealed.atMilliseconds
        row.actorID = sealed.actorID
        row.actorRole = sealed.actorRole
        row.actorTrust = sealed.actorTrustID
        row.action = sealed.action
        row.caseID = sealed.caseID
        row.patientKey = sealed.patientKey
        row.detail = sealed.detail
        row.previousHash = sealed.previousHash
        row.hash = sealed.hash
        // The unique sequence makes a concurrent append fail rather than fork the chain.
        try await row.create(on: database)
        let head = try await AuditHeadModel.find(Self.headName, on: database) ?? AuditHeadModel()
        head.id = Self.headName
        head.sequence = sealed.sequence
        head.hash = sealed.hash
        head.mac = chain.headMAC(sequence: sealed.sequence, hash: sealed.hash)
        try await head.save(on: database)
    }

    func verify(on database: any Database) async throws -> AuditChain.Verdict {
        let rows = try await AuditEntryModel.query(on: database).sort(\.$sequence).all().map(Self.record)
        let head = try await AuditHeadModel.find(Self.headName, on: database)
        return chain.verify(rows, head: head.map { ($0.sequence, $0.hash, $0.mac) })
    }

    static func record(_ row: AuditEntryModel) -> AuditRecord {
        AuditRecord(
            sequence: row.sequence, atMilliseconds: row.atMilliseconds, actorID: row.actorID, actorRole: row.actorRole,
            actorTrustID: row.actorTrust, action: row.action, caseID: row.caseID, patientKey: row.patientKey,
            detail: row.detail, previousHash: row.previousHash, hash: row.hash)
    }
}

extension Application {
    var auditLog: AuditLogService { AuditLogService(key: auditKey) }
}

extension Request {
    var auditLog: AuditLogService { application.auditLog }
}
