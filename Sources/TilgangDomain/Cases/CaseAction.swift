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

/// Something a person does to a case. Each action belongs to one state and one role.
public enum CaseAction: Hashable, Sendable {
    /// The applicant sends the draft into the chain.
    case submit
    /// Department head: quality assured and professionally assessed.
    case qualityAssure
    /// Division director: benefit, resource use and severity assessed.
    case assessPriority(PriorityAssessment)
    /// Committee: the applicant must supply more information.
    case requestSupplement
    /// Applicant: the requested information is supplied; the case returns to the committee.
    case supplySupplement
    /// Committee: assessment done, on to the medical director(s).
    case recommend
    /// The patient's own trust's medical director has been involved (cross-trust patients).
    case partnerDirectorConcur
    /// Medical director: final decision.
    case approve
    case refuse
    /// The applicant withdraws before the decision.
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
}
