import Fluent
import SQLKit
import TilgangDomain
import Vapor

/// The read side of cases in plain SQL, decoded into values (`CaseRecord`, `CaseListRow`). Work lists filter by
/// access in the database, so a list reads only what the user may see. `CaseService` still checks every row
/// with `CaseAccess`: the SQL narrows, the rule decides.
struct CaseStore {
    let sql: any SQLDatabase

    init(_ database: any Database) throws {
        guard let sql = database as? any SQLDatabase else { throw Abort(.internalServerError) }
        self.sql = sql
    }

    private static let recordColumns = CaseRecord.CodingKeys.allCases.map { "c.\"\($0.rawValue)\"" }
        .joined(separator: ", ")
    private static let listColumns = CaseListRow.CodingKeys.allCases.map { "\"\($0.rawValue)\"" }
        .joined(separator: ", ")
    private static let transitionColumns = CaseTransitionRecord.CodingKeys.allCases.map { "t.\"\($0.rawValue)\"" }
        .joined(separator: ", ")

    /// The case with its transitions, in one query: one row per transition (one row with no transition columns
    /// for a draft). The two tables share no column name.
    func record(_ id: UUID) async throws -> CaseRecord? {
        let rows = try await sql.raw(
            """
            SELECT \(unsafeRaw: Self.recordColumns), \(unsafeRaw: Self.transitionColumns) FROM cases c
            LEFT JOIN case_transitions t ON t.case_id = c.id WHERE c.id = \(bind: id) ORDER BY t."position"
            """
        ).all()
        guard let first = rows.first else { return nil }
        var record = try first.decode(model: CaseRecord.self)
        record.history = try rows.filter { try !$0.decodeNil(column: "from_state") }
            .map { try $0.decode(model: CaseTransitionRecord.self) }
        return record
    }

    /// Newest first: the cases any of `people` may read (`CaseAccess.mayRead` as SQL), in `states` when given.
    func listRows(visibleTo people: [AuthenticatedUser], states: [CaseState]? = nil) async throws -> [CaseListRow] {
        let draft = CaseState.draft.rawValue
        var visible: [SQLQueryString] = []
        for person in people {
            visible.append("applicant_id = \(bind: person.id)")
            switch person.role {
            case .departmentHead:
                guard let department = person.departmentCode else { continue }
                visible.append(
                    """
                    (state <> \(bind: draft) AND trust_code = \(bind: person.organisation) \
                    AND department_code = \(bind: department))
                    """)
            case .divisionDirector, .committeeMember:
                visible.append("(state <> \(bind: draft) AND trust_code = \(bind: person.organisation))")
            case .medicalDirector:
                visible.append(
                    """
                    (state <> \(bind: draft) AND (trust_code = \(bind: person.organisation) \
                    OR patient_trust_code = \(bind: person.organisation)))
                    """)
            default:
                continue
            }
        }
        guard !visible.isEmpty else { return [] }
        var query: SQLQueryString = "SELECT \(unsafeRaw: Self.listColumns) FROM cases WHERE ("
        query += visible.joined(separator: " OR ")
        query += ")"
        if let states { query += " AND state IN (\(binds: states.map(\.rawValue)))" }
        query += " ORDER BY created_at DESC"
        return try await sql.raw(query).all(decoding: CaseListRow.self)
    }
}
