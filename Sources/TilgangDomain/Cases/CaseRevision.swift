/// A new application that revises a refused one: a draft under the current chain, linked to the case it revises.
/// The caller copies the refused application's fields into the draft for the applicant to change.
public struct CaseRevision: Hashable, Sendable {
    /// The refused case the draft revises; the new case keeps this link, and the refused one stays as decided.
    public let revisesCaseID: String
    /// The new draft: same applicant, trust, department and patient trust, current chain, no history.
    public let draft: CaseSnapshot
}

extension ApprovalWorkflow {
    /// Starts a revision of the refused case `caseID`. Only its applicant may revise it, and only once refused:
    /// a case under way is returned or withdrawn instead, and an approved one needs no revision.
    public static func revise(
        _ snapshot: CaseSnapshot, caseID: String, by actor: CaseActor
    ) throws(CaseTransitionError) -> CaseRevision {
        guard snapshot.state == .refused else { throw .notAllowedInState(action: "revise", state: snapshot.state) }
        guard actor.personID == snapshot.applicantID, actor.onBehalfOf == nil else { throw .onlyApplicant }
        let draft = CaseSnapshot(
            state: .draft, chainVersion: ApprovalChain.current.version, applicantID: snapshot.applicantID,
            trustID: snapshot.trustID, departmentID: snapshot.departmentID, patientTrustID: snapshot.patientTrustID,
            history: [], applicantRole: snapshot.applicantRole)
        return CaseRevision(revisesCaseID: caseID, draft: draft)
    }
}
