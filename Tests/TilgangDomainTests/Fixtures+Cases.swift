@testable import TilgangDomain

/// People and cases for the approval-chain tests: one trust (SI) with a medicine department (med), and the patient's
/// own trust (HB) for cross-trust cases.
extension Fixtures {
    static let physician = CaseActor(personID: "lege", role: .physician, trustID: "SI", departmentID: "med")
    static let head = CaseActor(personID: "leder", role: .departmentHead, trustID: "SI", departmentID: "med")
    static let division = CaseActor(personID: "divisjon", role: .divisionDirector, trustID: "SI", departmentID: nil)
    static let committee = CaseActor(personID: "komite", role: .committeeMember, trustID: "SI", departmentID: nil)
    static let director = CaseActor(personID: "direktor", role: .medicalDirector, trustID: "SI", departmentID: nil)
    static let partner = CaseActor(personID: "direktor-hb", role: .medicalDirector, trustID: "HB", departmentID: nil)
    static let priority = PriorityAssessment(benefit: "Stor", resourceUse: "Moderat", severity: "Alvorlig")

    /// A draft by `applicant` in SI/med on `chain`.
    static func draft(
        by applicant: CaseActor = physician, patientTrust: String = "SI", chain: Int = ApprovalChain.v2.version
    ) -> CaseSnapshot {
        CaseSnapshot(
            state: .draft, chainVersion: chain, applicantID: applicant.personID, trustID: "SI", departmentID: "med",
            patientTrustID: patientTrust, history: [], applicantRole: applicant.role)
    }

    /// The case after `transition`, as the store would keep it.
    static func after(_ transition: CaseTransition, on snapshot: CaseSnapshot) -> CaseSnapshot {
        CaseSnapshot(
            state: transition.to, chainVersion: snapshot.chainVersion, applicantID: snapshot.applicantID,
            trustID: snapshot.trustID, departmentID: snapshot.departmentID, patientTrustID: snapshot.patientTrustID,
            history: snapshot.history + [transition], applicantRole: snapshot.applicantRole)
    }

    /// Applies the actions in turn and returns the final snapshot.
    static func run(_ steps: [(CaseAction, CaseActor, String?)], from start: CaseSnapshot) throws -> CaseSnapshot {
        var snapshot = start
        for (action, actor, comment) in steps {
            snapshot = after(
                try ApprovalWorkflow.apply(action, comment: comment, by: actor, to: snapshot), on: snapshot)
        }
        return snapshot
    }

    /// A chain v2 assessment with reasons.
    static func opinion(
        _ kind: StepAssessment.Kind, _ text: String = "Begrunnet vurdering", members: [String] = [],
        priority: PriorityAssessment? = nil
    ) -> CaseAction {
        .assess(StepAssessment(kind: kind, text: text, members: members, priority: priority))
    }

    /// Chain v2 from submission to the committee, everyone in favour.
    static let toCommittee: [(CaseAction, CaseActor, String?)] = [
        (.submit, physician, nil), (opinion(.recommendApproval, "Faglig forsvarlig"), head, nil),
        (opinion(.recommendApproval, "Høy nytte", priority: priority), division, nil),
    ]
}
