import TilgangDomain

/// Least privilege for cases (SPEC §2): the applicant sees their own; the department head their department's;
/// division director, committee and medical director their trust's; the medical director of a cross-trust
/// patient's trust that case. Drafts are the applicant's alone. Nobody else reads patient data.
enum CaseAccess {
    static func mayRead(_ model: some CaseAccessFacts, _ user: AuthenticatedUser) -> Bool {
        if model.applicantID == user.id { return true }
        if model.state == CaseState.draft.rawValue { return false }
        switch user.role {
        case .departmentHead:
            return user.organisation == model.trustCode && user.departmentCode == model.departmentCode
        case .divisionDirector, .committeeMember:
            return user.organisation == model.trustCode
        case .medicalDirector:
            return user.organisation == model.trustCode || user.organisation == model.patientTrustCode
        default:
            return false
        }
    }

    /// Whether the case's current step is this user's to act on.
    static func isWaiting(on user: AuthenticatedUser, _ model: some CaseAccessFacts, state: CaseState) -> Bool {
        if model.applicantID == user.id { return state.isWithApplicant }
        guard let step = ApprovalChain.all[model.chainVersion]?.step(for: state), step.role == user.role else {
            return false
        }
        switch step.scope {
        case .department: return user.organisation == model.trustCode && user.departmentCode == model.departmentCode
        case .trust: return user.organisation == model.trustCode
        case .patientTrust: return user.organisation == model.patientTrustCode
        }
    }
}
