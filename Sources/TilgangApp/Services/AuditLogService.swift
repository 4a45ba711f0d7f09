import Fluent
import SQLKit
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
            TextFormat.hex(HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key))
        }
    }

    /// A keyed hash of a national identity number: searchable, but not the number.
    func patientKey(for nin: NationalIdentityNumber) -> String {
        chain.mac("patient|" + nin.digits)
    }

    /// One row to append, before it is sealed into the chain.
    struct Entry: Sendable {
        let action: String
        let actor: AuditActor
        let caseID: String?
        let patientKey: String?
        let detail: String
        let at: Date
    }

    /// Appends one row on `database` — pass the transaction of the change it records, so both land or neither.
    func append(
        _ action: String, by actor: AuditActor, caseID: String?, patientKey: String?, detail: String,
        on database: any Database, now: Date = Date()
    ) async throws {
        try await append(
            [Entry(action: action, actor: actor, caseID: caseID, patientKey: patientKey, detail: detail, at: now)],
            on: database)
    }

    /// Appends rows in order, in one statement, on `database` (a write transaction: the chain is "read the last,
    /// write the next"). Plain SQL: this runs for every read of a case.
    func append(_ entries: [Entry], on database: any Database) async throws {
        guard !entries.isEmpty else { return }
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        var previous = try await sql.raw(
            "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1"
        ).first().map {
            AuditChain.Link(sequence: try $0.decode(column: "sequence"), hash: try $0.decode(column: "hash"))
        }
        let insert = sql.insert(into: AuditEntryModel.schema).columns(
            "id", "sequence", "at_ms", "actor_id", "actor_role", "actor_trust", "action", "case_id", "patient_key",
            "detail", "previous_hash", "hash")
        for entry in entries {
            let sealed = chain.seal(
                after: previous, atMilliseconds: Int64((entry.at.timeIntervalSince1970 * 1000).rounded()),
                actorID: entry.actor.id, actorRole: entry.actor.role, actorTrustID: entry.actor.trust,
                action: entry.action, caseID: entry.caseID, patientKey: entry.patientKey, detail: entry.detail)
            insert.values(
                SQLBind(UUID()), SQLBind(sealed.sequence), SQLBind(sealed.atMilliseconds), SQLBind(sealed.actorID),
                SQLBind(sealed.actorRole), SQLBind(sealed.actorTrustID), SQLBind(sealed.action),
                SQLBind(sealed.caseID), SQLBind(sealed.patientKey), SQLBind(sealed.detail),
                SQLBind(sealed.previousHash), SQLBind(sealed.hash))
            previous = AuditChain.Link(sequence: sealed.sequence, hash: sealed.hash)
        }
        // The unique sequence makes a concurrent append fail rather than fork the chain.
        try await insert.run()
        guard let head = previous else { return }
        let mac = chain.headMAC(sequence: head.sequence, hash: head.hash)
        let updated = try await sql.raw(
            """
            UPDATE audit_head SET sequence = \(bind: head.sequence), hash = \(bind: head.hash), mac = \(bind: mac)
            WHERE name = \(bind: Self.headName) RETURNING name
            """
        ).all()
        if updated.isEmpty {
            try await sql.raw(
                """
                INSERT INTO audit_head (name, sequence, hash, mac)
                VALUES (\(bind: Self.headName), \(bind: head.sequence), \(bind: head.hash), \(bind: mac))
                """
            ).run()
        }
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
