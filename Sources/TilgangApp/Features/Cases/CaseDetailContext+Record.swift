import Fluent
import SQLKit
import TilgangDomain

extension CaseDetailContext {
    /// What the case page and the archive copy show as the record, whoever reads it: every step's assessment
    /// since the application was last sent and the decision as its own block.
    mutating func fillRecord() {
        let lastSubmit = c.transitions.lastIndex { $0.action == CaseAction.submit.name } ?? -1
        assessments = Array(transitions[(lastSubmit + 1)...]).filter { $0.assessmentTitle != nil }
        decision = transitions.last { ["approve", "refuse"].contains($0.action) }
    }

    /// The organisations by their full names, which the archive copy shows (`cases/archive`; the case page does
    /// not, so it does not ask).
    mutating func fillNames(on db: any Database) async throws {
        // The three names in one plain query: two Fluent queries made and reflected models each time.
        guard let sql = db as? any SQLDatabase else { throw CaseError.notFound }
        let query: SQLQueryString = """
            SELECT 'trust' AS kind, code, name FROM trusts WHERE code IN (\(binds: [c.trust, c.patientTrust])) \
            UNION ALL SELECT 'department' AS kind, code, name FROM departments WHERE code = \(bind: c.department)
            """
        var trusts: [String: String] = [:]
        var department: String?
        for row in try await sql.resultRows(query) {
            let (kind, code, name): (String, String, String) = (
                try row.value("kind"), try row.value("code"), try row.value("name")
            )
            if kind == "trust" { trusts[code] = name } else { department = name }
        }
        trustName = trusts[c.trust] ?? c.trust
        patientTrustName = trusts[c.patientTrust] ?? c.patientTrust
        departmentName = department ?? c.department
    }
}
