import Fluent
import SQLKit
import TilgangDomain
import Vapor

/// The append-only audit log with its keyed hash chain (HMAC-SHA256).
struct AuditLogService {
    static let headName = "audit"

    let key: SymmetricKey
    /// The head this process appended last; a hint, checked by every append.
    let lastKnown: AuditHeadHint
    /// When a row is written (the application's clock).
    let clock: AppClock

    var chain: AuditChain {
        // The key's inner and outer blocks hashed once, copied per message (copy-on-write), so each row's HMAC
        // costs its own blocks only: `audit verify` makes one per row, tens of millions at ten years.
        let keyed = HMAC<SHA256>(key: key)
        return AuditChain { payload in
            var mac = keyed
            mac.update(data: Data(payload.utf8))
            return TextFormat.hex(mac.finalize())
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
        on database: any Database, now: Date? = nil
    ) async throws {
        let at = now ?? clock.now
        try await append(
            [Entry(action: action, actor: actor, caseID: caseID, patientKey: patientKey, detail: detail, at: at)],
            on: database)
    }

    /// Appends rows in order, in one statement, on `database` (a write transaction: the chain is "read the last,
    /// write the next"). Plain SQL, and usually without reading: the head this process wrote last is tried first,
    /// and the head row moves only if it is still there; otherwise (another process wrote, or a transaction rolled
    /// back) the last row is read and the append starts over from it.
    func append(_ entries: [Entry], on database: any Database) async throws {
        guard !entries.isEmpty else { return }
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        if let known = lastKnown.link, try await append(entries, after: known, expectingHead: true, on: sql) {
            return
        }
        let last = try await sql.raw(
            "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1"
        ).first().map {
            AuditChain.Link(sequence: try $0.decode(column: "sequence"), hash: try $0.decode(column: "hash"))
        }
        _ = try await append(entries, after: last, expectingHead: false, on: sql)
    }

    /// False (nothing written) when `expectingHead` and the head row is not at `previous`.
    private func append(
        _ entries: [Entry], after previous: AuditChain.Link?, expectingHead: Bool, on sql: any SQLDatabase
    ) async throws -> Bool {
        var link = previous
        let insert = sql.insert(into: AuditEntryModel.schema).columns(
            "id", "sequence", "at_ms", "actor_id", "actor_role", "actor_trust", "action", "case_id", "patient_key",
            "detail", "previous_hash", "hash")
        for entry in entries {
            let sealed = chain.seal(
                after: link, atMilliseconds: Int64((entry.at.timeIntervalSince1970 * 1000).rounded()),
                actorID: entry.actor.id, actorRole: entry.actor.role, actorTrustID: entry.actor.trust,
                action: entry.action, caseID: entry.caseID, patientKey: entry.patientKey, detail: entry.detail)
            insert.values(
                SQLBind(UUID()), SQLBind(sealed.sequence), SQLBind(sealed.atMilliseconds), SQLBind(sealed.actorID),
                SQLBind(sealed.actorRole), SQLBind(sealed.actorTrustID), SQLBind(sealed.action),
                SQLBind(sealed.caseID), SQLBind(sealed.patientKey), SQLBind(sealed.detail),
                SQLBind(sealed.previousHash), SQLBind(sealed.hash))
            link = AuditChain.Link(sequence: sealed.sequence, hash: sealed.hash)
        }
        guard let head = link else { return true }
        let mac = chain.headMAC(sequence: head.sequence, hash: head.hash)
        var update: SQLQueryString = """
            UPDATE audit_head SET sequence = \(bind: head.sequence), hash = \(bind: head.hash), mac = \(bind: mac)
            WHERE name = \(bind: Self.headName)
            """
        if expectingHead, let previous {
            update += " AND sequence = \(bind: previous.sequence) AND hash = \(bind: previous.hash)"
        }
        let moved = try await sql.raw(update + " RETURNING name").all()
        if moved.isEmpty {
            if expectingHead { return false }
            try await sql.raw(
                """
                INSERT INTO audit_head (name, sequence, hash, mac)
                VALUES (\(bind: Self.headName), \(bind: head.sequence), \(bind: head.hash), \(bind: mac))
                """
            ).run()
        }
        // The unique sequence makes a concurrent append fail rather than fork the chain.
        try await insert.run()
        // Before the commit: if it rolls back, the next append finds the head elsewhere and reads it.
        lastKnown.link = head
        return true
    }

    /// The keyed hash of a case step's seal, written into its audit row.
    func sealHash(_ seal: DecisionSeal) -> String { chain.mac(seal.canonicalPayload) }
}

extension Application {
    private struct AuditHeadHintKey: StorageKey {
        typealias Value = AuditHeadHint
    }

    /// Made at start-up (`configureServices`).
    var auditHeadHint: AuditHeadHint {
        get { configuredService(AuditHeadHintKey.self) }
        set { storage[AuditHeadHintKey.self] = newValue }
    }

    var auditLog: AuditLogService { AuditLogService(key: auditKey, lastKnown: auditHeadHint, clock: clock) }
}

extension Request {
    var auditLog: AuditLogService { application.auditLog }
}
