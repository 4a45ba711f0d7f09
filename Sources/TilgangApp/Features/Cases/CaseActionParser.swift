import TilgangDomain

/// Reads the action of a form or API call into the domain's `CaseAction`.
enum CaseActionParser {
    static func parse(_ input: CaseActionInput) throws -> CaseAction {
        switch input.action {
        case "submit": return .submit
        case "quality_assure": return .qualityAssure
        case "assess_priority":
            return .assessPriority(
                PriorityAssessment(
                    benefit: input.benefit ?? "", resourceUse: input.resourceUse ?? "", severity: input.severity ?? ""))
        case "request_supplement": return .requestSupplement
        case "supply_supplement": return .supplySupplement
        case "recommend": return .recommend
        case "partner_director_concur": return .partnerDirectorConcur
        case "approve": return .approve
        case "refuse": return .refuse
        case "withdraw": return .withdraw
        case "return_to_applicant": return .returnToApplicant
        case "assess":
            guard let kind = StepAssessment.Kind(rawValue: input.assessmentKind ?? "") else {
                throw ValidationFailure(
                    field: "assessmentKind",
                    message: "velg en vurdering: " + StepAssessment.Kind.allCases.map(\.title).joined(separator: ", "))
            }
            let priority =
                input.benefit == nil
                ? nil
                : PriorityAssessment(
                    benefit: input.benefit ?? "", resourceUse: input.resourceUse ?? "", severity: input.severity ?? "")
            return .assess(
                StepAssessment(
                    kind: kind, text: input.assessment ?? "", members: input.members ?? [], priority: priority))
        default:
            throw ValidationFailure(field: "action", message: "ukjent handling «\(input.action)»")
        }
    }
}
