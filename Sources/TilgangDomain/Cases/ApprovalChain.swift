/// Which organisation a step's actor must belong to.
public enum StepScope: String, Codable, Sendable {
    /// The applicant's own department.
    case department
    /// The applicant's trust.
    case trust
    /// The trust whose catchment area the patient lives in.
    case patientTrust = "patient_trust"
}

/// One review step of the chain: the state it acts on and who owns it.
public struct ChainStep: Hashable, Sendable {
    public let state: CaseState
    public let role: Role
    public let scope: StepScope
}

/// A version of the trust's approval chain. Each case stores the version it started under, so a changed chain
/// never rewrites cases already under way.
public struct ApprovalChain: Hashable, Sendable {
    public let version: Int
    public let steps: [ChainStep]

    /// Seed 001: department head → division director → committee → (patient trust's director) → medical director.
    public static let v1 = ApprovalChain(
        version: 1,
        steps: [
            ChainStep(state: .departmentReview, role: .departmentHead, scope: .department),
            ChainStep(state: .divisionReview, role: .divisionDirector, scope: .trust),
            ChainStep(state: .committeeReview, role: .committeeMember, scope: .trust),
            ChainStep(state: .partnerDirectorReview, role: .medicalDirector, scope: .patientTrust),
            ChainStep(state: .directorDecision, role: .medicalDirector, scope: .trust),
        ])

    public static let current = v1
    public static let all: [Int: ApprovalChain] = [v1.version: v1]

    public func step(for state: CaseState) -> ChainStep? { steps.first { $0.state == state } }
}
