import FluentSQLiteDriver
import Foundation
import TilgangDomain
import TilgangPersistence

/// The keyset-paged reads of `tilgang audit verify`: each page starts after the last key of the one before (an
/// index seek, however far into the table), so no query holds more than a page and none gets slower as it goes.
enum AuditStreamQueries {
    /// Audit rows after `sequence`, in order.
    struct RowsAfter: FixedQuery {
        static let sql = """
            SELECT sequence, at_ms, actor_id, actor_role, actor_trust, action, case_id, patient_key, detail,
            previous_hash, hash FROM audit_log WHERE sequence > $1 ORDER BY sequence LIMIT $2
            """
        let sequence: Int
        let limit: Int

        var sqliteBinds: [SQLiteData] { [.integer(sequence), .integer(limit)] }
        var binds: [any Encodable & Sendable] { [sequence, limit] }
    }

    /// The first page of cases, by id.
    struct FirstCases: FixedQuery {
        static let sql = "SELECT id, case_number, state FROM cases ORDER BY id LIMIT $1"
        let limit: Int

        var sqliteBinds: [SQLiteData] { [.integer(limit)] }
        var binds: [any Encodable & Sendable] { [limit] }
    }

    /// Cases after `id`, by id.
    struct CasesAfter: FixedQuery {
        static let sql = "SELECT id, case_number, state FROM cases WHERE id > $1 ORDER BY id LIMIT $2"
        let id: UUID
        let limit: Int

        var sqliteBinds: [SQLiteData] { [.text(TextFormat.uuidString(id)), .integer(limit)] }
        var binds: [any Encodable & Sendable] { [id, limit] }
    }

    /// The steps of the cases from `first` to `last` (one page of cases), through the (case_id, position) index.
    struct StepsBetween: FixedQuery {
        static let sql = """
            SELECT case_id, "position", from_state, to_state, action, actor_id, on_behalf_of_id
            FROM case_transitions WHERE case_id >= $1 AND case_id <= $2 ORDER BY case_id, "position"
            """
        let first: UUID
        let last: UUID

        var sqliteBinds: [SQLiteData] { [.text(TextFormat.uuidString(first)), .text(TextFormat.uuidString(last))] }
        var binds: [any Encodable & Sendable] { [first, last] }
    }

    static func record(_ row: ResultRow) throws -> AuditRecord {
        AuditRecord(
            sequence: try row.value("sequence"), atMilliseconds: Int64(try row.value("at_ms", as: Int.self)),
            actorID: try row.value("actor_id"), actorRole: try row.value("actor_role"),
            actorTrustID: try row.value("actor_trust"), action: try row.value("action"),
            caseID: try row.value("case_id"), patientKey: try row.value("patient_key"),
            detail: try row.value("detail"), previousHash: try row.value("previous_hash"),
            hash: try row.value("hash"))
    }

    static func seal(_ row: ResultRow) throws -> (caseID: UUID, seal: DecisionSeal) {
        let caseID: UUID = try row.value("case_id")
        let seal = DecisionSeal(
            caseID: caseID.uuidString, position: try row.value("position"),
            fromState: try row.value("from_state"), toState: try row.value("to_state"),
            action: try row.value("action"), actorID: try row.value("actor_id", as: UUID.self).uuidString,
            onBehalfOfID: try row.value("on_behalf_of_id", as: UUID?.self)?.uuidString)
        return (caseID, seal)
    }
}
