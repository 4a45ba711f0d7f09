/// Which organisation a step's actor must belong to.
public enum StepScope: String, Codable, Sendable {
    /// The applicant's own department.
    case department
    /// The applicant's trust.
    case trust
    /// The trust whose catchment area the patient lives in.
    case patientTrust = "patient_trust"
}

/// One review step of the chain: the state it acts on, who owns it and what it records.
public struct ChainStep: Hashable, Sendable {
    public let state: CaseState
    public let role: Role
    public let scope: StepScope
    /// The conclusions the step may record when it sends the case on (`CaseAction.assess`). Empty in chain v1,
    /// whose steps send the case on with an action of their own and record no assessment.
    public let assessmentKinds: [StepAssessment.Kind]
    /// Division director: the assessment carries benefit, resource use and severity.
    public let requiresPriority: Bool
    /// Committee: the assessment names the members who took part.
    public let requiresMembers: Bool
    /// Whether the step may return the case to the applicant to amend and resubmit.
    public let mayReturn: Bool
    /// Who takes the step when the applicant holds its role (SPEC §5.12: an application by a leader goes to
    /// their stand-in or the next leader up). Nil where others in the role remain to take it.
    public let nextLeaderUp: Role?

    init(
        state: CaseState, role: Role, scope: StepScope, assessmentKinds: [StepAssessment.Kind] = [],
        requiresPriority: Bool = false, requiresMembers: Bool = false, mayReturn: Bool = false,
        nextLeaderUp: Role? = nil
    ) {
        self.state = state
        self.role = role
        self.scope = scope
        self.assessmentKinds = assessmentKinds
        self.requiresPriority = requiresPriority
        self.requiresMembers = requiresMembers
        self.mayReturn = mayReturn
        self.nextLeaderUp = nextLeaderUp
    }

    /// Whether the step sends the case on with a recorded assessment (chain v2) rather than its own action (v1).
    public var recordsAssessment: Bool { !assessmentKinds.isEmpty }
}

/// A version of the trust's approval chain. Each case stores the version it started under, so a changed chain
/// never rewrites cases already under way.
public struct ApprovalChain: Hashable, Sendable {
    public let version: Int
    public let steps: [ChainStep]

    /// Seed 001: department head → division director → committee → (patient trust's director) → medical director.
    /// Each step only sends the case on; the committee may ask for supplementary information.
    ///
    /// The department head's application goes to the division director (SPEC §5.12) in v1 too: who may act is
    /// not the chain's shape, and without it such a case had nobody able to act.
    public static let v1 = ApprovalChain(
        version: 1,
        steps: [
            ChainStep(
                state: .departmentReview, role: .departmentHead, scope: .department, nextLeaderUp: .divisionDirector),
            ChainStep(state: .divisionReview, role: .divisionDirector, scope: .trust),
            ChainStep(state: .committeeReview, role: .committeeMember, scope: .trust),
            ChainStep(state: .partnerDirectorReview, role: .medicalDirector, scope: .patientTrust),
            ChainStep(state: .directorDecision, role: .medicalDirector, scope: .trust),
        ])

    /// SPEC §5.11: every step records what it thinks and can say no. The department head records a professional
    /// assessment, the division director a priority assessment, the committee a recommendation with its members;
    /// each may recommend refusal (the case still goes on to the decision) or return the case to the applicant to
    /// amend and resubmit. The patient's own trust's director comments or objects; the director decides with all
    /// of it in view.
    ///
    /// The division director's application has no next leader up: the medical director who took the division step
    /// could not decide the case (four eyes); other division directors of the trust or a stand-in take it.
    public static let v2 = ApprovalChain(
        version: 2,
        steps: [
            ChainStep(
                state: .departmentReview, role: .departmentHead, scope: .department,
                assessmentKinds: [.recommendApproval, .recommendRefusal], mayReturn: true,
                nextLeaderUp: .divisionDirector),
            ChainStep(
                state: .divisionReview, role: .divisionDirector, scope: .trust,
                assessmentKinds: [.recommendApproval, .recommendRefusal], requiresPriority: true, mayReturn: true),
            ChainStep(
                state: .committeeReview, role: .committeeMember, scope: .trust,
                assessmentKinds: [.recommendApproval, .recommendRefusal], requiresMembers: true, mayReturn: true),
            ChainStep(
                state: .partnerDirectorReview, role: .medicalDirector, scope: .patientTrust,
                assessmentKinds: [.comment, .objection]),
            ChainStep(state: .directorDecision, role: .medicalDirector, scope: .trust),
        ])

    /// New cases start on v2; cases started on v1 finish on v1.
    public static let current = v2
    public static let all: [Int: ApprovalChain] = [v1.version: v1, v2.version: v2]

    public func step(for state: CaseState) -> ChainStep? { steps.first { $0.state == state } }

    /// The organisation a role acts in on this chain: the scope of the first step it owns.
    func scope(of role: Role) -> StepScope? { steps.first { $0.role == role }?.scope }
}
