/// The division director's assessment by the prioritisation criteria (seed 001): each must be recorded.
public struct PriorityAssessment: Codable, Hashable, Sendable {
    public var benefit: String
    public var resourceUse: String
    public var severity: String

    public init(benefit: String, resourceUse: String, severity: String) {
        self.benefit = benefit
        self.resourceUse = resourceUse
        self.severity = severity
    }
}

/// Something a person does to a case. Each action belongs to one or more states and one role; which steps take
/// which actions depends on the case's chain version (`ApprovalChain`).
public enum CaseAction: Hashable, Sendable {
    /// The applicant sends the draft, or the amended returned case, into the chain at its first step.
    case submit
    /// Chain v1, department head: quality assured and professionally assessed.
    case qualityAssure
    /// Chain v1, division director: benefit, resource use and severity assessed.
    case assessPriority(PriorityAssessment)
    /// Committee: the applicant must supply more information.
    case requestSupplement
    /// Applicant: the requested information is supplied; the case returns to the committee.
    case supplySupplement
    /// Chain v1, committee: assessment done, on to the medical director(s).
    case recommend
    /// Chain v1: the patient's own trust's medical director has been involved (cross-trust patients).
    case partnerDirectorConcur
    /// Chain v2, department head, division director, committee, patient trust's director: the step's assessment,
    /// recorded on the transition; the case goes on to the next step whatever it concludes.
    case assess(StepAssessment)
    /// Chain v2, department head, division director, committee: back to the applicant to amend and resubmit,
    /// with the reason in the comment.
    case returnToApplicant
    /// Medical director: final decision.
    case approve
    case refuse
    /// The applicant withdraws before the decision, giving the reason in the comment.
    case withdraw

    public var name: String {
        switch self {
        case .submit: "submit"
        case .qualityAssure: "quality_assure"
        case .assessPriority: "assess_priority"
        case .requestSupplement: "request_supplement"
        case .supplySupplement: "supply_supplement"
        case .recommend: "recommend"
        case .partnerDirectorConcur: "partner_director_concur"
        case .assess: "assess"
        case .returnToApplicant: "return_to_applicant"
        case .approve: "approve"
        case .refuse: "refuse"
        case .withdraw: "withdraw"
        }
    }

    /// Actions only the applicant takes; every other action is a review step subject to the four-eyes rule.
    public var isApplicantAction: Bool {
        switch self {
        case .submit, .supplySupplement, .withdraw: true
        default: false
        }
    }

    /// Whether the action needs a comment: the reasons of a decision, a return, a supplement request or a
    /// withdrawal, and the supplement itself.
    public var requiresComment: Bool {
        switch self {
        case .requestSupplement, .supplySupplement, .returnToApplicant, .approve, .refuse, .withdraw: true
        case .submit, .qualityAssure, .assessPriority, .recommend, .partnerDirectorConcur, .assess: false
        }
    }
}
