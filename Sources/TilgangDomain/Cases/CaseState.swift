/// Where an application to the trust stands in its approval chain (SPEC §5, seed 001).
public enum CaseState: String, Codable, Sendable, CaseIterable {
    case draft
    /// Department head: quality assurance and professional assessment.
    case departmentReview = "department_review"
    /// Division director: benefit, resource use (cost) and severity.
    case divisionReview = "division_review"
    /// Assessment committee: may ask the applicant for more information.
    case committeeReview = "committee_review"
    /// Back with the applicant for supplementary information; returns to the committee.
    case supplementRequested = "supplement_requested"
    /// Returned to the applicant by a step of the chain (v2), to amend and resubmit; the case then starts the chain
    /// again at its first step.
    case returned = "returned_to_applicant"
    /// Cross-trust patient: the medical director of the patient's own trust is involved first.
    case partnerDirectorReview = "partner_director_review"
    /// Medical director: approve or refuse, with reasons.
    case directorDecision = "director_decision"
    case approved
    case refused
    case withdrawn

    public var isFinal: Bool { self == .approved || self == .refused || self == .withdrawn }

    /// The applicant acts next: a draft, a returned case or a supplement request.
    public var isWithApplicant: Bool { self == .draft || self == .returned || self == .supplementRequested }

    /// Norwegian name shown to users.
    public var title: String {
        switch self {
        case .draft: "Utkast"
        case .departmentReview: "Til fagansvarlig leder"
        case .divisionReview: "Til forankringsansvarlig leder"
        case .committeeReview: "Til vurderingskomiteen"
        case .supplementRequested: "Tilleggsopplysninger etterspurt"
        case .returned: "Returnert til søker"
        case .partnerDirectorReview: "Til direktør i pasientens helseforetak"
        case .directorDecision: "Til direktør medisin og helsefag"
        case .approved: "Godkjent"
        case .refused: "Avslått"
        case .withdrawn: "Trukket"
        }
    }
}
