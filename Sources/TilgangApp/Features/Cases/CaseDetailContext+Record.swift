import Fluent
import TilgangDomain

extension CaseDetailContext {
    /// What the case page and the archive copy show as the record, whoever reads it: every step's assessment
    /// since the application was last sent, the decision as its own block, and organisations by their full names.
    mutating func fillRecord(on db: any Database) async throws {
        let lastSubmit = c.transitions.lastIndex { $0.action == CaseAction.submit.name } ?? -1
        assessments = Array(transitions[(lastSubmit + 1)...]).filter { $0.assessmentTitle != nil }
        decision = transitions.last { ["approve", "refuse"].contains($0.action) }
        let trusts = try await TrustModel.query(on: db).filter(\.$id ~~ [c.trust, c.patientTrust]).all()
        trustName = trusts.first { $0.id == c.trust }?.name ?? c.trust
        patientTrustName = trusts.first { $0.id == c.patientTrust }?.name ?? c.patientTrust
        departmentName = try await DepartmentModel.find(c.department, on: db)?.name ?? c.department
    }
}
